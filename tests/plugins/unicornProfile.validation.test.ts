/**
 * The unicorn profile's rules, run through Sanity's own `validateDocument` (via the schemas
 * harness) on good and broken profiles, asserting level, message and path.
 */
import {describe, expect, test} from 'vitest'

import {checkWithPlugin as check} from './fixtures/checkWithPlugin'
import {unicornCompany} from './fixtures/unicornDocuments'

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
