/**
 * The unicorn list's rules, run through Sanity's own `validateDocument` (via the schemas harness):
 * breakdown against total, entries against breakdown, "other" sectors and periods.
 */
import {describe, expect, test} from 'vitest'

import {checkWithPlugin as check} from './fixtures/checkWithPlugin'
import {entry, itJuziQ3List, sectorRow} from './fixtures/unicornDocuments'

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
    // Marker order is the harness's business; the set of warnings is ours.
    expect(problems).toHaveLength(2)
    expect(problems).toEqual(expect.arrayContaining([
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
    ]))
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

  test('a published date in the future is an error on that date', async () => {
    const problems = await check(itJuziQ3List({publishedAt: '2099-10-12'}))
    expect(problems).toEqual([
      expect.objectContaining({
        path: 'publishedAt',
        level: 'error',
        message: expect.stringMatching(/^Published 2099-10-12 is in the future/),
      }),
    ])
  })
})
