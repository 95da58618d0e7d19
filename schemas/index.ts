/**
 * China Desk's Studio package entry: the `chinaDesk()` plugin, its schema types, the desk
 * structure, the Chinese-aware slugify and the Node validation harness. Re-exports only.
 */
export {chinaDesk, chinaDeskSchema, type ChinaDeskOptions} from './plugin'
export {documentTypes, objectTypes, portableTextTypes, schemaTypes} from './schemaTypes'
export {deskStructure} from './structure/deskStructure'
export {SLUG_MAX_LENGTH, slugifyTitle} from './slug/slugifyTitle'
export {
  buildChinaDeskSchema,
  validateDocuments,
  type ValidateDocumentsOptions,
  type ValidationProblem,
} from './validation/validateDocuments'
