/**
 * Recognises the site chrome that legacy exports carry inside article text. A block that is only a
 * newsletter call to action is dropped from the body and becomes the article's `newsletterCta` flag.
 */

// Whole-block matches only: a paragraph that merely mentions a newsletter stays in the body.
const NEWSLETTER_PATTERNS = [
  /^join our newsletter[.!]?$/i,
  /^(subscribe|sign up) (to|for) our newsletter[.!]?$/i,
  /^(join|subscribe to|sign up for) (the )?[\w\s]{0,30}newsletter( today| now| here)?[.!]?$/i,
  /^want more\?? (join|subscribe to) our newsletter[.!]?$/i,
]

export interface BoilerplateMatch {
  kind: 'newsletterCta'
  text: string
}

export function recogniseBoilerplate(blockText: string): BoilerplateMatch | undefined {
  const text = blockText.trim()
  if (NEWSLETTER_PATTERNS.some((pattern) => pattern.test(text))) {
    return {kind: 'newsletterCta', text}
  }
  return undefined
}
