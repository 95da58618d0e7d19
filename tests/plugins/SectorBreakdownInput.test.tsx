// @vitest-environment jsdom
/**
 * The breakdown input keeps Sanity's array editor and adds a bar per sector plus the count still
 * unassigned against the list's total.
 */
import '../setup/jsdomPolyfills'

import {studioTheme, ThemeProvider} from '@sanity/ui'
import {cleanup, render, screen} from '@testing-library/react'
import {useFormValue} from 'sanity'
import {afterEach, describe, expect, test, vi} from 'vitest'

import {SectorBreakdownInput} from '../../plugins/unicorn-stats/components/SectorBreakdownInput'
import {arrayInputProps} from './fixtures/inputProps'

vi.mock('sanity', async (importOriginal) => ({
  ...(await importOriginal<typeof import('sanity')>()),
  useFormValue: vi.fn(),
}))

const totalCount = vi.mocked(useFormValue)

// IT Juzi, Q3 2022: 18 new tech unicorns, 6 in semiconductors, 4 in biotech.
const ITJUZI_BREAKDOWN = [
  {_key: 'semi', _type: 'sectorCount', sector: 'semiconductors', count: 6},
  {_key: 'bio', _type: 'sectorCount', sector: 'biotech', count: 4},
  {_key: 'ai', _type: 'sectorCount', sector: 'artificialIntelligence', count: 6},
]

function renderBreakdown(value: unknown[] | undefined) {
  const renderDefault = vi.fn(() => <div data-testid="default-array-input" />)
  const props = arrayInputProps(value, renderDefault)
  render(
    <ThemeProvider theme={studioTheme}>
      <SectorBreakdownInput {...props} />
    </ThemeProvider>,
  )
  return {renderDefault, props}
}

describe('SectorBreakdownInput', () => {
  afterEach(() => {
    cleanup()
    vi.clearAllMocks()
  })

  test('renders the default array input and the count not yet assigned', () => {
    totalCount.mockReturnValue(18)
    const {renderDefault, props} = renderBreakdown(ITJUZI_BREAKDOWN)
    expect(totalCount).toHaveBeenCalledWith(['totalCount'])
    expect(renderDefault).toHaveBeenCalledWith(props)
    expect(screen.getByTestId('default-array-input')).toBeTruthy()
    expect(screen.getByTestId('sector-breakdown-unassigned').textContent).toBe('2 of 18 not yet assigned to a sector')
  })

  test('shows each sector as a bar with its count, titled as editors know the sector', () => {
    totalCount.mockReturnValue(18)
    renderBreakdown(ITJUZI_BREAKDOWN)
    const chart = screen.getByTestId('sector-breakdown-chart')
    expect(chart.textContent).toContain('Semiconductors')
    expect(chart.textContent).toContain('Biotech')
    expect(chart.textContent).toContain('Artificial intelligence')
    const bars = screen.getAllByTestId('sector-bar')
    expect(bars.map((bar) => bar.style.width)).toEqual([`${(6 / 18) * 100}%`, `${(4 / 18) * 100}%`, `${(6 / 18) * 100}%`])
  })

  test('says by how much a breakdown overshoots the total', () => {
    totalCount.mockReturnValue(12)
    renderBreakdown(ITJUZI_BREAKDOWN)
    expect(screen.getByTestId('sector-breakdown-unassigned').textContent).toBe(
      'Sectors add up to 16, 4 more than the total of 12',
    )
  })

  test('with no breakdown yet, the whole total is unassigned', () => {
    totalCount.mockReturnValue(18)
    renderBreakdown(undefined)
    expect(screen.getByTestId('sector-breakdown-unassigned').textContent).toBe('18 of 18 not yet assigned to a sector')
  })
})
