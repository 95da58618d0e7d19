/**
 * Assembles the `article` document: manifest facts win over facts found in the source (front matter,
 * WXR fields), the body comes linked (`link/linkBody.ts`), and an article lacking what publishing needs
 * (a date, an author) becomes a draft (`drafts.article.<slug>`) with those fields listed for editors.
 * Pure: everything it needs from the dataset (the first import's `importedAt`) is passed in.
 */
import {basename} from 'node:path'

import {slugifyTitle} from '../../schemas/slug/slugifyTitle'
import type {LinkedBody} from '../link/linkBody'
import type {Manifest} from '../manifest/manifestTypes'
import type {AssembledArticle, ImportDocument, ParsedArticle} from '../types'
import {deterministicKey} from './deterministicKey'
import {compact} from './manifestDocuments'
import {entityId, type ReferenceResolver} from './references'

export interface BuiltArticle {
  document: AssembledArticle & ImportDocument
  legacyId: string
  missingFields: string[]
  /** Entity ids the body links to. */
  linkedIds: Set<string>
}

export function articleDocument(
  parsed: ParsedArticle,
  manifest: Manifest | undefined,
  refs: ReferenceResolver | undefined,
  linkedBody: LinkedBody,
  /** The first import's time for this article id: read from the dataset context, or this run's clock. */
  importedAtFor: (articleId: string) => string,
): BuiltArticle {
  const meta = parsed.meta
  const slug = manifest?.slug ?? meta.slug ?? slugifyTitle(parsed.title)
  const legacyId = manifest?.legacyId ?? meta.legacyId ?? `file:${basename(parsed.file).replace(/\.[^.]+$/, '')}`
  const {body, linkedIds} = linkedBody

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
  const id = missingFields.length ? `drafts.${baseId}` : baseId

  const linked = (type: string) => [...linkedIds].filter((id) => id.startsWith(`${type}.`))
  const related = (type: 'company' | 'regulation', keys: string[]) =>
    [...new Set([...keys.map((key) => entityId(type, key)), ...linked(type)])].map((id) => ({
      _key: deterministicKey(baseId, type, id),
      _type: 'reference' as const,
      _ref: id,
    }))

  // Typed against the generated `Article`: a field the schema does not have, or one of the wrong shape, fails tsc.
  const fields: AssembledArticle = {
    _id: id,
    _type: 'article',
    title: parsed.title,
    slug: {_type: 'slug', current: slug},
    dek: manifest?.dek ?? meta.dek,
    publishedAt,
    authors: authors as AssembledArticle['authors'],
    section: sectionKey ? {_type: 'reference', _ref: entityId('section', sectionKey)} : undefined,
    tags: manifest?.tags ?? meta.tags,
    regions: manifest?.regions,
    industries: manifest?.industries,
    // block-tools' and the linker's blocks are Portable Text of the articleBody type, typed loosely by those libraries
    body: body as AssembledArticle['body'],
    relatedCompanies: related('company', (manifest?.companies ?? []).map((company) => company.key)),
    relatedRegulations: related('regulation', (manifest?.regulations ?? []).map((regulation) => regulation.key)),
    newsletterCta: parsed.newsletterCta,
    legacy: compact({
      _type: 'legacyProvenance' as const,
      legacyId,
      sourceUrl: manifest?.sourceUrl ?? meta.sourceUrl,
      sourceFile: parsed.format === 'wxr' ? `${basename(parsed.file.replace(/ \(post .*\)$/, ''))}#${legacyId}` : basename(parsed.file),
      // Last, as it always was: reruns compare stored and assembled documents key for key.
      importedAt: importedAtFor(id),
    }),
  }
  const document = compact(fields)
  return {document, legacyId, missingFields, linkedIds}
}
