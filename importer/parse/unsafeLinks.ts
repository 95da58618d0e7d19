/**
 * Links that must never be stored, whatever `--force` allows: `javascript:`, `vbscript:` and `data:`
 * URLs run code or smuggle content when a reader clicks them. Browsers forgive a lot before they read
 * the scheme, so the check does too: HTML entities (`&#106;`, `&colon;`), percent-encoding, any case,
 * and control characters, spaces, tabs and newlines anywhere in the scheme are all undone first.
 * An unsafe link's annotation is dropped; its text stays in the body.
 */
import type {PortableTextBlock} from '@portabletext/types'

const UNSAFE_SCHEMES = ['javascript', 'vbscript', 'data']

const NAMED_ENTITIES: Record<string, string> = {colon: ':', tab: '\t', newline: '\n', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', sol: '/'}

/** The scheme a browser would see, or undefined for a relative link. */
export function effectiveScheme(href: string): string | undefined {
  let value = href
  // Decode until stable: `&amp;#106;` and `%256A` are two layers of the same trick.
  for (let round = 0; round < 5; round++) {
    const decoded = decodePercent(decodeEntities(value))
    if (decoded === value) break
    value = decoded
  }
  // WHATWG URL parsing strips C0 controls and spaces at the ends and tabs/newlines anywhere; be stricter.
  const squeezed = value.replace(/[\u0000-\u0020\u007f-\u009f\u00ad\u200b-\u200f\u2028\u2029\ufeff]/g, '')
  const match = /^([a-z][a-z0-9+.-]*):/i.exec(squeezed)
  return match ? match[1].toLowerCase() : undefined
}

export function isUnsafeHref(href: unknown): boolean {
  if (typeof href !== 'string') return false
  const scheme = effectiveScheme(href)
  return scheme !== undefined && UNSAFE_SCHEMES.includes(scheme)
}

export interface DroppedLink {
  href: string
  text: string
}

/** The blocks without unsafe link annotations (their spans keep the text, lose the mark), and what was dropped. */
export function dropUnsafeLinks(blocks: PortableTextBlock[]): {blocks: PortableTextBlock[]; dropped: DroppedLink[]} {
  const dropped: DroppedLink[] = []
  const cleaned = blocks.map((block) => {
    const markDefs = (block.markDefs ?? []) as {_key: string; href?: unknown}[]
    const unsafe = new Set(markDefs.filter((markDef) => isUnsafeHref(markDef.href)).map((markDef) => markDef._key))
    if (unsafe.size === 0) return block
    const children = (block.children as {text?: string; marks?: string[]}[]).map((child) => {
      if (!child.marks?.some((mark) => unsafe.has(mark))) return child
      return {...child, marks: child.marks.filter((mark) => !unsafe.has(mark))}
    })
    for (const markDef of markDefs.filter((entry) => unsafe.has(entry._key))) {
      const text = (block.children as {text?: string; marks?: string[]}[])
        .filter((child) => child.marks?.includes(markDef._key))
        .map((child) => child.text ?? '')
        .join('')
      dropped.push({href: String(markDef.href), text})
    }
    return {...block, markDefs: markDefs.filter((markDef) => !unsafe.has(markDef._key)), children} as PortableTextBlock
  })
  return {blocks: cleaned, dropped}
}

function decodeEntities(value: string): string {
  return value.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);?/gi, (whole, entity: string) => {
    if (entity[0] === '#') {
      const code = entity[1].toLowerCase() === 'x' ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10)
      return Number.isFinite(code) && code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole
    }
    return NAMED_ENTITIES[entity.toLowerCase()] ?? whole
  })
}

function decodePercent(value: string): string {
  return value.replace(/%([0-9a-f]{2})/gi, (_whole, hex: string) => String.fromCharCode(parseInt(hex, 16)))
}
