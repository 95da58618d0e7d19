/**
 * Assembles the `article` document: manifest facts win over facts found in the source (front matter,
 * WXR fields), the body is linked against the registry, and an article lacking what publishing needs
 * (a date, an author) becomes a draft (`drafts.article.<slug>`) with those fields listed for editors.
 */
import {basename} from 'node:path'

import type {PortableTextBlock} from '@portabletext/types'

import {slugifyTitle} from '../../schemas/slug/slugifyTitle'
import type {EntityRegistry} from '../link/entityRegistry'
import {findMentions} from '../link/findMentions'
import {linkBlock} from '../link/linkBlock'
import type {Manifest} from '../manifest/manifestTypes'
import {blockPlainText} from '../parse/textBlock'
import type {ImportDocument, ParsedArticle} from '../types'
import {deterministicKey} from './deterministicKey'
import {compact} from './manifestDocuments'
import {entityId, type ReferenceResolver} from './references'

export interface BuiltArticle {
  document: ImportDocument
  legacyId: string
  missingFields: string[]
  /** Entity ids the body links to. */
  linkedIds: Set<string>
}

export function articleDocument(
  parsed: ParsedArticle,
  manifest: Manifest | undefined,
  refs: ReferenceResolver | undefined,
  registry: EntityRegistry,
): BuiltArticle {
  const meta = parsed.meta
  const slug = manifest?.slug ?? meta.slug ?? slugifyTitle(parsed.title)
  const legacyId = manifest?.legacyId ?? meta.legacyId ?? `file:${basename(parsed.file).replace(/\.[^.]+$/, '')}`
  const linkedIds = new Set<string>()
  const body = parsed.body.map((block) => {
    if (block._type !== 'block') return block
    const mentions = findMentions(blockPlainText(block), registry)
    for (const mention of mentions) linkedIds.add(mention.targetId)
    return linkBlock(block, mentions) as PortableTextBlock
  })

  const authors = manifest?.authors?.length
    ? manifest.authors.map((author, index) => refs!.reference('author', author.key, `authors[${index}]`, author.key))
    : (meta.authors ?? []).map((author) => {
        const key = author.key || slugifyTitle(author.name)
        return {_key: key, _type: 'reference', _ref: entityId('author', key)}
      })
  const sectionKey = manifest?.section?.key ?? (meta.section ? meta.section.key || slugifyTitle(meta.section.title) : undefined)
  const publishedAt = manifest?.publishedAt ?? meta.publishedAt
  const missingFields = [...(publishedAt ? [] : ['publishedAt']), ...(authors.length ? [] : ['authors'])]
  const baseId = `article.${slug}`

  const linked = (type: string) => [...linkedIds].filter((id) => id.startsWith(`${type}.`))
  const related = (type: 'company' | 'regulation', keys: string[]) =>
    [...new Set([...keys.map((key) => entityId(type, key)), ...linked(type)])].map((id) => ({
      _key: deterministicKey(baseId, type, id),
      _type: 'reference',
      _ref: id,
    }))

  const document = compact({
    _id: missingFields.length ? `drafts.${baseId}` : baseId,
    _type: 'article',
    title: parsed.title,
    slug: {_type: 'slug', current: slug},
    dek: manifest?.dek ?? meta.dek,
    publishedAt,
    authors,
    section: sectionKey ? {_type: 'reference', _ref: entityId('section', sectionKey)} : undefined,
    tags: manifest?.tags ?? meta.tags,
    regions: manifest?.regions,
    industries: manifest?.industries,
    body,
    relatedCompanies: related('company', (manifest?.companies ?? []).map((company) => company.key)),
    relatedRegulations: related('regulation', (manifest?.regulations ?? []).map((regulation) => regulation.key)),
    newsletterCta: parsed.newsletterCta,
    legacy: compact({
      _type: 'legacyProvenance',
      legacyId,
      sourceUrl: manifest?.sourceUrl ?? meta.sourceUrl,
      sourceFile: parsed.format === 'wxr' ? `${basename(parsed.file.replace(/ \(post .*\)$/, ''))}#${legacyId}` : basename(parsed.file),
    }),
  })
  return {document, legacyId, missingFields, linkedIds}
}
