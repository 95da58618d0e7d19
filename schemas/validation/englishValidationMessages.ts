/**
 * Sanity's own English validation strings (the `validation` bundle of `usEnglishLocale`, the
 * Studio's default locale) behind a minimal i18next-style `t`, so the Node harness reports
 * "Required" and "Slug is already in use" exactly as the Studio shows them, not i18n keys.
 */
import {usEnglishLocale} from 'sanity'

const validationStrings = usEnglishLocale.bundles?.find(
  (bundle) => typeof bundle === 'object' && bundle.namespace === 'validation',
)?.resources as Record<string, string> | undefined

/**
 * A minimal i18next `t` over Sanity's English validation bundle: `validation:` keys, the
 * `_context` variants (e.g. `object.asset-required_image`) and `{{name}}` interpolation.
 */
export function translateValidationMessage(key: string, values?: Record<string, unknown>): string {
  const bareKey = key.replace(/^validation:/, '')
  const context = typeof values?.context === 'string' && values.context ? `${bareKey}_${values.context}` : undefined
  const template = (context && validationStrings?.[context]) || validationStrings?.[bareKey]
  if (!template) return key
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_match, name: string) => String(values?.[name] ?? ''))
}
