/**
 * The validation entry (`china-desk/validation`): Sanity's own `validateDocument` in Node over the
 * assembled schema, for the importer, migrations and tests. Kept out of the Studio entry
 * (`schemas/index.ts`) because it brings groq-js and Node-only code a Studio bundle must not carry.
 */
export {
  buildChinaDeskSchema,
  validateDocuments,
  type ValidateDocumentsOptions,
  type ValidationProblem,
} from './validateDocuments'
export {translateValidationMessage} from './englishValidationMessages'
export {ValidationIndex} from './validationIndex'
export {findUnknownFields, type UnknownFieldFinding} from './unknownFields'
