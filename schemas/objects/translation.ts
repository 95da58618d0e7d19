/** A published translation of a Chinese legal text, e.g. DigiChina's English PIPL. */
import {TranslateIcon} from '@sanity/icons/Translate'
import {defineField, defineType} from 'sanity'

import {webUrl} from '../validation/webUrl'

export const translationType = defineType({
  name: 'translation',
  title: 'Translation',
  type: 'object',
  icon: TranslateIcon,
  fields: [
    defineField({name: 'publisher', title: 'Publisher', type: 'string', validation: (rule) => rule.required()}),
    defineField({name: 'url', title: 'URL', type: 'url', validation: (rule) => webUrl(rule, {required: true})}),
    defineField({
      name: 'language',
      title: 'Language',
      type: 'string',
      description: 'BCP 47 code, e.g. en',
      initialValue: 'en',
    }),
  ],
  preview: {
    select: {publisher: 'publisher', language: 'language', url: 'url'},
    prepare: ({publisher, language, url}) => ({
      title: publisher || url || 'Translation',
      subtitle: language,
    }),
  },
})
