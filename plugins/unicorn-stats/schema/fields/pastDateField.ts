/**
 * A `date` field that may not lie in the future: valuations, rounds and milestones are recorded
 * once reported, so a future date is a typo (2032 for 2023) rather than a forecast.
 */
import {defineField} from 'sanity'

import {isFutureDate, todayIsoDate} from '../../helpers/dates'

export function createPastDateField({
  name,
  title,
  description,
  required = false,
}: {
  name: string
  title: string
  description?: string
  required?: boolean
}) {
  return defineField({
    name,
    title,
    type: 'date',
    description,
    validation: (rule) => {
      const notFuture = rule.custom((value) =>
        typeof value === 'string' && isFutureDate(value)
          ? `${title} ${value} is in the future (today is ${todayIsoDate()}); record a date that has passed`
          : true,
      )
      return required ? [rule.required(), notFuture] : notFuture
    },
  })
}
