/**
 * China Desk's Studio package entry: the `chinaDesk()` plugin, its schema types, the desk
 * structure, the assembled schema and the Chinese-aware slugify. Re-exports only. The Node validation
 * harness (groq-js, Node-only code) is its own entry, `schemas/validation/index.ts`.
 */
export {chinaDesk, chinaDeskSchema, type ChinaDeskOptions} from './plugin'
export {documentTypes, objectTypes, portableTextTypes, schemaTypes} from './schemaTypes'
export {deskStructure} from './structure/deskStructure'
export {SLUG_MAX_LENGTH, slugifyTitle} from './slug/slugifyTitle'
export {assembleSchemaTypes, compileChinaDeskSchema} from './assembledSchema'
