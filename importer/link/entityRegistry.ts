/**
 * The names the linker looks for: every company, regulation and source alias from the manifest and
 * from the dataset, each pointing at a document id. Products are registered too, with no target, so a
 * product name ("Microsoft 365") claims its words and the company inside it is not linked there.
 */
export type MentionKind = 'company' | 'regulation' | 'source' | 'product'

export interface RegistryEntry {
  alias: string
  kind: MentionKind
  /** Document id the mention links to; absent for products. */
  targetId?: string
}

export interface QuoteEntry {
  /** The words between the quote marks, exactly as printed. */
  text: string
  speakerId: string
  interviewKey?: string
}

export class EntityRegistry {
  private readonly byAlias = new Map<string, RegistryEntry>()
  readonly quotes: QuoteEntry[] = []

  /** First registration of an alias wins: the manifest is added before the dataset, so it takes precedence. */
  add(entry: RegistryEntry): void {
    const alias = entry.alias.trim()
    if (alias.length < 2 || this.byAlias.has(alias)) return
    this.byAlias.set(alias, {...entry, alias})
  }

  addQuote(quote: QuoteEntry): void {
    this.quotes.push(quote)
  }

  /** Longest alias first, so "Personal Information Protection Law" wins over any shorter name inside it. */
  entries(): RegistryEntry[] {
    return [...this.byAlias.values()].sort((a, b) => b.alias.length - a.alias.length || a.alias.localeCompare(b.alias))
  }

  get size(): number {
    return this.byAlias.size
  }
}
