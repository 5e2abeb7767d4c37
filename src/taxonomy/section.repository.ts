// Read-side SQL for sections: the Section projection (parent, breadcrumb path, children, articles), the article's
// section record, and the root look-ups. `Article.section` holds the slug of its section (kept canonical by the
// database), so a section's articles are found by slug through the article indexes.
import { newestArticlesRelation } from '../article/article.repository.ts';
import type { GraphQLContext } from '../context.ts';
import {
  jsonColumns,
  type ListSource,
  listSql,
  type Preloaded,
  type Relation,
  type TypeProjection,
  toOneRelation,
  toOneSql,
} from '../sql/projection.ts';
import { runStatement, selectOne, type RowQuery } from '../sql/run.ts';
import { type Fields, fieldsOf, type ResolveTree } from '../sql/selection.ts';
import { sql, type SQL } from '../sql/fragment.ts';
import { byName } from '../sql/name-list.ts';
import { statementFor, type SqlStatement, visibleThroughArticles } from '../sql/statement.ts';
import { idBySlugSql, recordKeyCondition, type RecordKey, type SluggedTable } from '../sql/slug-redirects.ts';

/** Where sections and the slugs renames left behind live, for `idBySlugSql`. */
export const SECTION_SLUGS: SluggedTable = {
  table: 'Section',
  redirects: 'SectionSlugRedirect',
  redirectTarget: 'sectionId',
};

/** Levels of the section tree: `news/world/asia/china/beijing` at most. */
export const MAX_SECTION_DEPTH = 5;

export interface SectionRow extends Preloaded {
  id: string;
  slug: string;
  name: string;
  parentId: string | null;
  ancestorIds: string[];
}

/**
 * Readers see a section unless every article in it is hidden from them: a section that only a draft uses (created
 * when the draft was written) must not reveal the story before it is published. Sections without articles (made by
 * editors) are public.
 */
function visibleSection(statement: SqlStatement, alias: SQL): SQL {
  return visibleThroughArticles(statement, sql`vs`, sql`vs.section = ${alias}.slug`);
}

/** Sections under `parentId` (SQL, or null for the top level) that the viewer may see, by name. */
function childSectionsSource(statement: SqlStatement, parentId: SQL | null): ListSource {
  const s = statement.alias('s');
  return {
    typeName: 'Section',
    select: sql`${s}.*`,
    from: sql`"Section" ${s}`,
    where: [parentId ? sql`${s}."parentId" = ${parentId}` : sql`${s}."parentId" IS NULL`, visibleSection(statement, s)],
    order: byName(s),
  };
}

/** The slugs of the section with id `sectionId` and of every section under it, as a text[]. */
export function subtreeSlugsSql(sectionId: SQL): SQL {
  return sql`ARRAY(SELECT ss.slug FROM "Section" ss WHERE ss.id = ${sectionId} OR ss."ancestorIds" @> ARRAY[${sectionId}])`;
}

/** Section.articles: visible articles of the section, and of the sections under it unless told otherwise. */
const sectionArticlesRelation = newestArticlesRelation((_statement, a, parent, args) =>
  args.includeSubsections === false
    ? sql`${a}.section = ${parent}.slug`
    : sql`${a}.section = ANY(${subtreeSlugsSql(sql`${parent}.id`)})`,
);

export const sectionProjection: TypeProjection = {
  table: sql`"Section"`,
  interfaces: ['Node'],
  columns: jsonColumns(['id', 'slug', 'name', 'parentId', 'ancestorIds']),
  relations: {
    parent: toOneRelation('Section', 'parentId'),
    path: {
      sql(statement, parent, tree) {
        const s = statement.alias('s');
        const line = sql`(${parent}."ancestorIds" || ${parent}.id)`;
        return listSql(
          statement,
          {
            typeName: 'Section',
            select: sql`${s}.*`,
            from: sql`"Section" ${s}`,
            where: [sql`${s}.id = ANY(${line})`],
            order: [{ expr: sql`array_position(${line}, ${s}.id)`, dir: 'ASC', type: 'int' }],
          },
          fieldsOf(tree, 'Section'),
        );
      },
    },
    children: {
      sql: (statement, parent, tree) =>
        listSql(statement, childSectionsSource(statement, sql`${parent}.id`), fieldsOf(tree, 'Section')),
    },
    articles: sectionArticlesRelation,
  },
};

/** Article.sectionRecord: the section whose slug the article holds. */
export const articleSectionRelation: Relation = {
  sql: (statement, parent, tree) =>
    toOneSql(statement, 'Section', sql`(SELECT id FROM "Section" WHERE slug = ${parent}.section)`, tree),
};

export type SectionKey = RecordKey;

/** The section with this id or slug; an old slug (a rename) lands on the section that had it. */
export function sectionQuery(statement: SqlStatement, key: SectionKey): RowQuery {
  return {
    statement,
    typeName: 'Section',
    alias: sql`s`,
    from: sql`"Section" s`,
    where: [recordKeyCondition(statement, SECTION_SLUGS, sql`s`, key), visibleSection(statement, sql`s`)],
  };
}

export function sectionByKey(context: GraphQLContext, key: SectionKey, fields: Fields): Promise<SectionRow | null> {
  return selectOne(context, sectionQuery(statementFor(context), key), fields);
}

/** Query.sections: the sections under the one with slug `parent` (old slugs too), or the top level. */
export async function sectionList(
  context: GraphQLContext,
  parent: string | null | undefined,
  tree: ResolveTree,
): Promise<SectionRow[]> {
  const statement = statementFor(context);
  const slug = parent == null ? null : statement.bind(parent, 'text');
  const parentId = slug == null ? null : idBySlugSql(SECTION_SLUGS, slug);
  // An unknown parent slug gives no sections, not the top level.
  const source = childSectionsSource(statement, parentId);
  const list = listSql(statement, source, fieldsOf(tree, 'Section'));
  const [row] = await runStatement<{ v: SectionRow[] }>(context, sql`SELECT ${list} AS v`);
  return row?.v ?? [];
}
