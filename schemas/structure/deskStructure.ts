/**
 * The Studio's left-hand navigation for the desk: articles first (all, drafts, by section), then
 * the reference data stories point at. Unicorn lists appear only when the unicornStats plugin has
 * registered their type, so the structure also works in a Studio mounting the schema alone.
 */
import {BookIcon} from '@sanity/icons/Book'
import {CaseIcon} from '@sanity/icons/Case'
import {DocumentTextIcon} from '@sanity/icons/DocumentText'
import {EditIcon} from '@sanity/icons/Edit'
import {FolderIcon} from '@sanity/icons/Folder'
import {StarIcon} from '@sanity/icons/Star'
import {UserIcon} from '@sanity/icons/User'
import {UsersIcon} from '@sanity/icons/Users'
import type {ListItemBuilder, StructureBuilder, StructureResolver} from 'sanity/structure'

const API_VERSION = '2025-02-19'

function articlesByStatusAndSection(S: StructureBuilder): ListItemBuilder {
  return S.listItem()
    .id('articles')
    .title('Articles')
    .icon(DocumentTextIcon)
    .child(
      S.list()
        .id('articles')
        .title('Articles')
        .items([
          S.listItem()
            .id('all-articles')
            .title('All articles')
            .icon(DocumentTextIcon)
            .child(
              S.documentTypeList('article')
                .title('All articles')
                .defaultOrdering([{field: 'publishedAt', direction: 'desc'}]),
            ),
          S.listItem()
            .id('draft-articles')
            .title('Drafts')
            .icon(EditIcon)
            .child(
              S.documentList()
                .id('draft-articles')
                .title('Drafts')
                .schemaType('article')
                .apiVersion(API_VERSION)
                // The list is queried with perspective=drafts, where a draft carries its published _id and
                // _originalId names the draft; the listener sees raw documents, where the draft's own _id does.
                .filter('_type == "article" && (_originalId in path("drafts.**") || _id in path("drafts.**"))')
                .defaultOrdering([{field: '_updatedAt', direction: 'desc'}]),
            ),
          S.listItem()
            .id('articles-by-section')
            .title('By section')
            .icon(FolderIcon)
            .child(
              S.documentTypeList('section')
                .title('Articles by section')
                .child((sectionId) =>
                  S.documentList()
                    .id(`section-${sectionId}`)
                    .title('Articles')
                    .schemaType('article')
                    .apiVersion(API_VERSION)
                    .filter('_type == "article" && section._ref == $sectionId')
                    .params({sectionId})
                    .defaultOrdering([{field: 'publishedAt', direction: 'desc'}]),
                ),
            ),
        ]),
    )
}

/** The unicornStats plugin's list type, when present; `null` keeps the menu valid without it. */
function unicornListsIfRegistered(S: StructureBuilder, hasUnicornList: boolean): ListItemBuilder | null {
  if (!hasUnicornList) return null
  return S.documentTypeListItem('unicornList').title('Unicorn lists').icon(StarIcon)
}

export const deskStructure: StructureResolver = (S, context) =>
  S.list()
    .id('china-desk')
    .title('China Desk')
    .items(
      [
        articlesByStatusAndSection(S),
        S.divider(),
        S.documentTypeListItem('company').title('Companies').icon(CaseIcon),
        S.documentTypeListItem('regulation').title('Regulations').icon(BookIcon),
        S.documentTypeListItem('interviewSource').title('Sources').icon(UserIcon),
        unicornListsIfRegistered(S, Boolean(context.schema.get('unicornList'))),
        S.divider(),
        S.documentTypeListItem('author').title('Authors').icon(UsersIcon),
        S.documentTypeListItem('section').title('Sections').icon(FolderIcon),
      ].filter((item) => item !== null),
    )
