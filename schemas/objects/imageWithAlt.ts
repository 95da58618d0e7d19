/**
 * An image that always carries alt text once a picture is chosen: hero images, logos, headshots,
 * avatars and body images. An empty image field is fine; a picture without a description is not.
 */
import {ImageIcon} from '@sanity/icons/Image'
import {defineField, defineType} from 'sanity'

export const IMAGE_ALT_REQUIRED_MESSAGE =
  'Alt text is required when an image is set: describe what the picture shows for readers who cannot see it'

export const imageWithAltType = defineType({
  name: 'imageWithAlt',
  title: 'Image',
  type: 'image',
  icon: ImageIcon,
  options: {hotspot: true},
  fields: [
    defineField({
      name: 'alt',
      title: 'Alternative text',
      type: 'string',
      description: 'What the image shows, for screen readers and when the image fails to load.',
      // `rule.required()` would also fire on an empty image; only a chosen asset needs a description
      validation: (rule) =>
        rule.custom((alt, context) => {
          const image = context.parent as {asset?: {_ref?: string}} | undefined
          if (!image?.asset) return true
          return typeof alt === 'string' && alt.trim() !== '' ? true : IMAGE_ALT_REQUIRED_MESSAGE
        }),
    }),
    defineField({name: 'caption', title: 'Caption', type: 'string'}),
    defineField({
      name: 'credit',
      title: 'Credit',
      type: 'string',
      description: 'Photographer or agency, e.g. "Reuters/Tingshu Wang".',
    }),
  ],
  preview: {
    select: {alt: 'alt', caption: 'caption', media: 'asset'},
    prepare: ({alt, caption, media}) => ({
      title: caption || alt || 'Image',
      subtitle: alt ? undefined : 'Missing alt text',
      media,
    }),
  },
})
