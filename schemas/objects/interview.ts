/**
 * One occasion a source spoke: our exclusive, an interview with another outlet, a press
 * conference, a statement, or a filing or social post. Quotations point at one of these by `_key`,
 * so an article can say where and how a quote was obtained.
 */
import {MicrophoneIcon} from '@sanity/icons/Microphone'
import {defineField, defineType} from 'sanity'

import {webUrl} from '../validation/webUrl'
import {ATTRIBUTION_OPTIONS} from './attributionOptions'

export const ANONYMITY_REASON_REQUIRED_MESSAGE =
  'An anonymous interview needs a reason why the source could not be named'

const INTERVIEW_KINDS = [
  {title: 'Exclusive to us', value: 'exclusive'},
  {title: 'Another outlet', value: 'otherOutlet'},
  {title: 'Press conference', value: 'pressConference'},
  {title: 'Statement', value: 'statement'},
  {title: 'Filing or social post', value: 'filingOrSocial'},
]

export const interviewType = defineType({
  name: 'interview',
  title: 'Interview',
  type: 'object',
  icon: MicrophoneIcon,
  fields: [
    defineField({
      name: 'kind',
      title: 'Kind',
      type: 'string',
      options: {list: INTERVIEW_KINDS},
      validation: (rule) => rule.required(),
    }),
    defineField({
      name: 'outlet',
      title: 'Outlet',
      type: 'string',
      description: 'Where it ran when it was not ours, e.g. CNN.',
      hidden: ({parent}) => parent?.kind === 'exclusive',
      validation: (rule) =>
        rule
          .custom((outlet, context) => {
            const kind = (context.parent as {kind?: string} | undefined)?.kind
            return kind === 'otherOutlet' && !outlet ? 'Name the outlet that ran the interview' : true
          })
          .warning(),
    }),
    defineField({name: 'date', title: 'Date', type: 'date'}),
    defineField({name: 'url', title: 'URL', type: 'url', validation: (rule) => webUrl(rule)}),
    defineField({
      name: 'attribution',
      title: 'Attribution',
      type: 'string',
      options: {list: ATTRIBUTION_OPTIONS, layout: 'radio', direction: 'horizontal'},
      initialValue: 'onRecord',
      validation: (rule) => rule.required(),
    }),
    defineField({
      name: 'anonymityReason',
      title: 'Reason for anonymity',
      type: 'string',
      description: 'Why the source could not be named, as the standards editor agreed it.',
      hidden: ({parent}) => parent?.attribution !== 'anonymous',
      validation: (rule) =>
        rule.custom((reason, context) => {
          const attribution = (context.parent as {attribution?: string} | undefined)?.attribution
          if (attribution !== 'anonymous') return true
          return typeof reason === 'string' && reason.trim() !== '' ? true : ANONYMITY_REASON_REQUIRED_MESSAGE
        }),
    }),
  ],
  preview: {
    select: {kind: 'kind', outlet: 'outlet', date: 'date', attribution: 'attribution'},
    prepare: ({kind, outlet, date, attribution}) => ({
      title: [INTERVIEW_KINDS.find((option) => option.value === kind)?.title ?? 'Interview', outlet]
        .filter(Boolean)
        .join(': '),
      subtitle: [date, ATTRIBUTION_OPTIONS.find((option) => option.value === attribution)?.title]
        .filter(Boolean)
        .join(' · '),
    }),
  },
})
