/**
 * The compiled `articleBody` array type, which `htmlToBlocks` needs to know which styles, lists,
 * decorators and annotations the body allows. Built from the same types the Studio mounts (schema
 * types passed through `applyUnicornStats`), so HTML can never produce a block the Studio rejects.
 */
import type {ArraySchemaType} from '@sanity/types'
import {createSchema} from 'sanity'

import {applyUnicornStats} from '../../plugins'
import {schemaTypes} from '../../schemas/schemaTypes'

let compiled: ArraySchemaType | undefined

export function articleBodyType(): ArraySchemaType {
  if (!compiled) {
    const types = applyUnicornStats(schemaTypes, {})
    const schema = createSchema({name: 'importer', types})
    const type = schema.get('articleBody')
    if (!type || !('of' in type)) {
      throw new Error('schemas/: no array type named "articleBody"; the importer needs it to convert HTML')
    }
    compiled = type as ArraySchemaType
  }
  return compiled
}
