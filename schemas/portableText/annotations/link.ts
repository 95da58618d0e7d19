/** External link annotation. Web addresses only: `mailto:` and relative links break in syndication. */
import {LinkIcon} from '@sanity/icons/Link'
import {defineField, defineType} from 'sanity'

import {webUrl} from '../../validation/webUrl'

export const linkAnnotationType = defineType({
  name: 'link',
  title: 'Link',
  type: 'object',
  icon: LinkIcon,
  fields: [
    defineField({
      name: 'href',
      title: 'URL',
      type: 'url',
      validation: (rule) => webUrl(rule, {required: true}),
    }),
  ],
})
