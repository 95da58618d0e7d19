/**
 * The plugin's rules, run through Sanity's own `validateDocument` (via the schemas harness) on
 * good and broken unicorn profiles and lists, asserting level, message and path.
 */
import {describe, expect, test} from 'vitest'

import {validateDocuments} from '../../schemas/validation/validateDocuments'
import {entry, itJuzi, itJuziQ3List, sectorRow, unicornCompany} from './fixtures/unicornDocuments'

// Real reference checks: the tracker and the listed company must exist in the dataset.
const existingDocuments = [itJuzi, unicornCompany()]

function check(document: ReturnType<typeof unicornCompany>, options?: Parameters<typeof validateDocuments>[1]) {
  const others = existingDocuments.filter((existing) => existing._id !== document._id)
  return validateDocuments([document], {existingDocuments: others, ...options})
}

describe('unicorn profile', () => {
  test('a complete, consistent profile has no problems', async () => {
    expect(await check(unicornCompany())).toEqual([])
  })

  test('a negative amount is an error on the amount', async () => {
    const problems = await check(
      unicornCompany({latestValuation: {_type: 'valuation', amount: -5, currency: 'USD', asOf: '2022-09-30'}}),
    )
    expect(problems).toContainEqual(
      expect.objectContaining({
        path: 'unicorn.latestValuation.amount',
        level: 'error',
        message: 'Amount must be a positive number of currency units, e.g. 2500000000',
      }),
    )
  })

  test('an as-of date in the future is an error on that date', async () => {
    const problems = await check(
      unicornCompany({latestValuation: {_type: 'valuation', amount: 3_400_000_000, asOf: '2099-01-01'}}),
    )
    expect(problems).toEqual([
      expect.objectContaining({
        path: 'unicorn.latestValuation.asOf',
        level: 'error',
        message: expect.stringMatching(/^As of 2099-01-01 is in the future \(today is \d{4}-\d{2}-\d{2}\)/),
      }),
    ])
  })

  test('valuation history out of date order is a warning on the misplaced round', async () => {
    const problems = await check(
      unicornCompany({
        valuationHistory: [
          {_key: 'seriesB', _type: 'valuationRound', date: '2022-09-30', amount: 3_400_000_000},
          {_key: 'seriesA', _type: 'valuationRound', date: '2021-11-25', amount: 1_500_000_000},
        ],
      }),
    )
    expect(problems).toEqual([
      {
        documentId: 'company.moore-threads',
        documentType: 'company',
        path: 'unicorn.valuationHistory[_key=="seriesA"]',
        level: 'warning',
        message:
          'Valuation history is out of date order: 2021-11-25 comes after a later round; list rounds oldest first',
      },
    ])
  })

  test('an active unicorn valued below the threshold gets a warning on the latest valuation', async () => {
    const problems = await check(
      unicornCompany({latestValuation: {_type: 'valuation', amount: 800_000_000, currency: 'USD', asOf: '2022-09-30'}}),
    )
    expect(problems).toEqual([
      expect.objectContaining({
        path: 'unicorn.latestValuation',
        level: 'warning',
        message:
          'Status is "Active unicorn" but the latest valuation, US$800 million, is below the US$1 billion threshold: ' +
          'set the status to "Fallen below threshold" or correct the amount',
      }),
    ])
  })

  test('the threshold option reaches the rule', async () => {
    const problems = await check(unicornCompany(), {pluginOptions: {unicorn: {threshold: 5_000_000_000}}})
    expect(problems).toEqual([
      expect.objectContaining({
        path: 'unicorn.latestValuation',
        level: 'warning',
        message: expect.stringContaining('US$3.4 billion, is below the US$5 billion threshold'),
      }),
    ])
  })

  test('a below-threshold valuation is fine once the status says so', async () => {
    const problems = await check(
      unicornCompany({
        status: 'fallenBelow',
        latestValuation: {_type: 'valuation', amount: 800_000_000, currency: 'USD', asOf: '2022-09-30'},
      }),
    )
    expect(problems).toEqual([])
  })

  test('an investor with neither reference nor name is an error on that investor', async () => {
    const problems = await check(unicornCompany({investors: [{_key: 'blank', _type: 'investor'}]}))
    expect(problems).toEqual([
      expect.objectContaining({
        path: 'unicorn.investors[_key=="blank"]',
        level: 'error',
        message: 'An investor needs a referenced document or a name; fill in one of them',
      }),
    ])
  })
})

describe('unicorn list', () => {
  test("IT Juzi's Q3 2022 list, breakdown only, has no problems", async () => {
    expect(await check(itJuziQ3List())).toEqual([])
  })

  test('a breakdown summing past the total is an error on sectorBreakdown', async () => {
    const problems = await check(itJuziQ3List({totalCount: 12}))
    expect(problems).toEqual([
      {
        documentId: 'unicornList.it-juzi-2022-q3',
        documentType: 'unicornList',
        path: 'sectorBreakdown',
        level: 'error',
        message:
          "The sector breakdown adds up to 16, more than the total count of 12: lower a sector's count or raise the total",
      },
    ])
  })

  test('entries that disagree with the breakdown get a warning naming the sector', async () => {
    const entries = [
      ...['a', 'b', 'c', 'd', 'e'].map((key, index) => entry(key, 'semiconductors', index + 1)),
      ...['f', 'g', 'h', 'i'].map((key, index) => entry(key, 'biotech', index + 6)),
    ]
    const problems = await check(
      itJuziQ3List({totalCount: 9, sectorBreakdown: [sectorRow('semi', 'semiconductors', 6), sectorRow('bio', 'biotech', 3)], entries}),
    )
    expect(problems).toEqual([
      expect.objectContaining({
        path: 'entries',
        level: 'warning',
        message: 'Entries list 5 companies in semiconductors, the breakdown says 6',
      }),
      expect.objectContaining({
        path: 'entries',
        level: 'warning',
        message: 'Entries list 4 companies in biotech, the breakdown says 3',
      }),
    ])
  })

  test('entries fewer than the total count get a warning', async () => {
    const problems = await check(
      itJuziQ3List({
        totalCount: 3,
        sectorBreakdown: [sectorRow('semi', 'semiconductors', 2)],
        entries: [entry('a', 'semiconductors', 1), entry('b', 'semiconductors', 2)],
      }),
    )
    expect(problems).toEqual([
      expect.objectContaining({
        path: 'entries',
        level: 'warning',
        message: 'Entries list 2 companies, the total count says 3',
      }),
    ])
  })

  test('an "other" sector without its name is an error on that row', async () => {
    const problems = await check(itJuziQ3List({sectorBreakdown: [sectorRow('misc', 'other', 2)]}))
    expect(problems).toEqual([
      expect.objectContaining({
        path: 'sectorBreakdown[_key=="misc"].otherSector',
        level: 'error',
        message: 'Name the sector when choosing "Other", e.g. "Robotics"',
      }),
    ])
  })

  test('a quarterly period without its quarter is an error on the period', async () => {
    const problems = await check(itJuziQ3List({period: {_type: 'unicornListPeriod', year: 2022, kind: 'quarter'}}))
    expect(problems).toEqual([
      expect.objectContaining({
        path: 'period.quarter',
        level: 'error',
        message: 'Choose the quarter (1–4) for a quarterly list',
      }),
    ])
  })
})
