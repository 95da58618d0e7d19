/**
 * Attributes quoted words inside a paragraph to a speaker and, ideally, the interview they came
 * from: the in-line counterpart of the `quotation` block, for quotes woven into the reporting.
 */
import {CommentIcon} from '@sanity/icons/Comment'
import {defineType} from 'sanity'

import {QuoteAttributionAnnotation} from '../components/QuoteAttributionAnnotation'
import {interviewKeyField, speakerField} from '../speakerFields'

export const quoteAttributionAnnotationType = defineType({
  name: 'quoteAttribution',
  title: 'Quote attribution',
  type: 'object',
  icon: CommentIcon,
  components: {annotation: QuoteAttributionAnnotation},
  fields: [speakerField, interviewKeyField],
})
