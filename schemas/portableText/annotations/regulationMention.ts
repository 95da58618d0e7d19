/** Marks words that name a law or rule (e.g. "PIPL"), linking them to the regulation explainer. */
import {BookIcon} from '@sanity/icons/Book'
import {defineField, defineType} from 'sanity'

import {createMentionAnnotation} from '../components/MentionAnnotation'

export const regulationMentionAnnotationType = defineType({
  name: 'regulationMention',
  title: 'Regulation mention',
  type: 'object',
  icon: BookIcon,
  components: {annotation: createMentionAnnotation('regulation')},
  fields: [
    defineField({
      name: 'regulation',
      title: 'Regulation',
      type: 'reference',
      to: [{type: 'regulation'}],
      validation: (rule) => rule.required(),
    }),
  ],
})
