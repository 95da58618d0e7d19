/**
 * HTML legacy articles (also the output of Markdown and the content of WXR posts), converted with
 * `@portabletext/block-tools` against the compiled `articleBody` type. Scripts, styles and images are
 * removed before conversion and reported: scripts make the file an error unless `--force`, because an
 * archive page with script tags is usually a scraped page rather than an article body. Unsafe links
 * (`javascript:`, `vbscript:`, `data:`, however disguised) are the same: an error, or under `--force`
 * the annotation is dropped and its text kept (reported). They are never stored.
 */
import {createRequire} from 'node:module'

import {htmlToBlocks} from '@portabletext/block-tools'
import type {PortableTextBlock} from '@portabletext/types'

import {deterministicKey} from '../assemble/deterministicKey'
import {ImportError} from '../errors'
import type {DroppedContent, ParsedArticle, SourceMeta} from '../types'
import {articleBodyPortableTextSchema} from './articleBodyType'
import {recogniseBoilerplate} from './boilerplate'
import {dropUnsafeLinks} from './unsafeLinks'
import {simpleHtmlBlocks} from './simpleHtmlBlocks'
import {blockPlainText} from './textBlock'

export interface HtmlParseOptions {
  /** Strip scripts and carry on (reported) instead of refusing the file. */
  force?: boolean
  /** Title from elsewhere (front matter, WXR); otherwise `<title>` or the first `<h1>`. */
  title?: string
  meta?: SourceMeta
  format?: ParsedArticle['format']
  /** Scope for deterministic keys; defaults to the file name. */
  keyScope?: string
}

export function parseHtml(html: string, file: string, options: HtmlParseOptions = {}): ParsedArticle {
  const dropped: DroppedContent[] = []
  let counter = 0
  const scope = options.keyScope ?? file.split('/').pop() ?? file
  const keyGenerator = () => deterministicKey(scope, 'html', counter++)
  // Plain paragraphs with a title from elsewhere (most WXR posts) skip jsdom: same blocks, same keys.
  const givenTitle = options.title?.trim()
  const fast = givenTitle ? simpleHtmlBlocks(html, keyGenerator) : undefined
  counter = 0
  const {title, converted} = fast ? {title: givenTitle!, converted: fast} : convertWithJsdom(html, file, options, dropped, keyGenerator)

  const links = dropUnsafeLinks(converted)
  if (links.dropped.length > 0 && !options.force) {
    throw new ImportError(
      file,
      `the HTML contains ${links.dropped.length} unsafe link(s) (${links.dropped.map((link) => JSON.stringify(link.href)).slice(0, 3).join(', ')}); remove them from the source, or rerun with --force to drop the links and keep their text (reported)`,
    )
  }
  for (const link of links.dropped) {
    dropped.push({file, what: `link ${snippet(JSON.stringify(link.href))} on "${snippet(link.text)}"`, reason: 'unsafe link (javascript:, vbscript: or data:) removed; its text is kept'})
  }

  const body: PortableTextBlock[] = []
  let newsletterCta = false
  for (const block of links.blocks) {
    const text = block._type === 'block' ? blockPlainText(block) : ''
    const boilerplate = text ? recogniseBoilerplate(text) : undefined
    if (boilerplate) {
      newsletterCta = true
      dropped.push({file, what: boilerplate.text, reason: 'site boilerplate (newsletter call to action); sets newsletterCta'})
    } else if (block._type !== 'block' || text.trim() !== '') {
      body.push(block)
    }
  }
  if (body.length === 0) throw new ImportError(file, 'the article has a title but no body text')
  return {file, format: options.format ?? 'html', title, body, newsletterCta, dropped, meta: options.meta ?? {}}
}

/** The general path: jsdom, scripts/styles/images handled and reported, block-tools' conversion. */
function convertWithJsdom(html: string, file: string, options: HtmlParseOptions, dropped: DroppedContent[], keyGenerator: () => string) {
  const document = parseDocument(html)
  const scripts = elements(document, 'script', 'noscript')
  if (scripts.length > 0 && !options.force) {
    throw new ImportError(
      file,
      `the HTML contains ${scripts.length} <script> element(s); remove them from the source, or rerun with --force to strip them (reported)`,
    )
  }
  for (const element of scripts) {
    dropped.push({file, what: `<${element.tagName.toLowerCase()}> ${snippet(element.textContent)}`, reason: 'script stripped'})
    element.remove()
  }
  const unsupported = elements(document, 'style', 'link', 'iframe', 'img')
  for (const element of unsupported.filter((node) => node.tagName !== 'LINK' || node.getAttribute('rel') === 'stylesheet')) {
    const tag = element.tagName.toLowerCase()
    const reason = tag === 'img' ? 'image without an uploaded asset; add it in the Studio' : `${tag} stripped`
    dropped.push({file, what: `<${tag}> ${snippet(element.getAttribute('src') ?? element.textContent)}`, reason})
    element.remove()
  }

  let title = options.title?.trim() || elements(document, 'title')[0]?.textContent?.trim() || ''
  const firstHeading = elements(document, 'h1')[0]
  if (!title && firstHeading) title = firstHeading.textContent?.trim() ?? ''
  if (firstHeading && firstHeading.textContent?.trim() === title) firstHeading.remove()
  if (!title) {
    throw new ImportError(file, 'no title: give the HTML a <title> or an <h1> (or a `title` in front matter)')
  }

  // block-tools parses the HTML string it is given; handing it back the document already parsed here
  // (whose body serialises to that very string) saves a second jsdom parse per article.
  const bodyHtml = document.body.innerHTML
  const converted = htmlToBlocks(bodyHtml, articleBodyPortableTextSchema(), {
    parseHtml: (source) => (source === bodyHtml ? document : parseDocument(source)),
    keyGenerator,
  }) as PortableTextBlock[]
  return {title, converted}
}

// One window for the whole run: a JSDOM per post would dominate the time of a 10,000-post import.
let domParser: DOMParser | undefined

// jsdom ships no type declarations and the project has no @types/jsdom: load it with the one shape used here.
type JsdomModule = {JSDOM: new (html: string) => {window: {DOMParser: new () => DOMParser}}}

function parseDocument(html: string): Document {
  if (!domParser) {
    const {JSDOM} = createRequire(import.meta.url)('jsdom') as JsdomModule
    domParser = new new JSDOM('').window.DOMParser()
  }
  return domParser.parseFromString(html, 'text/html')
}

/**
 * By tag name, not CSS selector: jsdom's selector engine keeps per-document caches alive through the
 * shared window, which leaked ~100 KB per post over a 10,000-post export.
 */
function elements(document: Document, ...tags: string[]): Element[] {
  return tags.flatMap((tag) => [...document.getElementsByTagName(tag)])
}

function snippet(text: string | null | undefined): string {
  const flat = (text ?? '').replace(/\s+/g, ' ').trim()
  return flat.length > 60 ? `${flat.slice(0, 57)}...` : flat
}
