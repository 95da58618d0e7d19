/**
 * The compiled `articleBody` array type, which `htmlToBlocks` needs to know which styles, lists,
 * decorators and annotations the body allows. Taken from the assembled schema (`schemas/assembledSchema.ts`,
 * the same types the Studio mounts), so HTML can never produce a block the Studio rejects.
 */
import type {ArraySchemaType} from '@sanity/types'

import {compileChinaDeskSchema} from '../../schemas/assembledSchema'

export function articleBodyType(): ArraySchemaType {
  const type = compileChinaDeskSchema().get('articleBody')
  if (!type || !('of' in type)) {
    throw new Error('schemas/: no array type named "articleBody"; the importer needs it to convert HTML')
  }
  return type as ArraySchemaType
}
