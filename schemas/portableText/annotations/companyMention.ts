/** Marks words that name a company, so the company page can list every article mentioning it. */
import {CaseIcon} from '@sanity/icons/Case'
import {defineField, defineType} from 'sanity'

import {createMentionAnnotation} from '../components/MentionAnnotation'

export const companyMentionAnnotationType = defineType({
  name: 'companyMention',
  title: 'Company mention',
  type: 'object',
  icon: CaseIcon,
  components: {annotation: createMentionAnnotation('company')},
  fields: [
    defineField({
      name: 'company',
      title: 'Company',
      type: 'reference',
      to: [{type: 'company'}],
      validation: (rule) => rule.required(),
    }),
  ],
})
