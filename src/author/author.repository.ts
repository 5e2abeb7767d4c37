// Read-side SQL for authors: the Author projection (with its articles), the credits of an article
// (`Article.authors`) and its derived byline, the `authors` filter of `articles`, and the root look-ups. Authors are
// public editorial records; every article reached through them passes the viewer's visibility.
import { newestArticlesRelation } from '../article/article.repository.ts';
import type { GraphQLContext } from '../context.ts';
import type { AuthorRole } from '../generated/prisma/enums.ts';
import { badUserInput } from '../shared/errors.ts';
import { nameListQuery } from '../sql/name-list.ts';
import { type ConnectionPage, type PageArgs } from '../shared/pagination.ts';
import {
  jsonColumns,
  listSql,
  type Preloaded,
  type Relation,
  type TypeProjection,
  toOneRelation,
} from '../sql/projection.ts';
import { selectConnection, selectOne, type PageQuery, type RowQuery } from '../sql/run.ts';
import { type Fields, fieldsOf, type ResolveTree } from '../sql/selection.ts';
import { sql, type SQL } from '../sql/fragment.ts';
import { statementFor, type SqlStatement } from '../sql/statement.ts';
import { recordKeyCondition, type RecordKey, type SluggedTable } from '../sql/slug-redirects.ts';

export interface AuthorRow extends Preloaded {
  id: string;
  slug: string;
  name: string;
  bio: string | null;
  jobTitle: string | null;
  photoUrl: string | null;
  photoMediaId: string | null;
  sameAs: string[];
}

export interface ArticleAuthorRow extends Preloaded {
  articleId: string;
  authorId: string;
  role: AuthorRole;
  position: number;
}

export type AuthorConnectionPage = ConnectionPage<AuthorRow>;

/** Authors an `authors` filter may name at once. */
const MAX_FILTER_AUTHORS = 20;

/** Where authors and the slugs renames left behind live, for `idBySlugSql`. */
export const AUTHOR_SLUGS: SluggedTable = {
  table: 'Author',
  redirects: 'AuthorSlugRedirect',
  redirectTarget: 'authorId',
};

/** Author.articles: visible articles crediting the author (in `role`, when given), newest first. */
const authorArticlesRelation = newestArticlesRelation((statement, a, parent, args) => {
  const role = args.role as AuthorRole | null | undefined;
  return sql`EXISTS (SELECT 1 FROM "ArticleAuthor" aa WHERE aa."articleId" = ${a}.id AND aa."authorId" = ${parent}.id${
    role ? sql` AND aa.role = ${statement.bind(role, '"AuthorRole"')}` : sql.blank
  })`;
});

export const authorProjection: TypeProjection = {
  table: sql`"Author"`,
  interfaces: ['Node'],
  columns: jsonColumns(['id', 'slug', 'name', 'bio', 'jobTitle', 'photoUrl', 'photoMediaId', 'sameAs']),
  relations: {
    photo: toOneRelation('Media', 'photoMediaId'),
    articles: authorArticlesRelation,
  },
};

export const articleAuthorProjection: TypeProjection = {
  columns: jsonColumns(['articleId', 'authorId', 'role', 'position']),
  relations: { author: toOneRelation('Author', 'authorId') },
};

/**
 * The byline readers see: the names of the article's AUTHOR credits in credit order ("A", "A and B", "A, B and C"),
 * or, when it credits none, the byline as printed (agency bylines such as "News Agencies" are never authors).
 */
function derivedBylineSql(statement: SqlStatement, article: SQL): SQL {
  const [aa, au] = [statement.alias('aa'), statement.alias('au')];
  const names = sql`array_agg(${au}.name ORDER BY ${aa}.position, ${au}.name, ${au}.id)`;
  const joined = sql`CASE count(*) WHEN 0 THEN NULL WHEN 1 THEN min(${au}.name)
    ELSE array_to_string((${names})[1:count(*) - 1], ', ') || ' and ' || (${names})[count(*)] END`;
  return sql`coalesce((SELECT ${joined} FROM "ArticleAuthor" ${aa} JOIN "Author" ${au} ON ${au}.id = ${aa}."authorId" WHERE ${aa}."articleId" = ${article}.id AND ${aa}.role = 'AUTHOR'), ${article}.byline)`;
}

/** The relations this domain adds to Article: its credits and the byline derived from them. */
export const articleRelations: Record<string, Relation> = {
  authors: {
    sql(statement, parent, tree) {
      const aa = statement.alias('aa');
      const role = tree.args.role as AuthorRole | null | undefined;
      return listSql(
        statement,
        {
          typeName: 'ArticleAuthor',
          select: sql`${aa}.*`,
          from: sql`"ArticleAuthor" ${aa}`,
          where: [
            sql`${aa}."articleId" = ${parent}.id`,
            ...(role ? [sql`${aa}.role = ${statement.bind(role, '"AuthorRole"')}`] : []),
          ],
          order: [
            { expr: sql`${aa}.position`, dir: 'ASC', type: 'int' },
            { expr: sql`${aa}.role`, dir: 'ASC', type: 'text' },
            { expr: sql`${aa}."authorId"`, dir: 'ASC', type: 'uuid' },
          ],
        },
        fieldsOf(tree, 'ArticleAuthor'),
      );
    },
  },
  byline: {
    // A scalar computed in SQL: JSON in row mode, its response text in response mode.
    sql(statement, parent) {
      const byline = sql`to_json(${derivedBylineSql(statement, parent)})`;
      return statement.responseSchema ? sql`${byline}::text` : byline;
    },
  },
};

/** The `authors` condition of `articles(filter:)`, over the article alias `a`; null when the filter has none. */
export function articleAuthorsCondition(
  statement: SqlStatement,
  a: SQL,
  slugs: readonly string[] | null | undefined,
): SQL | null {
  if (slugs == null) return null;
  if (slugs.length > MAX_FILTER_AUTHORS)
    throw badUserInput(`\`filter.authors\` names at most ${MAX_FILTER_AUTHORS} authors.`, 'filter');
  const bound = statement.bind(slugs, 'text[]');
  return sql`EXISTS (SELECT 1 FROM "ArticleAuthor" fa WHERE fa."articleId" = ${a}.id AND fa."authorId" IN (SELECT id FROM "Author" WHERE slug = ANY(${bound}) UNION ALL SELECT "authorId" FROM "AuthorSlugRedirect" WHERE slug = ANY(${bound})))`;
}

export type AuthorKey = RecordKey;

/** The author with this id or (current or old) slug. */
export function authorQuery(statement: SqlStatement, key: AuthorKey): RowQuery {
  const where = recordKeyCondition(statement, AUTHOR_SLUGS, sql`au`, key);
  return { statement, typeName: 'Author', alias: sql`au`, from: sql`"Author" au`, where: [where] };
}

export function authorByKey(context: GraphQLContext, key: AuthorKey, fields: Fields): Promise<AuthorRow | null> {
  return selectOne(context, authorQuery(statementFor(context), key), fields);
}

export interface AuthorListArgs extends PageArgs {
  query?: string | null;
}

export function authorsQuery(statement: SqlStatement, args: AuthorListArgs): PageQuery {
  const au = sql`au`;
  return nameListQuery(statement, {
    typeName: 'Author',
    from: sql`"Author" ${au}`,
    alias: au,
    where: [],
    query: args.query,
    connectionType: 'AuthorConnection',
    args,
  });
}

export function authorsPage(
  context: GraphQLContext,
  args: AuthorListArgs,
  tree: ResolveTree,
): Promise<AuthorConnectionPage> {
  return selectConnection<AuthorRow>(context, authorsQuery(statementFor(context), args), tree);
}
