// What each kind of feed lists, as SQL over one listed article (`a`: "Article", `l`: "ListedArticle"). Sections,
// tags and authors are still strings on the article (a tag or an author is addressed by the slug of its text); each
// kind's lookup is one small function here, so moving a kind onto records of its own changes only that function.
import { sql, type SQL } from '../sql/fragment.ts';
import { visibleEntity, type SqlStatement } from '../sql/statement.ts';

export type FeedKind = 'latest' | 'section' | 'tag' | 'entity' | 'author';
export type FeedFormat = 'rss' | 'atom';

/** How one feed's statement picks its articles and, where the subject is a record, finds it. */
export interface FeedSubject {
  /** A condition on the listed article `a` / `l`. */
  where: SQL;
  /**
   * A statement yielding the subject's row (`id`, `name`, `slug`) when it exists and readers may see it; without
   * one, the subject exists when it has at least one article to list.
   */
  record?: SQL;
}

/**
 * The names of an article's authors, as a text[]: the byline split at commas, "&" and "and", then contributors
 * (newsgraph_author_names, migration 20261207160000_feed_slug_indexes).
 */
export const AUTHOR_NAMES_SQL = sql`newsgraph_author_names(a.byline, a.contributors)`;

const latest = (): FeedSubject => ({ where: sql`TRUE` });

const section = (statement: SqlStatement, key: string): FeedSubject => ({
  where: sql`l.section = ${statement.bind(key, 'text')}`,
});

/** A tag by its slug ("Russia-Ukraine war" → russia-ukraine-war): the generated, indexed "tagSlugs". */
const tag = (statement: SqlStatement, key: string): FeedSubject => ({
  where: sql`a."tagSlugs" @> ARRAY[${statement.bind(key, 'text')}]`,
});

/** An entity by its slug, or by a former slug it was merged or renamed from (the feed then redirects). */
function entity(statement: SqlStatement, key: string): FeedSubject {
  const slug = statement.bind(key, 'text');
  const columns = sql`e.id, e.name, e.slug`;
  const current = sql`SELECT ${columns} FROM "Entity" e WHERE e.slug = ${slug} AND ${visibleEntity(statement, sql`e`)}`;
  const former = sql`SELECT ${columns} FROM "EntitySlugRedirect" r JOIN "Entity" e ON e.id = r."entityId" WHERE r.slug = ${slug} AND ${visibleEntity(statement, sql`e`)}`;
  return {
    record: sql`(${current} UNION ALL ${former}) LIMIT 1`,
    where: sql`a.id IN (SELECT ae."articleId" FROM "ArticleEntity" ae WHERE ae."entityId" = (SELECT id FROM subject))`,
  };
}

/** An author by the slug of a name in bylines or contributors: the generated, indexed "authorSlugs". */
const author = (statement: SqlStatement, key: string): FeedSubject => ({
  where: sql`a."authorSlugs" @> ARRAY[${statement.bind(key, 'text')}]`,
});

export const FEED_SUBJECTS: Record<FeedKind, (statement: SqlStatement, key: string) => FeedSubject> = {
  latest,
  section,
  tag,
  entity,
  author,
};
