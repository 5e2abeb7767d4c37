// What each kind of feed lists, as SQL over one listed article (`a`: "Article", `l`: "ListedArticle"). Sections,
// tags and authors are still strings on the article (a tag or an author is addressed by the slug of its text); each
// kind's lookup is one small function here, so moving a kind onto records of its own changes only that function.
import { visibleEntity, type SqlStatement } from '../sql/statement.ts';

export type FeedKind = 'latest' | 'section' | 'tag' | 'entity' | 'author';
export type FeedFormat = 'rss' | 'atom';

/** How one feed's statement picks its articles and, where the subject is a record, finds it. */
export interface FeedSubject {
  /** A condition on the listed article `a` / `l`. */
  where: string;
  /**
   * A statement yielding the subject's row (`id`, `name`, `slug`) when it exists and readers may see it; without
   * one, the subject exists when it has at least one article to list.
   */
  record?: string;
}

/** The names of an article's authors, as a text[]: the byline split at commas, "&" and "and", then contributors. */
export const AUTHOR_NAMES_SQL =
  `array_remove(array_cat(regexp_split_to_array(btrim(regexp_replace(coalesce(a.byline, ''), '^\\s*by\\s+', '', 'i')), ` +
  `'\\s*(?:,|&|\\sand\\s)\\s*'), a.contributors), '')`;

/** src/shared/slug.ts's slugify in SQL (diacritics dropped, apostrophes removed, other runs of non-[a-z0-9] → '-'). */
function slugSql(text: string): string {
  const withoutMarks = `regexp_replace(normalize(${text}, NFKD), '[\\u0300-\\u036f]', '', 'g')`;
  const withoutApostrophes = `regexp_replace(lower(${withoutMarks}), '[’'']', '', 'g')`;
  return `btrim(regexp_replace(${withoutApostrophes}, '[^a-z0-9]+', '-', 'g'), '-')`;
}

const latest = (): FeedSubject => ({ where: 'TRUE' });

const section = (statement: SqlStatement, key: string): FeedSubject => ({
  where: `l.section = ${statement.bind(key, 'text')}`,
});

/** A tag by its slug ("Russia-Ukraine war" → russia-ukraine-war). */
const tag = (statement: SqlStatement, key: string): FeedSubject => ({
  where: `${statement.bind(key, 'text')} IN (SELECT ${slugSql('t')} FROM unnest(a.tags) AS t)`,
});

/** An entity by its slug, or by a former slug it was merged or renamed from (the feed then redirects). */
function entity(statement: SqlStatement, key: string): FeedSubject {
  const slug = statement.bind(key, 'text');
  const columns = 'e.id, e.name, e.slug';
  return {
    record:
      `(SELECT ${columns} FROM "Entity" e WHERE e.slug = ${slug} AND ${visibleEntity(statement, 'e')} ` +
      `UNION ALL SELECT ${columns} FROM "EntitySlugRedirect" r JOIN "Entity" e ON e.id = r."entityId" ` +
      `WHERE r.slug = ${slug} AND ${visibleEntity(statement, 'e')}) LIMIT 1`,
    where: `a.id IN (SELECT ae."articleId" FROM "ArticleEntity" ae WHERE ae."entityId" = (SELECT id FROM subject))`,
  };
}

const author = (statement: SqlStatement, key: string): FeedSubject => ({
  where: `${statement.bind(key, 'text')} IN (SELECT ${slugSql('name')} FROM unnest(${AUTHOR_NAMES_SQL}) AS name)`,
});

export const FEED_SUBJECTS: Record<FeedKind, (statement: SqlStatement, key: string) => FeedSubject> = {
  latest,
  section,
  tag,
  entity,
  author,
};
