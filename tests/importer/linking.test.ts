/**
 * The entity linker on its own: longest alias first, whole words only, first mention per paragraph,
 * products claiming their words, quotes in curly or straight marks, and spans split without changing
 * a character while keeping the source's own marks.
 */
import type {PortableTextBlock} from '@portabletext/types'
import {describe, expect, it} from 'vitest'

import {blockPlainText, EntityRegistry, findMentions, linkBlock} from '../../importer'

function registry(): EntityRegistry {
  const entities = new EntityRegistry()
  entities.add({alias: 'Personal Information Protection Law', kind: 'regulation', targetId: 'regulation.pipl'})
  entities.add({alias: 'PIPL', kind: 'regulation', targetId: 'regulation.pipl'})
  entities.add({alias: 'Information', kind: 'company', targetId: 'company.information'})
  entities.add({alias: 'Microsoft', kind: 'company', targetId: 'company.microsoft'})
  entities.add({alias: 'Microsoft 365', kind: 'product'})
  entities.add({alias: 'IT Juzi', kind: 'company', targetId: 'company.it-juzi'})
  entities.addQuote({text: 'suspicious', speakerId: 'interviewSource.navarro', interviewKey: 'cnn'})
  return entities
}

const mentioned = (text: string) => findMentions(text, registry()).map((mention) => [text.slice(mention.start, mention.end), mention.targetId])

describe('findMentions', () => {
  it('prefers the longest alias and links each entity once per paragraph', () => {
    expect(mentioned('The Personal Information Protection Law (PIPL) binds Microsoft; Microsoft complied.')).toEqual([
      ['Personal Information Protection Law', 'regulation.pipl'],
      ['Microsoft', 'company.microsoft'],
    ])
  })

  it('matches whole words only, case-sensitively, and lets product names claim their words', () => {
    expect(mentioned('Microsofts, microsoft, MicrosoftX and Microsoft 365 are not the company.')).toEqual([])
    expect(mentioned('Data from IT Juzi; ITJuzi is not it.')).toEqual([['IT Juzi', 'company.it-juzi']])
  })

  it('finds quoted remarks between curly or straight quotes, without the marks', () => {
    expect(mentioned('viewed as “suspicious”, he said')).toEqual([['suspicious', 'interviewSource.navarro']])
    expect(mentioned('viewed as "suspicious", he said')).toEqual([['suspicious', 'interviewSource.navarro']])
    expect(mentioned('viewed as suspicious, he said')).toEqual([])
  })
})

describe('linkBlock', () => {
  it('splits spans at mention edges without changing a character and keeps existing marks', () => {
    const block = {
      _type: 'block',
      _key: 'b1',
      style: 'normal',
      markDefs: [{_key: 'l1', _type: 'link', href: 'https://example.com'}],
      children: [
        {_type: 'span', _key: 's1', text: 'Under the PIPL, ', marks: []},
        {_type: 'span', _key: 's2', text: 'Microsoft called it “suspicious”.', marks: ['strong', 'l1']},
      ],
    } as PortableTextBlock
    const text = blockPlainText(block)
    const linked = linkBlock(block, findMentions(text, registry())) as PortableTextBlock & {children: {text: string; marks: string[]}[]; markDefs: {_key: string; _type: string}[]}
    expect(blockPlainText(linked)).toBe(text)
    expect(linked.children.map((span) => span.text)).toEqual(['Under the ', 'PIPL', ', ', 'Microsoft', ' called it “', 'suspicious', '”.'])
    const markType = (key: string) => linked.markDefs.find((markDef) => markDef._key === key)?._type ?? key
    expect(linked.children.map((span) => span.marks.map(markType))).toEqual([
      [], ['regulationMention'], [], ['strong', 'link', 'companyMention'], ['strong', 'link'], ['strong', 'link', 'quoteAttribution'], ['strong', 'link'],
    ])
    // Same input, same keys: reruns produce identical blocks.
    expect(linkBlock(block, findMentions(text, registry()))).toEqual(linked)
  })
})
