/** Marks words that name a person we quote elsewhere, linking them to their source profile. */
import {UserIcon} from '@sanity/icons/User'
import {defineField, defineType} from 'sanity'

import {createMentionAnnotation} from '../components/MentionAnnotation'

export const sourceMentionAnnotationType = defineType({
  name: 'sourceMention',
  title: 'Source mention',
  type: 'object',
  icon: UserIcon,
  components: {annotation: createMentionAnnotation('source')},
  fields: [
    defineField({
      name: 'source',
      title: 'Source',
      type: 'reference',
      to: [{type: 'interviewSource'}],
      validation: (rule) => rule.required(),
    }),
  ],
})
