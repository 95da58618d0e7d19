/**
 * Horizontal bars for a unicorn list's sector breakdown, scaled against the list's total, with the
 * count no sector accounts for yet. Shared by the breakdown input and the list's chart view.
 */
import {Box, Card, Flex, Stack, Text} from '@sanity/ui'

import {sumSectorBreakdown, type SectorCountLike} from '../helpers/sectorCounts'
import {sectorTitle} from '../schema/unicornSectors'

/**
 * A solid bar colour, not a pale tone: graphical objects need 3:1 contrast against their background (WCAG 2.1
 * 1.4.11). This blue gives 4.1:1 on white and 4.6:1 on a near-black dark background.
 */
export const SECTOR_BAR_COLOR = '#2276fc'

export interface SectorBreakdownChartProps {
  breakdown: (SectorCountLike & {_key?: string})[] | undefined
  totalCount: number | undefined
}

/** '2 of 18 not yet assigned to a sector', or what is wrong with the numbers. */
export function describeUnassigned(breakdown: SectorCountLike[] | undefined, totalCount: number | undefined): string {
  const assigned = sumSectorBreakdown(breakdown)
  if (typeof totalCount !== 'number') return `${assigned} assigned to sectors; set the total count to compare`
  if (assigned > totalCount) {
    return `Sectors add up to ${assigned}, ${assigned - totalCount} more than the total of ${totalCount}`
  }
  if (assigned === totalCount) return `All ${totalCount} assigned to a sector`
  return `${totalCount - assigned} of ${totalCount} not yet assigned to a sector`
}

export function SectorBreakdownChart({breakdown, totalCount}: SectorBreakdownChartProps) {
  const assigned = sumSectorBreakdown(breakdown)
  // Scale by the larger of total and sum so an over-full breakdown still fits the card.
  const scale = Math.max(totalCount ?? 0, assigned, 1)
  const overfull = typeof totalCount === 'number' && assigned > totalCount

  return (
    <Card padding={3} radius={2} border tone={overfull ? 'critical' : 'default'} data-testid="sector-breakdown-chart">
      <Stack space={3}>
        {(breakdown ?? []).map((item, index) => {
          const count = typeof item.count === 'number' ? item.count : 0
          return (
            <Flex key={item._key ?? index} align="center" gap={2}>
              <Box style={{width: '35%'}}>
                <Text size={1} textOverflow="ellipsis">
                  {sectorTitle(item.sector, item.otherSector)}
                </Text>
              </Box>
              <Box flex={1}>
                <Box
                  data-testid="sector-bar"
                  style={{width: `${(count / scale) * 100}%`, minHeight: 12, borderRadius: 2, background: SECTOR_BAR_COLOR}}
                />
              </Box>
              <Box style={{width: '3em', textAlign: 'right'}}>
                <Text size={1}>{count}</Text>
              </Box>
            </Flex>
          )
        })}
        <Text size={1} muted={!overfull} weight="medium" data-testid="sector-breakdown-unassigned">
          {describeUnassigned(breakdown, totalCount)}
        </Text>
      </Stack>
    </Card>
  )
}
