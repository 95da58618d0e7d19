/**
 * The legacy importer: parse (text, Markdown, HTML, WordPress WXR), link entities, build documents in
 * the schema's shape, validate with Sanity's rules, and write to the local dataset or the Content Lake.
 * `scripts/import.ts` is a thin CLI over `runImport`.
 */
export {ImportError, ImportErrors} from './errors'
export {runImport, type ImportProgress, type RunImportOptions} from './run/runImport'
export {describePlan, type ImportReport, type StageTimings} from './run/importReport'
export {LocalTarget} from './write/localTarget'
export {ContentLakeTarget, createImportClient, MAX_IN_FLIGHT, type ContentLakeConfig} from './write/contentLakeTarget'
export {batchBySize, DEFAULT_MAX_BODY_BYTES} from './write/batchBySize'
export type {ImportTarget} from './write/importTarget'
export {parsePlainText} from './parse/parsePlainText'
export {parseHtml} from './parse/parseHtml'
export {parseMarkdown} from './parse/parseMarkdown'
export {readWxr} from './parse/readWxr'
export {blockPlainText} from './parse/textBlock'
export {EntityRegistry} from './link/entityRegistry'
export {findMentions} from './link/findMentions'
export {linkBlock} from './link/linkBlock'
export {BUNDLED_ARTICLE} from './bundledArticle'
export {readDatasetContext, type DatasetContext} from './run/readDatasetContext'
export {MAX_ARTICLE_BYTES, MAX_SOURCE_BYTES} from './run/sourceLimits'
export {isUnsafeHref} from './parse/unsafeLinks'
