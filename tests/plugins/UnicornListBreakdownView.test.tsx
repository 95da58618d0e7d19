// @vitest-environment jsdom
/**
 * The document view for unicorn lists charts the displayed document's breakdown under the list's
 * period and total.
 */
import '../setup/jsdomPolyfills'

import {studioTheme, ThemeProvider} from '@sanity/ui'
import {cleanup, render, screen} from '@testing-library/react'
import {afterEach, expect, test} from 'vitest'

import {UnicornListBreakdownView} from '../../plugins/unicorn-stats/components/UnicornListBreakdownView'
import {ITJUZI_Q3_BREAKDOWN} from './fixtures/unicornDocuments'

afterEach(cleanup)

test('charts the displayed list with its period, total and unassigned count', () => {
  render(
    <ThemeProvider theme={studioTheme}>
      <UnicornListBreakdownView
        document={{
          displayed: {
            _id: 'unicornList.it-juzi-2022-q3',
            _type: 'unicornList',
            title: "IT Juzi: China's new tech unicorns, Q3 2022",
            period: {year: 2022, kind: 'quarter', quarter: 3},
            totalCount: 18,
            scope: 'new tech unicorns, China',
            sectorBreakdown: ITJUZI_Q3_BREAKDOWN,
          } as never,
        }}
      />
    </ThemeProvider>,
  )
  expect(screen.getByRole('heading').textContent).toBe('2022 Q3 · 18')
  expect(screen.getByText('new tech unicorns, China')).toBeTruthy()
  expect(screen.getByTestId('sector-breakdown-unassigned').textContent).toBe('2 of 18 not yet assigned to a sector')
  expect(screen.getByTestId('sector-breakdown-chart').textContent).toContain('New energy')
})
