/**
 * A quotation block in the article body: a pull quote or a block quote, always tied to a speaker
 * (an interviewSource) and, when known, the interview it came from and how it may be attributed.
 */
import {BlockquoteIcon} from '@sanity/icons/Blockquote'
import {defineField, defineType} from 'sanity'

import {ATTRIBUTION_OPTIONS} from '../objects/attributionOptions'
import {interviewKeyField, speakerField} from './speakerFields'

export const quotationType = defineType({
  name: 'quotation',
  title: 'Quotation',
  type: 'object',
  icon: BlockquoteIcon,
  fields: [
    defineField({name: 'text', title: 'Quote', type: 'text', rows: 3, validation: (rule) => rule.required()}),
    speakerField,
    defineField({
      name: 'speakerTitle',
      title: 'Speaker’s title at the time',
      type: 'string',
      description: 'As printed under the quote; people change jobs, the quote does not.',
    }),
    interviewKeyField,
    defineField({
      name: 'attribution',
      title: 'Attribution',
      type: 'string',
      options: {list: ATTRIBUTION_OPTIONS, layout: 'radio', direction: 'horizontal'},
      initialValue: 'onRecord',
    }),
    defineField({
      name: 'style',
      title: 'Style',
      type: 'string',
      options: {
        list: [
          {title: 'Pull quote', value: 'pull'},
          {title: 'Block quote', value: 'block'},
        ],
        layout: 'radio',
        direction: 'horizontal',
      },
      initialValue: 'pull',
    }),
  ],
  preview: {
    select: {text: 'text', speakerName: 'speaker.name', style: 'style'},
    prepare: ({text, speakerName, style}) => ({
      title: text ? `“${text}”` : 'Quotation',
      subtitle: [speakerName ? `— ${speakerName}` : 'No speaker', style === 'block' ? 'block quote' : 'pull quote']
        .filter(Boolean)
        .join(' · '),
    }),
  },
})
