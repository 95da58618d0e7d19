/**
 * Input for money amounts (valuations, funding). Editors copy figures like "2,500,000,000", "2.5 billion",
 * "US$268bn" or "2680亿美元"; the input accepts them all and echoes the amount in English and Chinese
 * ("US$268 billion · 2680亿美元") so a slipped zero is obvious.
 *
 * Nothing half-typed is ever stored: the text is committed when the editor presses Enter or leaves the field
 * (typing "2680" on the way to "2680亿" must not save 2680). Text that is not an amount leaves the amount as it
 * was and is stored beside it in the hidden `unparsedAmount` field, whose validation error names the problem,
 * shows in the Validation panel and blocks Publish until the text is fixed or cleared.
 */
import {Card, Stack, Text, TextInput} from '@sanity/ui'
import {type FocusEvent, type FormEvent, type KeyboardEvent, useCallback, useEffect, useRef, useState} from 'react'
import {type NumberInputProps, PatchEvent, set, unset, useFormCallbacks, useFormValue} from 'sanity'

import {formatAmountInWords} from '../helpers/formatAmount'
import {formatAmountInChinese} from '../helpers/formatAmountChinese'
import {parseAmountInput} from '../helpers/parseAmountInput'
import {UNPARSED_AMOUNT_FIELD} from '../schema/fields/unparsedAmountField'

export interface ValuationAmountInputProps extends NumberInputProps {
  /** Currency used for the words when the sibling `currency` field is empty (the plugin's option). */
  defaultCurrency?: string
}

function textFor(value: number | undefined): string {
  return typeof value === 'number' ? String(value) : ''
}

export function ValuationAmountInput(props: ValuationAmountInputProps) {
  const {value, elementProps, path, readOnly, defaultCurrency = 'USD'} = props
  // The amount sits beside its `currency` (and `unparsedAmount`) in valuation, money and valuationRound objects.
  const parentPath = path.slice(0, -1)
  const fieldName = String(path[path.length - 1])
  const siblingCurrency = useFormValue([...parentPath, 'currency'])
  const siblingUnparsed = useFormValue([...parentPath, UNPARSED_AMOUNT_FIELD])
  const currency = typeof siblingCurrency === 'string' && siblingCurrency ? siblingCurrency : defaultCurrency
  const storedText = typeof siblingUnparsed === 'string' && siblingUnparsed ? siblingUnparsed : undefined
  // The nearest form callbacks take patches relative to the object holding this field, so the amount and the
  // unparsed text change in one patch (one transaction).
  const {onChange: onParentChange} = useFormCallbacks()

  const [text, setText] = useState(() => storedText ?? textFor(value))
  const editing = useRef(false)

  // Follow changes made elsewhere (another editor, an undo) while the editor is not typing here, unless the
  // text on screen already means the stored value.
  useEffect(() => {
    if (editing.current) return
    setText((current) => {
      if (storedText !== undefined) return storedText
      const parsed = parseAmountInput(current, currency)
      const same = parsed.kind === 'amount' ? parsed.amount === value : value === undefined && parsed.kind === 'empty'
      return same ? current : textFor(value)
    })
  }, [value, storedText, currency])

  const commit = useCallback(
    (raw: string) => {
      const parsed = parseAmountInput(raw, currency)
      const patches = []
      if (parsed.kind === 'amount' && parsed.amount !== value) patches.push(set(parsed.amount, [fieldName]))
      if (parsed.kind === 'empty' && value !== undefined) patches.push(unset([fieldName]))
      if (parsed.kind === 'invalid') {
        if (storedText !== raw.trim()) patches.push(set(raw.trim(), [UNPARSED_AMOUNT_FIELD]))
      } else if (storedText !== undefined) {
        patches.push(unset([UNPARSED_AMOUNT_FIELD]))
      }
      if (patches.length > 0) onParentChange(PatchEvent.from(patches))
    },
    [currency, fieldName, onParentChange, storedText, value],
  )

  // Text stored as unparsed may become an amount when the editor fixes the currency instead of the text.
  useEffect(() => {
    if (storedText !== undefined && !editing.current && parseAmountInput(storedText, currency).kind !== 'invalid') commit(storedText)
  }, [currency, storedText, commit])

  const handleChange = useCallback((event: FormEvent<HTMLInputElement>) => setText(event.currentTarget.value), [])
  const handleFocus = useCallback(
    (event: FocusEvent<HTMLInputElement>) => {
      editing.current = true
      elementProps.onFocus(event)
    },
    [elementProps],
  )
  const handleBlur = useCallback(
    (event: FocusEvent<HTMLInputElement>) => {
      editing.current = false
      commit(event.currentTarget.value)
      elementProps.onBlur(event)
    },
    [commit, elementProps],
  )
  const handleKeyDown = useCallback(
    (event: KeyboardEvent<HTMLInputElement>) => {
      if (event.key === 'Enter') commit(event.currentTarget.value)
    },
    [commit],
  )

  const parsed = parseAmountInput(text, currency)
  const committed = parsed.kind === 'amount' ? parsed.amount === value && storedText === undefined : parsed.kind === 'invalid' ? storedText === text.trim() : value === undefined

  return (
    <Stack space={2}>
      <TextInput
        {...elementProps}
        value={text}
        onChange={handleChange}
        onFocus={handleFocus}
        onBlur={handleBlur}
        onKeyDown={handleKeyDown}
        readOnly={readOnly}
        placeholder="e.g. 2.5 billion, US$268bn, 2680亿美元"
        customValidity={parsed.kind === 'invalid' ? parsed.reason : undefined}
      />
      {parsed.kind === 'amount' && (
        <Text size={1} muted data-testid="amount-in-words">
          {formatAmountInWords(parsed.amount, currency)} · {formatAmountInChinese(parsed.amount, currency)}
        </Text>
      )}
      {parsed.kind === 'invalid' && (
        <Card tone="critical" padding={2} radius={2} role="alert">
          <Text size={1}>{parsed.reason}</Text>
        </Card>
      )}
      {!committed && (
        <Text size={1} muted data-testid="amount-not-saved">
          Not saved yet: press Enter or leave the field.
        </Text>
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
