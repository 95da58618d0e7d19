/**
 * The plugin's pure helpers: amounts in words, reading typed amounts, sector cross-checks, dates.
 */
import {describe, expect, test} from 'vitest'

import {formatAmountInWords} from '../../plugins/unicorn-stats/helpers/formatAmount'
import {parseAmountInput} from '../../plugins/unicorn-stats/helpers/parseAmountInput'
import {findSectorDisagreements, sumSectorBreakdown} from '../../plugins/unicorn-stats/helpers/sectorCounts'
import {findFirstOutOfOrder, isFutureDate} from '../../plugins/unicorn-stats/helpers/dates'

describe('formatAmountInWords', () => {
  test.each([
    [2_500_000_000, 'USD', 'US$2.5 billion'],
    [800_000_000, 'CNY', 'CN¥800 million'],
    [1_000_000_000, 'USD', 'US$1 billion'],
    [12_345_678_901, 'HKD', 'HK$12.35 billion'],
    [1_200_000_000_000, 'CNY', 'CN¥1.2 trillion'],
    [999_999_000, 'USD', 'US$1 billion'],
    [45_000, 'EUR', '€45 thousand'],
    [950, 'USD', 'US$950'],
    [0.5, 'USD', 'US$0.5'],
    [-2_000_000, 'USD', '-US$2 million'],
    [3_000_000, 'CHF', 'CHF 3 million'],
  ])('%d %s → %s', (amount, currency, words) => {
    expect(formatAmountInWords(amount, currency)).toBe(words)
  })
})

describe('parseAmountInput', () => {
  test.each([
    ['2500000000', 2_500_000_000],
    ['2,500,000,000', 2_500_000_000],
    ['2.5 billion', 2_500_000_000],
    ['2.5bn', 2_500_000_000],
    ['800m', 800_000_000],
    [' 1.2 trillion ', 1_200_000_000_000],
  ])('%j is the amount %d', (text, amount) => {
    expect(parseAmountInput(text)).toEqual({kind: 'amount', amount})
  })

  test.each(['abc', '2.5 gazillion', '12abc', '-', '1.2.3', '$', '5$$'])('%j is rejected', (text) => {
    expect(parseAmountInput(text)).toMatchObject({kind: 'invalid', reason: expect.stringContaining('is not an amount')})
  })

  test('blank text is empty, not zero', () => {
    expect(parseAmountInput('   ')).toEqual({kind: 'empty'})
  })
})

describe('sector cross-checks', () => {
  const breakdown = [
    {sector: 'semiconductors', count: 6},
    {sector: 'biotech', count: 4},
    {sector: 'other', otherSector: 'Robotics', count: 1},
  ]

  test('sums the breakdown, ignoring rows without a count', () => {
    expect(sumSectorBreakdown([...breakdown, {sector: 'fintech'}])).toBe(11)
    expect(sumSectorBreakdown(undefined)).toBe(0)
  })

  test('names each sector whose entries disagree, including sectors missing from the breakdown', () => {
    const entries = [
      ...Array.from({length: 5}, () => ({sector: 'semiconductors'})),
      ...Array.from({length: 4}, () => ({sector: 'biotech'})),
      {sector: 'fintech'},
    ]
    expect(findSectorDisagreements(breakdown, entries).map((item) => item.message)).toEqual([
      'Entries list 5 companies in semiconductors, the breakdown says 6',
      'Entries list 0 companies in Robotics, the breakdown says 1',
      'Entries list 1 company in fintech, the breakdown says 0',
    ])
  })
})

describe('dates', () => {
  const now = new Date('2026-11-26T12:00:00Z')

  test('future means after today (UTC)', () => {
    expect(isFutureDate('2026-11-27', now)).toBe(true)
    expect(isFutureDate('2026-11-26', now)).toBe(false)
  })

  test('finds the first date earlier than one above it, skipping undated items', () => {
    expect(findFirstOutOfOrder(['2021-01-01', undefined, '2022-01-01'])).toBe(-1)
    expect(findFirstOutOfOrder(['2021-01-01', '2023-01-01', undefined, '2022-06-01'])).toBe(3)
  })
})
