// @vitest-environment jsdom
/**
 * Sector bars must be visible: WCAG 2.1 asks 3:1 contrast for graphical objects against what is next to them.
 * The contrast computation is checked against WCAG's reference values, then applied to the bar colour the
 * chart renders (read back with getComputedStyle) and the Studio theme's card backgrounds, light and dark.
 * The browser scenario (tests/studio/unicornList.test.ts) repeats the check on the colours Chromium paints.
 */
import '../setup/jsdomPolyfills'

import {studioTheme, ThemeProvider} from '@sanity/ui'
import {cleanup, render, screen} from '@testing-library/react'
import {afterEach, describe, expect, test} from 'vitest'

import {SectorBreakdownChart} from '../../plugins/unicorn-stats/components/SectorBreakdownChart'
import {contrastRatio, parseCssColor} from '../../plugins/unicorn-stats/helpers/contrast'

afterEach(cleanup)

describe('contrastRatio', () => {
  test('matches WCAG reference values', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5)
    expect(contrastRatio('#ffffff', '#ffffff')).toBe(1)
    // #767676 on white is the classic 4.54:1 grey.
    expect(contrastRatio('rgb(118, 118, 118)', '#ffffff')).toBeCloseTo(4.54, 2)
    expect(contrastRatio('#ffffff', '#767676')).toBeCloseTo(contrastRatio('#767676', '#ffffff'), 10)
  })

  test('reads the colour strings browsers return', () => {
    expect(parseCssColor('rgb(34, 118, 252)')).toEqual([34, 118, 252])
    expect(parseCssColor('rgba(34, 118, 252, 1)')).toEqual([34, 118, 252])
    expect(() => parseCssColor('var(--card-bg-color)')).toThrow(/Cannot read the colour/)
  })

  test('the pale primary card fill the bars used to have fails 3:1 on white', () => {
    const paleFill = studioTheme.v2!.color.light.primary.bg
    expect(contrastRatio(paleFill, '#ffffff')).toBeLessThan(3)
  })
})

describe('sector bars', () => {
  test('render a colour with at least 3:1 contrast on the light and dark card backgrounds', () => {
    render(
      <ThemeProvider theme={studioTheme}>
        <SectorBreakdownChart breakdown={[{_key: 'semi', sector: 'semiconductors', count: 6}]} totalCount={18} />
      </ThemeProvider>,
    )
    const bar = screen.getByTestId('sector-bar')
    const barColour = getComputedStyle(bar).backgroundColor
    for (const scheme of ['light', 'dark'] as const) {
      for (const tone of ['default', 'critical'] as const) {
        const background = studioTheme.v2!.color[scheme][tone].bg
        expect(contrastRatio(barColour, background), `${scheme} ${tone} card ${background}`).toBeGreaterThanOrEqual(3)
      }
    }
  })
})
