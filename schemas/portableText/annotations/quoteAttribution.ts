/**
 * Attributes quoted words inside a paragraph to a speaker and, ideally, the interview they came
 * from: the in-line counterpart of the `quotation` block, for quotes woven into the reporting.
 */
import {CommentIcon} from '@sanity/icons/Comment'
import {defineField, defineType} from 'sanity'

import {InterviewKeyInput} from '../components/InterviewKeyInput'
import {QuoteAttributionAnnotation} from '../components/QuoteAttributionAnnotation'
import {interviewKeyBelongsToSpeaker} from '../../validation/interviewKey'

export const quoteAttributionAnnotationType = defineType({
  name: 'quoteAttribution',
  title: 'Quote attribution',
  type: 'object',
  icon: CommentIcon,
  components: {annotation: QuoteAttributionAnnotation},
  fields: [
    defineField({
      name: 'speaker',
      title: 'Speaker',
      type: 'reference',
      to: [{type: 'interviewSource'}],
      validation: (rule) => rule.required(),
    }),
    defineField({
      name: 'interviewKey',
      title: 'Interview',
      type: 'string',
      description: 'Which of the speaker’s interviews the quote comes from.',
      components: {input: InterviewKeyInput},
      validation: (rule) => rule.custom(interviewKeyBelongsToSpeaker),
    }),
  ],
})
