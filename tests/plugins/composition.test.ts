/**
 * How unicornStats composes with the Studio's schema: which types get the `unicorn` field, the
 * body embed, idempotence, and the errors for bad options. Runs against stand-in types and the
 * real China Desk `schemaTypes`.
 */
import {createSchema, type SchemaTypeDefinition} from 'sanity'
import {describe, expect, test} from 'vitest'

import {unicornStats} from '../../plugins'
import {applyUnicornStats} from '../../plugins/unicorn-stats/applyUnicornStats'
import {schemaTypes} from '../../schemas/schemaTypes'
import {fieldNames, typeNamed} from './fixtures/schemaShape'
import {standInTypes} from './fixtures/standInTypes'

const PLUGIN_TYPES = [
  'unicornProfile',
  'valuation',
  'valuationRound',
  'valuationSource',
  'investor',
  'money',
  'unicornExit',
  'unicornList',
  'unicornListPeriod',
  'sectorCount',
  'unicornListEntry',
  'unicornListEmbed',
]

function schemaErrors(types: SchemaTypeDefinition[]): string[] {
  const schema = createSchema({name: 'test', types})
  return (schema._validation ?? []).flatMap((group) =>
    group.problems.map((problem) => `${group.path.map((segment) => segment.name).join('.')}: ${problem.message}`),
  )
}

describe.each([
  ['stand-in types', standInTypes],
  ['China Desk schemaTypes', () => schemaTypes],
])('applyUnicornStats over %s', (_label, types) => {
  test('adds the unicorn field once to company, in its own group, and to no other type', () => {
    const result = applyUnicornStats(types())
    const company = typeNamed(result, 'company')
    expect(fieldNames(company).filter((name) => name === 'unicorn')).toHaveLength(1)
    expect(company.fields?.find((field) => field.name === 'unicorn')).toMatchObject({
      type: 'unicornProfile',
      group: 'unicorn',
    })
    expect(company.groups?.map((group) => group.name)).toContain('unicorn')
    const others = (result as unknown as {name: string; fields?: {name: string}[]}[]).filter(
      (type) => type.name !== 'company' && type.fields?.some((field) => field.name === 'unicorn'),
    )
    expect(others.map((type) => type.name)).toEqual([])
  })

  test('appends the unicornListEmbed member to articleBody, keeping the existing members first', () => {
    const before = typeNamed(types(), 'articleBody').of ?? []
    const after = typeNamed(applyUnicornStats(types()), 'articleBody').of ?? []
    expect(after.map((member) => member.type)).toEqual([...before.map((member) => member.type), 'unicornListEmbed'])
  })

  test('applying twice changes nothing more than applying once', () => {
    const once = applyUnicornStats(types())
    const twice = applyUnicornStats(once)
    expect(twice.map((type) => type.name)).toEqual(once.map((type) => type.name))
    expect(fieldNames(typeNamed(twice, 'company')).filter((name) => name === 'unicorn')).toHaveLength(1)
    expect(typeNamed(twice, 'company').groups?.filter((group) => group.name === 'unicorn')).toHaveLength(1)
    expect(typeNamed(twice, 'articleBody').of?.filter((member) => member.type === 'unicornListEmbed')).toHaveLength(1)
  })

  test('adds every plugin type exactly once and the result compiles without schema problems', () => {
    const result = applyUnicornStats(types())
    for (const name of PLUGIN_TYPES) {
      expect(result.filter((type) => type.name === name), name).toHaveLength(1)
    }
    expect(schemaErrors(result)).toEqual([])
  })
})

describe('options', () => {
  test('documentTypes can name several document types; each gets the field', () => {
    const result = applyUnicornStats(standInTypes(), {documentTypes: ['company', 'article']})
    expect(fieldNames(typeNamed(result, 'company'))).toContain('unicorn')
    expect(fieldNames(typeNamed(result, 'article'))).toContain('unicorn')
    // article already had groups: the unicorn group joins them rather than replacing them
    expect(typeNamed(result, 'article').groups?.map((group) => group.name)).toEqual(['content', 'unicorn'])
  })

  test('a misspelt document type fails naming the option, the type and the known types', () => {
    expect(() => applyUnicornStats(standInTypes(), {documentTypes: ['compnay']})).toThrow(
      'unicornStats: option "documentTypes" names "compnay", which is not a document type in this Studio. ' +
        'Known document types: article, company',
    )
  })

  test('an object type is not accepted as a document type', () => {
    expect(() => applyUnicornStats(standInTypes(), {documentTypes: ['seo']})).toThrow(
      /option "documentTypes" names "seo", which is not a document type/,
    )
  })

  test('a body type that is not an array type fails naming the option', () => {
    expect(() => applyUnicornStats(standInTypes(), {bodyTypes: ['articleBdy']})).toThrow(
      'unicornStats: option "bodyTypes" names "articleBdy", which is not an array type in this Studio. ' +
        'Known array types: articleBody',
    )
  })

  test.each([
    [{threshold: -5}, 'unicornStats: option "threshold" must be a positive number'],
    [{threshold: 0}, 'unicornStats: option "threshold" must be a positive number'],
    [{threshold: Number.NaN}, 'unicornStats: option "threshold" must be a positive number'],
    [{currency: 'usd'}, 'unicornStats: option "currency" must be an ISO 4217 currency code'],
    [{currency: 'XYZ'}, 'unicornStats: option "currency" must be an ISO 4217 currency code'],
    [{documentTypes: 'company'}, 'unicornStats: option "documentTypes" must be an array of schema type names'],
  ])('unicornStats(%j) fails when the plugin is created', (options, message) => {
    expect(() => unicornStats(options as never)).toThrow(message)
  })

  test('the plugin resolves its schema through applyUnicornStats with its options', () => {
    const plugin = unicornStats({threshold: 5e9, currency: 'CNY'})
    const types = plugin.schema?.types
    expect(typeof types).toBe('function')
    const result = (types as (prev: SchemaTypeDefinition[], context: never) => SchemaTypeDefinition[])(
      standInTypes(),
      {} as never,
    )
    expect(fieldNames(typeNamed(result, 'company'))).toContain('unicorn')
    expect(typeNamed(result, 'money').fields?.find((field) => field.name === 'currency')).toMatchObject({
      initialValue: 'CNY',
    })
  })

  test('a type someone else named like a plugin type is reported, not overwritten', () => {
    const clashing = [...standInTypes(), {name: 'money', type: 'object', fields: [{name: 'x', type: 'string'}]}]
    expect(() => applyUnicornStats(clashing as SchemaTypeDefinition[])).toThrow(
      /the schema already has a type named "money" that this plugin did not define/,
    )
  })
})
