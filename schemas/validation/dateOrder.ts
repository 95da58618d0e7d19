/**
 * Date-order rules between sibling fields (effective vs adopted, updated vs published). Sanity's
 * `rule.min(rule.valueOfField(...))` fails when the other date is empty, so this custom rule only
 * speaks when both dates are set.
 */
import type {CustomValidator} from 'sanity'

/** Milliseconds since epoch, or undefined for an absent or unparseable date. */
function toTime(value: unknown): number | undefined {
  if (typeof value !== 'string' || value === '') return undefined
  const time = Date.parse(value)
  return Number.isNaN(time) ? undefined : time
}

/**
 * The field's date may not be earlier than the sibling `otherField`.
 *
 * @param otherField - sibling field name, e.g. 'adoptedAt'
 * @param otherLabel - how editors know that field, e.g. 'the adopted date'
 * @example validation: (rule) => rule.custom(notBefore('adoptedAt', 'the adopted date'))
 */
export function notBefore(otherField: string, otherLabel: string): CustomValidator<string | undefined> {
  return (value, context) => {
    const parent = context.parent as Record<string, unknown> | undefined
    const other = parent?.[otherField]
    const time = toTime(value)
    const otherTime = toTime(other)
    if (time === undefined || otherTime === undefined || time >= otherTime) return true
    return `Must not be before ${otherLabel} (${String(other)})`
  }
}
