/**
 * One row of a list's sector breakdown: a sector from the vocabulary (or "other" with the
 * tracker's own name for it) and how many of the list's companies it covers.
 */
import {defineField, defineType} from 'sanity'

import {createSectorField} from './sectorField'
import {sectorLabel} from './unicornSectors'

export const sectorCountType = defineType({
  name: 'sectorCount',
  title: 'Sector count',
  type: 'object',
  fields: [
    createSectorField({required: true}),
    defineField({
      name: 'otherSector',
      title: 'Sector name (other)',
      type: 'string',
      description: "The tracker's own name for a sector outside the vocabulary",
      hidden: ({parent}) => (parent as {sector?: string} | undefined)?.sector !== 'other',
      validation: (rule) =>
        rule.custom((value, context) =>
          (context.parent as {sector?: string} | undefined)?.sector === 'other' && !value?.trim()
            ? 'Name the sector when choosing "Other", e.g. "Robotics"'
            : true,
        ),
    }),
    defineField({
      name: 'count',
      title: 'Count',
      type: 'number',
      validation: (rule) => [
        rule.required(),
        rule.custom((value) =>
          value === undefined || (Number.isInteger(value) && value >= 0)
            ? true
            : 'Count must be a whole number, 0 or more',
        ),
      ],
    }),
  ],
  preview: {
    select: {sector: 'sector', otherSector: 'otherSector', count: 'count'},
    prepare: ({sector, otherSector, count}) => ({
      title: sectorLabel(sector, otherSector),
      subtitle: typeof count === 'number' ? String(count) : 'No count',
    }),
  },
})
