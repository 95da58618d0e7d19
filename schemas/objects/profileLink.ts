/** A link to a person's profile elsewhere (LinkedIn, company bio page, Weibo). */
import {LinkIcon} from '@sanity/icons/Link'
import {defineField, defineType} from 'sanity'

import {webUrl} from '../validation/webUrl'

export const profileLinkType = defineType({
  name: 'profileLink',
  title: 'Profile link',
  type: 'object',
  icon: LinkIcon,
  fields: [
    defineField({name: 'label', title: 'Label', type: 'string', description: 'e.g. LinkedIn'}),
    defineField({name: 'url', title: 'URL', type: 'url', validation: (rule) => webUrl(rule, {required: true})}),
  ],
  preview: {
    select: {label: 'label', url: 'url'},
    prepare: ({label, url}) => ({title: label || url || 'Link', subtitle: label ? url : undefined}),
  },
})
