/**
 * The document's status chips in the pane header ("Published", "Draft") as the editor sees them: whether each
 * can be pressed and which colour it shows. Sanity gives the Published chip the positive tone (green) and the
 * Draft chip the caution tone (yellow) while a draft exists, neutral grey otherwise; the defect this guards
 * against left a yellow Draft chip after Publish. The tone is read from the rendered colours (the chip's
 * background when selected, its text otherwise), not from a prop, so a theme or state mix-up shows.
 */
import type {Page} from 'playwright-core'

export type Tone = 'positive' | 'caution' | 'critical' | 'primary' | 'neutral'

export interface ChipState {
  /** The chip is in the header and can be pressed (a Published chip is disabled when nothing is published). */
  enabled: boolean
  tone: Tone
  /** The colour the tone was read from, for failure messages. */
  colour: string
}

export interface StatusChips {
  published?: ChipState
  draft?: ChipState
}

type Rgb = [number, number, number]

/** Hue (degrees) and saturation (0–1, HSL) of an sRGB colour. */
function hueAndSaturation([r, g, b]: Rgb): {hue: number; saturation: number} {
  const [red, green, blue] = [r / 255, g / 255, b / 255]
  const max = Math.max(red, green, blue)
  const min = Math.min(red, green, blue)
  const lightness = (max + min) / 2
  const delta = max - min
  if (delta === 0) return {hue: 0, saturation: 0}
  const saturation = delta / (1 - Math.abs(2 * lightness - 1))
  const hue = max === red ? ((green - blue) / delta) % 6 : max === green ? (blue - red) / delta + 2 : (red - green) / delta + 4
  return {hue: (hue * 60 + 360) % 360, saturation}
}

/** Sanity UI's tones by colour: greys are neutral, otherwise the hue decides (caution text is a dark brown, ~22°). */
export function toneOfColour(rgb: Rgb): Tone {
  const {hue, saturation} = hueAndSaturation(rgb)
  if (saturation < 0.3) return 'neutral'
  if (hue >= 15 && hue < 75) return 'caution'
  if (hue >= 75 && hue < 190) return 'positive'
  if (hue >= 190 && hue < 280) return 'primary'
  return 'critical'
}

function parseRgb(css: string): Rgb | undefined {
  const match = /rgba?\((\d+),\s*(\d+),\s*(\d+)(?:,\s*([\d.]+))?\)/.exec(css)
  if (!match || match[4] === '0') return undefined
  return [Number(match[1]), Number(match[2]), Number(match[3])]
}

/** The pane header's chips; a chip the header does not show is undefined. */
export async function statusChips(page: Page, pane = page.locator('[data-testid="document-pane"]').last()): Promise<StatusChips> {
  const read = async (name: 'Published' | 'Draft'): Promise<ChipState | undefined> => {
    const chip = pane.locator(`[data-testid="document-header-${name}-chip"]`)
    if ((await chip.count()) === 0) return undefined
    const {background, text, disabled} = await chip.evaluate((element) => {
      const style = getComputedStyle(element)
      return {background: style.backgroundColor, text: style.color, disabled: element.getAttribute('data-disabled') === 'true' || element.hasAttribute('disabled')}
    })
    // A selected chip is filled with its tone; an unselected one is white with text in its tone.
    const candidates = [background, text].map((css) => ({css, rgb: parseRgb(css)})).filter((colour) => colour.rgb !== undefined)
    const toned = candidates.find((colour) => toneOfColour(colour.rgb!) !== 'neutral') ?? candidates[0]
    return {enabled: !disabled, tone: toned ? toneOfColour(toned.rgb!) : 'neutral', colour: toned?.css ?? 'none'}
  }
  const [published, draft] = await Promise.all([read('Published'), read('Draft')])
  return {published, draft}
}

/** What the chips should say for a document that is published with no pending edits. */
export const PUBLISHED_NO_DRAFT = {published: {enabled: true, tone: 'positive'}, draft: {tone: 'neutral'}} as const
/** …for a document that exists only as a draft (new, or unpublished). */
export const DRAFT_ONLY = {published: {enabled: false}, draft: {enabled: true, tone: 'caution'}} as const
