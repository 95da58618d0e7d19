/**
 * Previews: the company preview keeps its own subtitle and gains a unicorn badge; lists read
 * 'IT Juzi · 2022 Q3 · 18'. Exercised through the final schema's `select` + `prepare`.
 */
import {describe, expect, test} from 'vitest'

import {applyUnicornStats} from '../../plugins/unicorn-stats/applyUnicornStats'
import {schemaTypes} from '../../schemas/schemaTypes'
import {typeNamed} from './fixtures/schemaShape'

const finalTypes = applyUnicornStats(schemaTypes)

function preview(typeName: string, selection: Record<string, unknown>) {
  const config = typeNamed(finalTypes, typeName).preview
  if (!config?.prepare) throw new Error(`test: ${typeName} has no prepare`)
  return config.prepare(selection)
}

describe('company preview', () => {
  test('selects the unicorn status and latest valuation alongside its own fields', () => {
    expect(typeNamed(finalTypes, 'company').preview?.select).toMatchObject({
      name: 'name',
      unicornStatsStatus: 'unicorn.status',
      unicornStatsAmount: 'unicorn.latestValuation.amount',
      unicornStatsCurrency: 'unicorn.latestValuation.currency',
    })
  })

  test('an active unicorn keeps the original subtitle and adds the badge with its valuation', () => {
    const result = preview('company', {
      name: 'Moore Threads',
      nameZh: '摩尔线程',
      city: 'Beijing',
      country: 'China',
      unicornStatsStatus: 'active',
      unicornStatsAmount: 3_400_000_000,
      unicornStatsCurrency: 'USD',
    })
    expect(result).toMatchObject({title: 'Moore Threads', subtitle: '摩尔线程 · Beijing, China · 🦄 US$3.4 billion'})
  })

  test('the valuation uses the plugin currency when the profile gives none', () => {
    const cny = applyUnicornStats(schemaTypes, {currency: 'CNY'})
    const result = typeNamed(cny, 'company').preview?.prepare?.({
      name: 'Biren',
      unicornStatsStatus: 'active',
      unicornStatsAmount: 14_000_000_000,
    })
    expect(result?.subtitle).toBe('🦄 CN¥14 billion')
  })

  test('an exited unicorn says how it exited; a company without a profile is unchanged', () => {
    expect(preview('company', {name: 'Cambricon', unicornStatsStatus: 'exitedIpo'}).subtitle).toBe('Ex-unicorn (IPO)')
    expect(preview('company', {name: 'Tencent', nameZh: '腾讯'})).toMatchObject({title: 'Tencent', subtitle: '腾讯'})
  })
})

describe('unicorn list preview', () => {
  const select = () => typeNamed(finalTypes, 'unicornList').preview?.select

  test("selects the tracker's name, the period and the total", () => {
    expect(select()).toMatchObject({
      trackerName: 'tracker.name',
      year: 'period.year',
      quarter: 'period.quarter',
      totalCount: 'totalCount',
    })
  })

  test("reads 'IT Juzi · 2022 Q3 · 18'", () => {
    const result = preview('unicornList', {
      trackerName: 'IT Juzi',
      year: 2022,
      kind: 'quarter',
      quarter: 3,
      totalCount: 18,
      title: "China's new tech unicorns, Q3 2022",
    })
    expect(result).toMatchObject({title: 'IT Juzi · 2022 Q3 · 18', subtitle: "China's new tech unicorns, Q3 2022"})
  })

  test('a half-year list and a list with nothing filled in yet', () => {
    expect(preview('unicornList', {trackerName: 'Hurun', year: 2023, kind: 'half', half: 1, totalCount: 316}).title).toBe(
      'Hurun · 2023 H1 · 316',
    )
    expect(preview('unicornList', {}).title).toBe('Untitled unicorn list')
  })

  test('the article-body embed previews the list the same way, with its caption', () => {
    const result = preview('unicornListEmbed', {
      trackerName: 'IT Juzi',
      year: 2022,
      kind: 'quarter',
      quarter: 3,
      totalCount: 18,
      caption: 'New tech unicorns by sector',
    })
    expect(result).toMatchObject({title: 'IT Juzi · 2022 Q3 · 18', subtitle: 'New tech unicorns by sector'})
  })
})
