/**
 * Who a source speaks for: a company in our database, or, for bodies we do not track as
 * companies (the White House, a ministry), a plain name.
 */
import {CaseIcon} from '@sanity/icons/Case'
import {defineField, defineType} from 'sanity'

export const ORGANISATION_REQUIRED_MESSAGE = 'Choose a company or type the organisation name'

interface OrganisationValue {
  company?: {_ref?: string}
  name?: string
}

const hasCompany = (value: OrganisationValue) => Boolean(value.company?._ref)
const hasName = (value: OrganisationValue) => Boolean(value.name?.trim())

export const organisationType = defineType({
  name: 'organisation',
  title: 'Organisation',
  type: 'object',
  icon: CaseIcon,
  fields: [
    defineField({
      name: 'company',
      title: 'Company',
      type: 'reference',
      to: [{type: 'company'}],
      description: 'Use when the organisation is a company in the database.',
    }),
    defineField({
      name: 'name',
      title: 'Name',
      type: 'string',
      description: 'Otherwise its name, e.g. White House.',
    }),
  ],
  validation: (rule) => [
    rule.custom((value: OrganisationValue | undefined) =>
      !value || hasCompany(value) || hasName(value) ? true : ORGANISATION_REQUIRED_MESSAGE,
    ),
    rule
      .custom((value: OrganisationValue | undefined) =>
        value && hasCompany(value) && hasName(value)
          ? 'Both a company and a name are set: the company is used, so clear the name'
          : true,
      )
      .warning(),
  ],
  preview: {
    select: {companyName: 'company.name', name: 'name'},
    prepare: ({companyName, name}) => ({title: companyName || name || 'No organisation'}),
  },
})
