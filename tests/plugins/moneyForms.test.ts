/**
 * Every way the China desk writes money, read by the valuation input's parser: English and Chinese scales,
 * currencies before or after the number, currencies that contradict the field, and half-typed text. Also the
 * English · Chinese echo the input shows.
 */
import {describe, expect, test} from 'vitest'

import {formatAmountInWords} from '../../plugins/unicorn-stats/helpers/formatAmount'
import {formatAmountInChinese} from '../../plugins/unicorn-stats/helpers/formatAmountChinese'
import {currencyOptionTitle} from '../../plugins/unicorn-stats/helpers/currencies'
import {parseAmountInput} from '../../plugins/unicorn-stats/helpers/parseAmountInput'

describe('money forms the desk types', () => {
  test.each([
    ['2680亿', 'USD', 268_000_000_000],
    ['2680亿美元', 'USD', 268_000_000_000],
    ['1.2万亿元', 'CNY', 1_200_000_000_000],
    ['3,500万', 'CNY', 35_000_000],
    ['US$268bn', 'USD', 268_000_000_000],
    ['$268 billion', 'USD', 268_000_000_000],
    ['268bn', 'USD', 268_000_000_000],
    ['2.5m', 'USD', 2_500_000],
    ['HK$3.2 billion', 'HKD', 3_200_000_000],
    ['500亿港元', 'HKD', 50_000_000_000],
    ['¥100亿', 'CNY', 10_000_000_000],
    ['USD 268bn', 'USD', 268_000_000_000],
    ['268 billion dollars', 'USD', 268_000_000_000],
    ['2 500 000 000', 'USD', 2_500_000_000],
  ])('%j in a %s field is %d', (text, currency, amount) => {
    expect(parseAmountInput(text, currency)).toEqual({kind: 'amount', amount})
  })

  test.each([
    ['2680亿美元', 'CNY', 'USD', '美元'],
    ['1.2万亿元', 'USD', 'CNY', '元'],
    ['US$268bn', 'CNY', 'USD', 'US$'],
    ['2680亿欧元', 'USD', 'EUR', '欧元'],
    ['$268 billion', 'EUR', 'USD', '$'],
  ])('%j in a %s field is an error naming both currencies', (text, fieldCurrency, typedCurrency, token) => {
    const parsed = parseAmountInput(text, fieldCurrency)
    expect(parsed.kind).toBe('invalid')
    const reason = (parsed as {reason: string}).reason
    expect(reason).toContain(`currency field is ${fieldCurrency}`)
    expect(reason).toContain(typedCurrency)
    expect(reason).toContain(`"${token}"`)
  })

  test('two different currencies in one amount are rejected', () => {
    expect(parseAmountInput('US$268亿欧元')).toMatchObject({kind: 'invalid', reason: expect.stringContaining('two currencies')})
  })

  test.each(['2680亿美', '2.', 'US$', '亿', '2680亿 Euro', '12 apples'])('%j (half-typed or wrong) is not an amount', (text) => {
    expect(parseAmountInput(text, 'USD')).toMatchObject({kind: 'invalid', reason: expect.stringContaining('is not an amount')})
  })
})

describe('the English · Chinese echo', () => {
  test.each([
    [268_000_000_000, 'USD', 'US$268 billion', '2680亿美元'],
    [1_200_000_000_000, 'CNY', 'CN¥1.2 trillion', '1.2万亿元'],
    [35_000_000, 'HKD', 'HK$35 million', '3500万港元'],
    [2_500_000, 'USD', 'US$2.5 million', '250万美元'],
    [999_999_999_999, 'USD', 'US$1 trillion', '1万亿美元'],
    [5_000, 'CHF', 'CHF 5 thousand', '5000 CHF'],
  ])('%d %s → %s · %s', (amount, currency, english, chinese) => {
    expect(formatAmountInWords(amount, currency)).toBe(english)
    expect(formatAmountInChinese(amount, currency)).toBe(chinese)
  })
})

describe('currency options', () => {
  test('show the ISO code with its name', () => {
    expect(currencyOptionTitle('USD')).toBe('USD — US dollar')
    expect(currencyOptionTitle('CNY')).toBe('CNY — Chinese yuan (renminbi)')
    expect(currencyOptionTitle('XYZ')).toBe('XYZ')
  })
})
