/**
 * WordPress stores post content without paragraph tags and adds them when rendering (`wpautop`).
 * This does the part that matters for import: blank-line separated runs become `<p>` elements, and
 * runs that already start with a block element are left alone.
 */
const BLOCK_START = /^<(p|div|h[1-6]|ul|ol|li|blockquote|pre|table|figure|hr|section|article|script|style|!--)[\s>/]/i

export function wordpressAutop(content: string): string {
  if (/<p[\s>]/i.test(content)) return content
  return content
    .split(/\n\s*\n/)
    .map((chunk) => chunk.trim())
    .filter((chunk) => chunk !== '')
    .map((chunk) => (BLOCK_START.test(chunk) ? chunk : `<p>${chunk.replace(/\n/g, '<br />')}</p>`))
    .join('\n')
}
