/**
 * Picks "which interview" for a quote from the speaker's own interview list instead of asking
 * editors to paste an array `_key`. Reads the sibling `speaker` reference from the form and lists
 * that source's interviews (draft first, as the editor sees it).
 */
import {Select, Stack, Text} from '@sanity/ui'
import {type ChangeEvent, useCallback, useEffect, useState} from 'react'
import {set, type StringInputProps, unset, useClient, useFormValue} from 'sanity'

interface InterviewOption {
  _key: string
  kind?: string
  outlet?: string
  date?: string
}

const SPEAKER_INTERVIEWS_QUERY = `*[_id in [$id, "drafts." + $id]] | order(_id desc)[0].interviews[]{_key, kind, outlet, date}`

function describeInterview(interview: InterviewOption): string {
  const where = interview.outlet || interview.kind || 'Interview'
  return interview.date ? `${where}, ${interview.date}` : where
}

export function InterviewKeyInput(props: StringInputProps) {
  const {value, onChange, path, readOnly, elementProps} = props
  const speaker = useFormValue([...path.slice(0, -1), 'speaker']) as {_ref?: string} | undefined
  const speakerId = speaker?._ref
  const client = useClient({apiVersion: '2025-02-19'})
  const [interviews, setInterviews] = useState<InterviewOption[]>([])

  useEffect(() => {
    if (!speakerId) {
      setInterviews([])
      return undefined
    }
    let cancelled = false
    client
      .fetch<InterviewOption[] | null>(SPEAKER_INTERVIEWS_QUERY, {id: speakerId})
      .then((result) => !cancelled && setInterviews(result ?? []))
      .catch(() => !cancelled && setInterviews([]))
    return () => {
      cancelled = true
    }
  }, [client, speakerId])

  const handleChange = useCallback(
    (event: ChangeEvent<HTMLSelectElement>) => {
      const next = event.currentTarget.value
      onChange(next ? set(next) : unset())
    },
    [onChange],
  )

  const knownKey = !value || interviews.some((interview) => interview._key === value)
  return (
    <Stack space={2}>
      <Select
        id={elementProps.id}
        onFocus={elementProps.onFocus}
        onBlur={elementProps.onBlur}
        value={value ?? ''}
        onChange={handleChange}
        disabled={readOnly || !speakerId}
      >
        <option value="">{speakerId ? 'Not specified' : 'Choose a speaker first'}</option>
        {interviews.map((interview) => (
          <option key={interview._key} value={interview._key}>
            {describeInterview(interview)}
          </option>
        ))}
        {!knownKey && <option value={value}>Unknown interview ({value})</option>}
      </Select>
      {!knownKey && (
        <Text size={1} muted>
          This key is not among the speaker’s interviews.
        </Text>
      )}
    </Stack>
  )
}
