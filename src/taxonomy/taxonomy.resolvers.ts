// Section and tag queries, fields and mutations: section and tag pages, the article's records, and the editors'
// writes (each evicting every cached answer that shows what it changed).
import type { GraphQLResolveInfo } from 'graphql';

import { announce } from '../article/article-mutations.resolvers.ts';
import { parseInput } from '../article/article-mutations.input.ts';
import type { ArticleConnectionPage } from '../article/article.repository.ts';
import { requireRole } from '../auth/authorize.ts';
import type { GraphQLContext } from '../context.ts';
import type {
  MutationCreateSectionArgs,
  MutationCreateTagArgs,
  MutationUpdateSectionArgs,
  MutationUpdateTagArgs,
  QuerySectionArgs,
  QueryTagArgs,
  Resolvers,
} from '../generated/graphql.ts';
import { badUserInput, notFound } from '../shared/errors.ts';
import { decodeGlobalId, encodeGlobalId } from '../shared/global-id.ts';
import type { NodeFetcher } from '../shared/node.resolvers.ts';
import { totalCountOf } from '../shared/pagination.ts';
import { mapWriteErrors } from '../shared/write-errors.ts';
import { relationResolver } from '../sql/fallback.ts';
import { pagePlan, rowPlan, selectOne, type RootPlan, type RowQuery } from '../sql/run.ts';
import { fieldsOf, selectionOf } from '../sql/selection.ts';
import { statementFor, type SqlStatement } from '../sql/statement.ts';
import { sectionByKey, sectionList, sectionQuery, type SectionRow } from './section.repository.ts';
import { tagByKey, tagQuery, tagsPage, tagsQuery, type TagRow } from './tag.repository.ts';
import {
  createSection,
  createTag,
  type TaxonomyWrite,
  updateSection,
  updateTag,
} from './taxonomy-mutations.repository.ts';
import { createSectionSchema, createTagSchema, updateSectionSchema, updateTagSchema } from './taxonomy.input.ts';

export const fetchSectionNode: NodeFetcher = async (id, context) => {
  const row = await sectionByKey(context, { id }, {});
  return row && { __typename: 'Section', ...row };
};

export const fetchTagNode: NodeFetcher = async (id, context) => {
  const row = await tagByKey(context, { id }, {});
  return row && { __typename: 'Tag', ...row };
};

/** `{ slug }` or `{ id }` of a look-up by exactly one of them. */
function slugOrId(args: { slug?: string | null; id?: string | null }, type: 'Section' | 'Tag') {
  if ((args.slug == null) === (args.id == null))
    throw badUserInput('Give exactly one of `slug` and `id`.', args.slug == null ? 'slug' : 'id');
  return args.id != null ? { id: decodeGlobalId(args.id, 'id', type).id } : { slug: args.slug! };
}

const sectionByArgs = (statement: SqlStatement, args: QuerySectionArgs): RowQuery =>
  sectionQuery(statement, slugOrId(args, 'Section'));
const tagByArgs = (statement: SqlStatement, args: QueryTagArgs): RowQuery => tagQuery(statement, slugOrId(args, 'Tag'));

export const taxonomyRootPlans: Record<string, RootPlan> = {
  section: rowPlan(sectionByArgs),
  tag: rowPlan(tagByArgs),
  tags: pagePlan(tagsQuery),
};

export const taxonomyResolvers: Resolvers = {
  Query: {
    section: (_, args, context, info) =>
      selectOne<SectionRow>(
        context,
        sectionByArgs(statementFor(context), args),
        fieldsOf(selectionOf(info), 'Section'),
      ),
    sections: (_, args, context, info) => sectionList(context, args.parent, selectionOf(info)),
    tag: (_, args, context, info) =>
      selectOne<TagRow>(context, tagByArgs(statementFor(context), args), fieldsOf(selectionOf(info), 'Tag')),
    tags: (_, args, context, info) => tagsPage(context, args, selectionOf(info)),
  },
  Section: {
    id: (section) => encodeGlobalId('Section', section.id),
    parent: relationResolver<SectionRow | null>('Section', 'parent'),
    path: relationResolver<SectionRow[]>('Section', 'path'),
    children: relationResolver<SectionRow[]>('Section', 'children'),
    articles: relationResolver<ArticleConnectionPage>('Section', 'articles'),
  },
  Tag: {
    id: (tag) => encodeGlobalId('Tag', tag.id),
    articles: relationResolver<ArticleConnectionPage>('Tag', 'articles'),
  },
  Article: {
    sectionRecord: relationResolver<SectionRow | null>('Article', 'sectionRecord'),
    tagRecords: relationResolver<TagRow[]>('Article', 'tagRecords'),
  },
  TagConnection: { totalCount: totalCountOf },
};

/** Evicts what a taxonomy write changed: the record, the sections around it, and the articles it rewrote. */
async function announceTaxonomyWrite(context: GraphQLContext, type: 'Section' | 'Tag', write: TaxonomyWrite) {
  await announce(context, { changes: write.changes }, [
    encodeGlobalId(type, write.id),
    ...write.touchedSectionIds.map((id) => encodeGlobalId('Section', id)),
  ]);
}

const parentIdOf = (parentId: string | null | undefined) =>
  parentId == null ? parentId : decodeGlobalId(parentId, 'input.parentId', 'Section').id;

async function payloadRecord<T>(
  type: 'Section' | 'Tag',
  id: string,
  context: GraphQLContext,
  info: GraphQLResolveInfo,
): Promise<T> {
  const fields = fieldsOf(selectionOf(info), type);
  const row =
    type === 'Section' ? await sectionByKey(context, { id }, fields) : await tagByKey(context, { id }, fields);
  if (!row) throw notFound(`The ${type.toLowerCase()} no longer exists.`);
  return row as T;
}

/** The section and tag mutations (typed by their own arguments, as the other domains' mutation maps are). */
export const taxonomyMutationResolvers = {
  Mutation: {
    createSection: async (_: unknown, args: MutationCreateSectionArgs, context: GraphQLContext) => {
      requireRole(context.viewer, 'EDITOR', 'createSection');
      const values = parseInput(createSectionSchema, { name: args.input.name, slug: args.input.slug }, 'input');
      const parentId = parentIdOf(args.input.parentId) ?? null;
      const write = await mapWriteErrors('input', () => createSection(context.db, { ...values, parentId }));
      await announceTaxonomyWrite(context, 'Section', write);
      return write;
    },
    updateSection: async (_: unknown, args: MutationUpdateSectionArgs, context: GraphQLContext) => {
      requireRole(context.viewer, 'EDITOR', 'updateSection');
      const id = decodeGlobalId(args.id, 'id', 'Section').id;
      const values = parseInput(updateSectionSchema, { name: args.input.name, slug: args.input.slug }, 'input');
      // `parentId: null` moves the section to the top level; leaving it out keeps it where it is.
      const move = 'parentId' in args.input ? { parentId: parentIdOf(args.input.parentId) ?? null } : {};
      const write = await mapWriteErrors('input', () => updateSection(context.db, id, { ...values, ...move }));
      await announceTaxonomyWrite(context, 'Section', write);
      return write;
    },
    createTag: async (_: unknown, args: MutationCreateTagArgs, context: GraphQLContext) => {
      requireRole(context.viewer, 'EDITOR', 'createTag');
      const values = parseInput(createTagSchema, args.input, 'input');
      const write = await mapWriteErrors('input', () => createTag(context.db, values));
      await announceTaxonomyWrite(context, 'Tag', write);
      return write;
    },
    updateTag: async (_: unknown, args: MutationUpdateTagArgs, context: GraphQLContext) => {
      requireRole(context.viewer, 'EDITOR', 'updateTag');
      const id = decodeGlobalId(args.id, 'id', 'Tag').id;
      const values = parseInput(updateTagSchema, args.input, 'input');
      const write = await mapWriteErrors('input', () => updateTag(context.db, id, values));
      await announceTaxonomyWrite(context, 'Tag', write);
      return write;
    },
  },
  SectionPayload: {
    section: (write: TaxonomyWrite, _: unknown, context: GraphQLContext, info: GraphQLResolveInfo) =>
      payloadRecord<SectionRow>('Section', write.id, context, info),
  },
  TagPayload: {
    tag: (write: TaxonomyWrite, _: unknown, context: GraphQLContext, info: GraphQLResolveInfo) =>
      payloadRecord<TagRow>('Tag', write.id, context, info),
  },
};
