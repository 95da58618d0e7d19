/**
 * How an attributed quote looks inside the body editor: a dotted underline in the caution tone,
 * so editors can tell at a glance which quoted words already carry a speaker.
 */
import type {BlockAnnotationProps} from 'sanity'

export function QuoteAttributionAnnotation(props: BlockAnnotationProps) {
  const speakerMissing = !(props.value as {speaker?: {_ref?: string}} | undefined)?.speaker?._ref
  return (
    <span
      data-testid="quote-attribution"
      title={speakerMissing ? 'Quote without a speaker' : 'Attributed quote'}
      style={{textDecoration: 'underline dotted', textUnderlineOffset: '0.2em'}}
    >
      {props.renderDefault(props)}
    </span>
  )
}
