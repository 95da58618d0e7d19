/**
 * Every schema type China Desk defines, documents first. The unicornStats plugin's types are not
 * here: the plugin adds them (and extends `company` and `articleBody`) when the config resolves.
 */
import type {SchemaTypeDefinition} from 'sanity'

import {articleType} from './documents/article'
import {authorType} from './documents/author'
import {companyType} from './documents/company'
import {interviewSourceType} from './documents/interviewSource'
import {regulationType} from './documents/regulation'
import {sectionType} from './documents/section'
import {amendmentType} from './objects/amendment'
import {imageWithAltType} from './objects/imageWithAlt'
import {interviewType} from './objects/interview'
import {legacyProvenanceType} from './objects/legacyProvenance'
import {locationType} from './objects/location'
import {organisationType} from './objects/organisation'
import {profileLinkType} from './objects/profileLink'
import {seoType} from './objects/seo'
import {stockListingType} from './objects/stockListing'
import {translationType} from './objects/translation'
import {companyMentionAnnotationType} from './portableText/annotations/companyMention'
import {linkAnnotationType} from './portableText/annotations/link'
import {quoteAttributionAnnotationType} from './portableText/annotations/quoteAttribution'
import {regulationMentionAnnotationType} from './portableText/annotations/regulationMention'
import {sourceMentionAnnotationType} from './portableText/annotations/sourceMention'
import {articleBodyType} from './portableText/articleBody'
import {quotationType} from './portableText/quotation'

export const documentTypes = [articleType, companyType, regulationType, interviewSourceType, authorType, sectionType]

export const objectTypes = [
  imageWithAltType,
  seoType,
  legacyProvenanceType,
  locationType,
  stockListingType,
  amendmentType,
  translationType,
  profileLinkType,
  interviewType,
  organisationType,
]

export const portableTextTypes = [
  articleBodyType,
  quotationType,
  linkAnnotationType,
  companyMentionAnnotationType,
  regulationMentionAnnotationType,
  sourceMentionAnnotationType,
  quoteAttributionAnnotationType,
]

export const schemaTypes: SchemaTypeDefinition[] = [...documentTypes, ...objectTypes, ...portableTextTypes]
