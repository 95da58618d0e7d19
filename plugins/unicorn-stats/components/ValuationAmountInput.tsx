/**
 * Input for money amounts (valuations, funding). Editors copy figures like "2,500,000,000" or
 * "2.5 billion" from tracker reports; the input accepts both, echoes the amount in words so a
 * slipped zero is obvious ('US$250 million' vs 'US$2.5 billion'), and refuses anything that is
 * not a number instead of storing it.
 */
import {Card, Stack, Text, TextInput} from '@sanity/ui'
import {type FormEvent, useCallback, useEffect, useState} from 'react'
import {type NumberInputProps, set, unset, useFormValue} from 'sanity'

import {formatAmountInWords} from '../helpers/formatAmount'
import {parseAmountInput} from '../helpers/parseAmountInput'

export interface ValuationAmountInputProps extends NumberInputProps {
  /** Currency used for the words when the sibling `currency` field is empty (the plugin's option). */
  defaultCurrency?: string
}

function textFor(value: number | undefined): string {
  return typeof value === 'number' ? String(value) : ''
}

export function ValuationAmountInput(props: ValuationAmountInputProps) {
  const {value, onChange, elementProps, path, readOnly, defaultCurrency = 'USD'} = props
  // The amount sits beside its `currency` field in valuation, money and valuationRound objects.
  const siblingCurrency = useFormValue([...path.slice(0, -1), 'currency'])
  const currency = typeof siblingCurrency === 'string' && siblingCurrency ? siblingCurrency : defaultCurrency

  const [text, setText] = useState(() => textFor(value))

  // Follow changes made elsewhere (another editor, an undo) unless the text already means this value.
  useEffect(() => {
    setText((current) => {
      const parsed = parseAmountInput(current)
      const same = parsed.kind === 'amount' ? parsed.amount === value : value === undefined
      return same ? current : textFor(value)
    })
  }, [value])

  const handleChange = useCallback(
    (event: FormEvent<HTMLInputElement>) => {
      const next = event.currentTarget.value
      setText(next)
      const parsed = parseAmountInput(next)
      if (parsed.kind === 'empty') onChange(unset())
      else if (parsed.kind === 'amount') onChange(set(parsed.amount))
      // Invalid text is kept on screen for correction and never patched into the document.
    },
    [onChange],
  )

  const parsed = parseAmountInput(text)

  return (
    <Stack space={2}>
      <TextInput
        {...elementProps}
        value={text}
        onChange={handleChange}
        readOnly={readOnly}
        placeholder="e.g. 2500000000 or 2.5 billion"
        customValidity={parsed.kind === 'invalid' ? parsed.reason : undefined}
      />
      {parsed.kind === 'amount' && (
        <Text size={1} muted data-testid="amount-in-words">
          {formatAmountInWords(parsed.amount, currency)}
        </Text>
      )}
      {parsed.kind === 'invalid' && (
        <Card tone="critical" padding={2} radius={2} role="alert">
          <Text size={1}>{parsed.reason}</Text>
        </Card>
      )}
    </Stack>
  )
}

/** Binds the plugin's currency option, so schema factories can use the input directly. */
export function createValuationAmountInput(defaultCurrency: string) {
  function BoundValuationAmountInput(props: NumberInputProps) {
    return <ValuationAmountInput {...props} defaultCurrency={defaultCurrency} />
  }
  return BoundValuationAmountInput
}
