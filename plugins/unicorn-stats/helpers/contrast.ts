/**
 * WCAG 2.1 contrast ratio between two colours (relative luminance, https://www.w3.org/TR/WCAG21/#dfn-contrast-ratio),
 * for checking that chart bars stand out from their card (3:1 for graphical objects). Reads the `rgb()`/`rgba()`
 * strings browsers return from getComputedStyle and `#rrggbb`.
 */

export type Rgb = [number, number, number]

export function parseCssColor(color: string): Rgb {
  const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(color.trim())
  if (hex) return [parseInt(hex[1], 16), parseInt(hex[2], 16), parseInt(hex[3], 16)]
  const rgb = /^rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)/i.exec(color.trim())
  if (rgb) return [Number(rgb[1]), Number(rgb[2]), Number(rgb[3])]
  throw new Error(`Cannot read the colour "${color}": expected #rrggbb or rgb(r, g, b)`)
}

function channel(value: number): number {
  const c = value / 255
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
}

export function relativeLuminance([r, g, b]: Rgb): number {
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
}

/** From 1 (same colour) to 21 (black on white). */
export function contrastRatio(a: Rgb | string, b: Rgb | string): number {
  const [la, lb] = [a, b].map((c) => relativeLuminance(typeof c === 'string' ? parseCssColor(c) : c))
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05)
}
