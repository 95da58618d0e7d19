// @vitest-environment jsdom
/**
 * The valuation input commits only whole amounts: nothing while the editor types (so "2680" on the way to
 * "2680亿" is never stored), one patch on Enter or leaving the field. Text that is not an amount leaves the
 * amount alone and is stored beside it as `unparsedAmount` (which the amount's validation reports, blocking
 * Publish); fixing or clearing the text removes it in the same patch. The echo reads English · Chinese.
 */
import '../setup/jsdomPolyfills'

import {studioTheme, ThemeProvider} from '@sanity/ui'
import {cleanup, render, screen} from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import {type PatchEvent, useFormCallbacks, useFormValue} from 'sanity'
import {afterEach, beforeEach, describe, expect, test, vi} from 'vitest'

import {createValuationAmountInput, ValuationAmountInput} from '../../plugins/unicorn-stats/components/ValuationAmountInput'
import {numberInputProps} from './fixtures/inputProps'

vi.mock('sanity', async (importOriginal) => ({
  ...(await importOriginal<typeof import('sanity')>()),
  useFormValue: vi.fn(),
  useFormCallbacks: vi.fn(),
}))

const formValue = vi.mocked(useFormValue)
const parentChange = vi.fn<(event: PatchEvent) => void>()
let siblings: Record<string, unknown> = {}

/** The patches sent to the object holding the amount, one array per patch event. */
function sentPatches() {
  return parentChange.mock.calls.map(([event]) => event.patches.map((patch) => ({type: patch.type, path: patch.path, value: (patch as {value?: unknown}).value})))
}

function renderInput(props = numberInputProps(), defaultCurrency?: string) {
  const view = render(
    <ThemeProvider theme={studioTheme}>
      <ValuationAmountInput {...props} defaultCurrency={defaultCurrency} />
    </ThemeProvider>,
  )
  return {input: screen.getByRole('textbox') as HTMLInputElement, view}
}

describe('ValuationAmountInput', () => {
  beforeEach(() => {
    siblings = {}
    formValue.mockImplementation((path) => siblings[String(path[path.length - 1])])
    vi.mocked(useFormCallbacks).mockReturnValue({onChange: parentChange} as unknown as ReturnType<typeof useFormCallbacks>)
  })
  afterEach(() => {
    cleanup()
    vi.clearAllMocks()
  })

  test.each([
    ['2680亿', 268_000_000_000],
    ['2680亿美元', 268_000_000_000],
    ['US$268bn', 268_000_000_000],
    ['$268 billion', 268_000_000_000],
    ['268bn', 268_000_000_000],
    ['2.5m', 2_500_000],
    ['3,500万', 35_000_000],
  ])('typing %j stores nothing until the field is left, then the whole amount', async (text, amount) => {
    const {input} = renderInput()
    await userEvent.type(input, text)
    expect(parentChange).not.toHaveBeenCalled()
    expect(screen.getByTestId('amount-not-saved')).toBeTruthy()
    await userEvent.tab()
    expect(sentPatches()).toEqual([[{type: 'set', path: ['amount'], value: amount}]])
  })

  test('Enter commits too, and the echo reads English · Chinese', async () => {
    const {input} = renderInput()
    await userEvent.type(input, '2680亿{Enter}')
    expect(sentPatches()).toEqual([[{type: 'set', path: ['amount'], value: 268_000_000_000}]])
    expect(screen.getByTestId('amount-in-words').textContent).toBe('US$268 billion · 2680亿美元')
  })

  test('text that is not an amount keeps the amount and is stored as unparsedAmount', async () => {
    const {input} = renderInput(numberInputProps({value: 1_000_000_000}))
    await userEvent.clear(input)
    await userEvent.type(input, '2680亿欧元')
    await userEvent.tab()
    expect(sentPatches()).toEqual([[{type: 'set', path: ['unparsedAmount'], value: '2680亿欧元'}]])
    expect(screen.getByRole('alert').textContent).toContain('currency field is USD')
    expect(screen.getByRole('alert').textContent).toContain('EUR')
  })

  test('fixing the text stores the amount and removes the unparsed text in one patch', async () => {
    siblings.unparsedAmount = '2680亿欧元'
    const {input} = renderInput(numberInputProps({value: 1_000_000_000}))
    expect(input.value).toBe('2680亿欧元')
    await userEvent.clear(input)
    await userEvent.type(input, '2680亿美元')
    await userEvent.tab()
    expect(sentPatches()).toEqual([
      [
        {type: 'set', path: ['amount'], value: 268_000_000_000},
        {type: 'unset', path: ['unparsedAmount'], value: undefined},
      ],
    ])
  })

  test('clearing the text unsets the amount', async () => {
    const {input} = renderInput(numberInputProps({value: 2_500_000_000}))
    expect(input.value).toBe('2500000000')
    await userEvent.clear(input)
    await userEvent.tab()
    expect(sentPatches()).toEqual([[{type: 'unset', path: ['amount'], value: undefined}]])
  })

  test('reads the sibling currency field, and a contradicting currency is refused', async () => {
    siblings.currency = 'CNY'
    const {input} = renderInput()
    await userEvent.type(input, '1.2万亿元')
    expect(screen.getByTestId('amount-in-words').textContent).toBe('CN¥1.2 trillion · 1.2万亿元')
    expect(formValue).toHaveBeenCalledWith(['unicorn', 'latestValuation', 'currency'])
    await userEvent.clear(input)
    await userEvent.type(input, 'US$268bn')
    expect(screen.getByRole('alert').textContent).toMatch(/USD.*currency field is CNY/)
  })

  test('falls back to the plugin currency bound by createValuationAmountInput', async () => {
    const Bound = createValuationAmountInput('HKD')
    render(
      <ThemeProvider theme={studioTheme}>
        <Bound {...numberInputProps()} />
      </ThemeProvider>,
    )
    await userEvent.type(screen.getByRole('textbox'), '3.2 billion')
    expect(screen.getByTestId('amount-in-words').textContent).toBe('HK$3.2 billion · 32亿港元')
  })

  test('a value changed elsewhere replaces the text while the editor is not typing', () => {
    const props = numberInputProps({value: 1_000_000_000})
    const {view} = renderInput(props)
    view.rerender(
      <ThemeProvider theme={studioTheme}>
        <ValuationAmountInput {...props} value={12_000_000_000} />
      </ThemeProvider>,
    )
    expect((screen.getByRole('textbox') as HTMLInputElement).value).toBe('12000000000')
    expect(screen.getByTestId('amount-in-words').textContent).toBe('US$12 billion · 120亿美元')
  })
})
