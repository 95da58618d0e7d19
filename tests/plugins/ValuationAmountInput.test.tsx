// @vitest-environment jsdom
/**
 * The valuation input emits `set(number)` / `unset()` patches, echoes the amount in words in the
 * sibling currency or the plugin default, and never patches text that is not a number.
 */
import '../setup/jsdomPolyfills'

import {studioTheme, ThemeProvider} from '@sanity/ui'
import {cleanup, render, screen} from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import {set, unset, useFormValue} from 'sanity'
import {afterEach, beforeEach, describe, expect, test, vi} from 'vitest'

import {createValuationAmountInput, ValuationAmountInput} from '../../plugins/unicorn-stats/components/ValuationAmountInput'
import {numberInputProps} from './fixtures/inputProps'

vi.mock('sanity', async (importOriginal) => ({
  ...(await importOriginal<typeof import('sanity')>()),
  useFormValue: vi.fn(),
}))

const siblingCurrency = vi.mocked(useFormValue)

function renderInput(props = numberInputProps(), defaultCurrency?: string) {
  render(
    <ThemeProvider theme={studioTheme}>
      <ValuationAmountInput {...props} defaultCurrency={defaultCurrency} />
    </ThemeProvider>,
  )
  return {input: screen.getByRole('textbox'), onChange: vi.mocked(props.onChange)}
}

describe('ValuationAmountInput', () => {
  beforeEach(() => siblingCurrency.mockReturnValue(undefined))
  afterEach(() => {
    cleanup()
    vi.clearAllMocks()
  })

  test('typing 2500000000 emits set(2500000000) and shows US$2.5 billion', async () => {
    const {input, onChange} = renderInput()
    await userEvent.type(input, '2500000000')
    expect(onChange).toHaveBeenLastCalledWith(set(2500000000))
    expect(screen.getByText('US$2.5 billion')).toBeTruthy()
    expect(screen.queryByRole('alert')).toBeNull()
  })

  test('reads the sibling currency field for the words', async () => {
    siblingCurrency.mockReturnValue('CNY')
    const {input} = renderInput()
    await userEvent.type(input, '800000000')
    expect(siblingCurrency).toHaveBeenCalledWith(['unicorn', 'latestValuation', 'currency'])
    expect(screen.getByText('CN¥800 million')).toBeTruthy()
  })

  test('falls back to the plugin currency bound by createValuationAmountInput', async () => {
    const Bound = createValuationAmountInput('HKD')
    const props = numberInputProps()
    render(
      <ThemeProvider theme={studioTheme}>
        <Bound {...props} />
      </ThemeProvider>,
    )
    await userEvent.type(screen.getByRole('textbox'), '3.2 billion')
    expect(props.onChange).toHaveBeenLastCalledWith(set(3200000000))
    expect(screen.getByText('HK$3.2 billion')).toBeTruthy()
  })

  test('clearing an amount emits unset()', async () => {
    const {input, onChange} = renderInput(numberInputProps({value: 2500000000}))
    expect((input as HTMLInputElement).value).toBe('2500000000')
    await userEvent.clear(input)
    expect(onChange).toHaveBeenCalledTimes(1)
    expect(onChange).toHaveBeenCalledWith(unset())
  })

  test('typing abc emits nothing and shows an error', async () => {
    const {input, onChange} = renderInput()
    await userEvent.type(input, 'abc')
    expect(onChange).not.toHaveBeenCalled()
    expect(screen.getByRole('alert').textContent).toContain('"abc" is not a number')
    expect(screen.queryByTestId('amount-in-words')).toBeNull()
  })

  test('a value changed elsewhere replaces the text', () => {
    const props = numberInputProps({value: 1000000000})
    const {rerender} = render(
      <ThemeProvider theme={studioTheme}>
        <ValuationAmountInput {...props} />
      </ThemeProvider>,
    )
    rerender(
      <ThemeProvider theme={studioTheme}>
        <ValuationAmountInput {...props} value={12000000000} />
      </ThemeProvider>,
    )
    expect((screen.getByRole('textbox') as HTMLInputElement).value).toBe('12000000000')
    expect(screen.getByText('US$12 billion')).toBeTruthy()
  })
})
