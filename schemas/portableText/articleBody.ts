/**
 * The article body: Portable Text with a deliberately small set of styles (so the front end's
 * typography stays in charge), reference annotations that tie prose to companies, regulations and
 * sources, and body images and quotations as blocks. The unicornStats plugin appends a
 * `unicornListEmbed` member to this array type (its `bodyTypes` option).
 */
import {defineArrayMember, defineType} from 'sanity'

import {ArticleBodyInput} from './components/ArticleBodyInput'

export const articleBodyType = defineType({
  name: 'articleBody',
  title: 'Body',
  type: 'array',
  // Sanity's input, laid out so every annotation button fits the toolbar at 1440 px (see ArticleBodyInput).
  components: {input: ArticleBodyInput},
  of: [
    defineArrayMember({
      type: 'block',
      styles: [
        {title: 'Normal', value: 'normal'},
        {title: 'Heading 2', value: 'h2'},
        {title: 'Heading 3', value: 'h3'},
        {title: 'Quote', value: 'blockquote'},
      ],
      lists: [
        {title: 'Bullet', value: 'bullet'},
        {title: 'Numbered', value: 'number'},
      ],
      marks: {
        decorators: [
          {title: 'Strong', value: 'strong'},
          {title: 'Emphasis', value: 'em'},
          {title: 'Code', value: 'code'},
        ],
        annotations: [
          defineArrayMember({type: 'link'}),
          defineArrayMember({type: 'companyMention'}),
          defineArrayMember({type: 'regulationMention'}),
          defineArrayMember({type: 'sourceMention'}),
          defineArrayMember({type: 'quoteAttribution'}),
        ],
      },
    }),
    defineArrayMember({type: 'imageWithAlt'}),
    defineArrayMember({type: 'quotation'}),
  ],
})
