/**
 * One rule for every URL field: only web addresses. `mailto:`, `ftp:`, `javascript:` and relative
 * paths are the mistakes pasted links actually contain, and none of them work on the public site.
 */
import type {UrlRule} from 'sanity'

export const WEB_URL_MESSAGE = 'Must be a web address starting with http:// or https://'

/**
 * `validation: (rule) => webUrl(rule)`, or `validation: (rule) => webUrl(rule, {required: true})`. One rule chain on
 * purpose: Sanity's url type already carries a default `uri()` rule, which a second chain (an
 * array of rules) would keep, reporting every bad scheme twice.
 */
export function webUrl(rule: UrlRule, options: {required?: boolean} = {}): UrlRule {
  const base = options.required ? rule.required() : rule
  return base.uri({scheme: ['http', 'https']}).error(WEB_URL_MESSAGE)
}
