/**
 * `chinaDesk()` composes the way the Studio resolves it: every type registered exactly once, the
 * unicornStats plugin's changes applied on top of the China Desk types, one structure tool whose
 * desk lists unicorn lists only when that type exists, and the validation harness building the
 * same schema as the Studio.
 */
import {createClient} from '@sanity/client'
import {
  type Config,
  createWorkspaceFromConfig,
  defineType,
  type PluginOptions,
  resolveSchemaTypes,
  type Workspace,
} from 'sanity'
import {createStructureBuilder, structureTool} from 'sanity/structure'
import {describe, expect, it} from 'vitest'

import {chinaDesk, deskStructure, schemaTypes} from '../../schemas'
import {chinaDeskSchema} from '../../schemas/plugin'
import {buildChinaDeskSchema} from '../../schemas/validation'

const PLUGIN_TYPES = ['unicornList', 'unicornProfile', 'unicornListEmbed']

/** A real client that is never asked anything: workspace resolution only reads its config. */
const offlineClient = createClient({
  projectId: 'chinadesk-test',
  dataset: 'test',
  apiVersion: '2025-02-19',
  useCdn: false,
})

function resolveWorkspace(plugins: PluginOptions[], extra: Partial<Config> = {}): Promise<Workspace> {
  return createWorkspaceFromConfig({
    name: 'test',
    projectId: 'chinadesk-test',
    dataset: 'test',
    plugins,
    ...extra,
    getClient: () => offlineClient,
    currentUser: {id: 'editor', name: 'Editor', email: 'editor@example.com', role: 'administrator', roles: []},
  } as Parameters<typeof createWorkspaceFromConfig>[0])
}

function countNames(names: string[]): Map<string, number> {
  const counts = new Map<string, number>()
  for (const name of names) counts.set(name, (counts.get(name) ?? 0) + 1)
  return counts
}

function deskItemIds(workspace: Workspace): string[] {
  const source = workspace.unstable_sources[0]
  const S = createStructureBuilder({source, perspectiveStack: []})
  const list = deskStructure(S, source as unknown as Parameters<typeof deskStructure>[1]) as {
    serialize: () => {items: {id: string}[]}
  }
  return list.serialize().items.map((item) => item.id)
}

describe('chinaDesk() composition', () => {
  it('registers every China Desk and unicornStats type exactly once (Sanity config resolution)', () => {
    const types = resolveSchemaTypes({
      config: {name: 'test', plugins: [chinaDesk()]},
      context: {projectId: 'chinadesk-test', dataset: 'test'} as Parameters<typeof resolveSchemaTypes>[0]['context'],
    })
    const counts = countNames(types.map((type) => type.name))
    const duplicates = [...counts].filter(([, count]) => count > 1)
    expect(duplicates).toEqual([])
    for (const name of [...schemaTypes.map((type) => type.name), ...PLUGIN_TYPES]) {
      expect(counts.get(name), name).toBe(1)
    }
  })

  it('resolves a full workspace: no schema errors, plugin fields in place, one structure tool', async () => {
    const workspace = await resolveWorkspace([chinaDesk()])
    const errors = (workspace.schema._validation ?? []).flatMap((group) =>
      group.problems.filter((p) => p.severity === 'error'),
    )
    expect(errors).toEqual([])

    const company = workspace.schema.get('company') as unknown as {fields: {name: string}[]}
    expect(company.fields.map((field) => field.name)).toContain('unicorn')
    const body = workspace.schema.get('articleBody') as unknown as {of: {name: string}[]}
    expect(body.of.map((member) => member.name)).toEqual(['block', 'imageWithAlt', 'quotation', 'unicornListEmbed'])
    expect(workspace.tools.filter((tool) => tool.name === 'structure')).toHaveLength(1)
  })

  it('keeps a host Studio’s own types and options beside the desk', async () => {
    const page = defineType({name: 'page', type: 'document', fields: [{name: 'title', type: 'string'}]})
    const workspace = await resolveWorkspace([chinaDesk({unicorn: {threshold: 500_000_000}})], {
      schema: {types: [page]},
    })
    const names = workspace.schema.getTypeNames()
    expect(names).toContain('page')
    expect(names).toContain('article')
    expect(names.filter((name) => name === 'article')).toHaveLength(1)
  })

  it('the validation harness builds the same schema types as the Studio', async () => {
    const workspace = await resolveWorkspace([chinaDesk()])
    const studioTypes = workspace.schema.getTypeNames().sort()
    const harnessTypes = buildChinaDeskSchema().getTypeNames().sort()
    expect(harnessTypes).toEqual(studioTypes)
  })

  it('the desk lists unicorn lists only when the unicornList type is registered', async () => {
    const withPlugin = await resolveWorkspace([chinaDesk()])
    expect(deskItemIds(withPlugin)).toEqual([
      'articles',
      '__divider__1',
      'company',
      'regulation',
      'interviewSource',
      'unicornList',
      '__divider__2',
      'author',
      'section',
    ])
    const schemaOnly = await resolveWorkspace([chinaDeskSchema(), structureTool({structure: deskStructure})])
    expect(deskItemIds(schemaOnly)).not.toContain('unicornList')
    expect(deskItemIds(schemaOnly)).toContain('company')
  })
})
