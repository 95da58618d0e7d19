/**
 * Checks that an `interviewKey` names an interview the speaker actually has. Quotations and quote
 * attributions point at one entry of `interviewSource.interviews` by its `_key`; a key copied from
 * another person, or left behind after the interview was removed, silently breaks attribution.
 */
import type {CustomValidator} from 'sanity'

const SPEAKER_INTERVIEW_KEYS = `*[_id in [$id, "drafts." + $id]][0]{"keys": coalesce(interviews[]._key, [])}`

/** Runs against the dataset through the validation context's client (the Studio, CLI or harness). */
export const interviewKeyBelongsToSpeaker: CustomValidator<string | undefined> = async (key, context) => {
  const parent = context.parent as {speaker?: {_ref?: string}} | undefined
  const speakerId = parent?.speaker?._ref
  if (!key || !speakerId) return true
  const client = context.getClient({apiVersion: '2025-02-19'})
  const speaker = await client.fetch<{keys: string[]} | null>(SPEAKER_INTERVIEW_KEYS, {id: speakerId})
  if (!speaker) return true // a missing speaker is the reference rule's to report
  return speaker.keys.includes(key)
    ? true
    : `The speaker has no interview with key "${key}": pick one of their interviews or clear the field`
}
