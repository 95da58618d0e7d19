/**
 * The two fields that tie a quote to who said it, shared by the `quotation` block and the in-line
 * `quoteAttribution` annotation so both check the speaker and interview the same way.
 */
import {defineField} from 'sanity'

import {interviewKeyBelongsToSpeaker} from '../validation/interviewKey'
import {InterviewKeyInput} from './components/InterviewKeyInput'

export const speakerField = defineField({
  name: 'speaker',
  title: 'Speaker',
  type: 'reference',
  to: [{type: 'interviewSource'}],
  validation: (rule) => rule.required(),
})

export const interviewKeyField = defineField({
  name: 'interviewKey',
  title: 'Interview',
  type: 'string',
  description: 'Which of the speaker’s interviews the quote comes from.',
  // lists the chosen speaker's interviews, so editors pick a key instead of typing one
  components: {input: InterviewKeyInput},
  validation: (rule) => rule.custom(interviewKeyBelongsToSpeaker),
})
