/**
 * The compiled `articleBody` array type, which `htmlToBlocks` needs to know which styles, lists,
 * decorators and annotations the body allows. Taken from the assembled schema (`schemas/assembledSchema.ts`,
 * the same types the Studio mounts), so HTML can never produce a block the Studio rejects.
 */
import {createRequire} from 'node:module'

import type {htmlToBlocks} from '@portabletext/block-tools'
import type {ArraySchemaType} from '@sanity/types'

import {compileChinaDeskSchema} from '../../schemas/assembledSchema'

export function articleBodyType(): ArraySchemaType {
  const type = compileChinaDeskSchema().get('articleBody')
  if (!type || !('of' in type)) {
    throw new Error('schemas/: no array type named "articleBody"; the importer needs it to convert HTML')
  }
  return type as ArraySchemaType
}

type PortableTextSchema = Parameters<typeof htmlToBlocks>[1]
let portableTextSchema: PortableTextSchema | undefined

/**
 * The same type converted to block-tools' own schema shape, once per run: given the Sanity type,
 * `htmlToBlocks` converts it again for every article. The converter is block-tools' own
 * (`@portabletext/sanity-bridge`, resolved from block-tools so the versions match).
 */
export function articleBodyPortableTextSchema(): PortableTextSchema {
  if (!portableTextSchema) {
    const fromBlockTools = createRequire(createRequire(import.meta.url).resolve('@portabletext/block-tools'))
    const bridge = fromBlockTools('@portabletext/sanity-bridge') as {sanitySchemaToPortableTextSchema: (type: ArraySchemaType) => PortableTextSchema}
    portableTextSchema = bridge.sanitySchemaToPortableTextSchema(articleBodyType())
  }
  return portableTextSchema
}
