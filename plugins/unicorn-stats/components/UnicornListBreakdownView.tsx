/**
 * A document view charting a unicorn list's sector breakdown, for the desk structure:
 * `S.view.component(UnicornListBreakdownView).title('Sectors')` on `unicornList` documents.
 */
import {Box, Heading, Stack, Text} from '@sanity/ui'
import type {SanityDocument} from 'sanity'

import {unicornListPreviewTitle, type UnicornListPeriodLike} from '../helpers/periodLabel'
import type {SectorCountLike} from '../helpers/sectorCounts'
import {SectorBreakdownChart} from './SectorBreakdownChart'

interface UnicornListViewDocument extends SanityDocument {
  title?: string
  period?: UnicornListPeriodLike
  totalCount?: number
  scope?: string
  sectorBreakdown?: (SectorCountLike & {_key: string})[]
}

export interface UnicornListBreakdownViewProps {
  document: {displayed: Partial<SanityDocument>}
}

export function UnicornListBreakdownView({document}: UnicornListBreakdownViewProps) {
  const list = document.displayed as Partial<UnicornListViewDocument>
  return (
    <Box padding={4}>
      <Stack space={4}>
        <Heading as="h2" size={1}>
          {unicornListPreviewTitle({period: list.period, totalCount: list.totalCount, fallbackTitle: list.title})}
        </Heading>
        {list.scope && <Text muted>{list.scope}</Text>}
        <SectorBreakdownChart breakdown={list.sectorBreakdown} totalCount={list.totalCount} />
      </Stack>
    </Box>
  )
}
