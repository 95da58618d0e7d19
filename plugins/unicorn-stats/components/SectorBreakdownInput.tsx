/**
 * Input for a unicorn list's `sectorBreakdown`: Sanity's own array editor, plus a bar per sector
 * and the count still unassigned against the list's `totalCount`, so editors see at a glance
 * whether the breakdown they copied from the tracker accounts for the whole list.
 */
import {Stack} from '@sanity/ui'
import {type ArrayOfObjectsInputProps, useFormValue} from 'sanity'

import type {SectorCountLike} from '../helpers/sectorCounts'
import {SectorBreakdownChart} from './SectorBreakdownChart'

export function SectorBreakdownInput(props: ArrayOfObjectsInputProps) {
  const totalCount = useFormValue(['totalCount'])
  const breakdown = props.value as (SectorCountLike & {_key: string})[] | undefined

  return (
    <Stack space={3}>
      {props.renderDefault(props)}
      <SectorBreakdownChart
        breakdown={breakdown}
        totalCount={typeof totalCount === 'number' ? totalCount : undefined}
      />
    </Stack>
  )
}
