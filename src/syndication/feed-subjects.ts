// What each kind of feed is about and lists, as SQL over one listed article (`a`: "Article", `l`: "ListedArticle").
// Sections, tags, entities and authors are records, found by their slug or by an old one a rename or merge left
// behind (the feed then redirects to its current address), and each feed lists what the record's GraphQL page lists.
import { AUTHOR_SLUGS } from '../author/author.repository.ts';
import { sql, type SQL } from '../sql/fragment.ts';
import { idBySlugSql } from '../sql/slug-redirects.ts';
import { visibleEntity, type SqlStatement } from '../sql/statement.ts';
import { SECTION_SLUGS, subtreeSlugsSql } from '../taxonomy/section.repository.ts';
import { TAG_SLUGS } from '../taxonomy/tag.repository.ts';

export type FeedKind = 'latest' | 'section' | 'tag' | 'entity' | 'author';
export type FeedFormat = 'rss' | 'atom';

/** What a feed's subject is looked up by: the path's key, as of the feed's clock; `limit`: items in a feed. */
export interface FeedRequest {
  statement: SqlStatement;
  key: string;
  now: Date;
  limit: number;
}

/**
 * Articles of one case of a subject: those matching `where`, when `when` (a condition on the subject alone, so
 * PostgreSQL checks it once and skips the case otherwise) holds. A subject with several cases lists the one whose
 * `when` holds; each case is planned on its own, so a case can say what it knows as a value (the key), letting
 * PostgreSQL estimate from the column's statistics, or walk the listing where that is cheaper.
 */
interface FeedCase {
  when?: SQL;
  where: SQL;
}

/** How one feed's statement finds its subject and picks its articles. */
export interface FeedSubject {
  /**
   * A statement yielding the subject's row when it exists and readers may see it: `id`, `name`, `key` (the slug its
   * feed's address has now: a request by any other key is redirected there) and `updatedAt`. Absent for the latest
   * articles, which have no subject.
   */
  record?: SQL;
  /** Conditions on the listed article `a` / `l`, whose `when`s exclude one another; the subject's row is the CTE `subject`. */
  cases: FeedCase[];
}

/**
 * The rule of `section(slug:)` and `tag(slug:)` with "published" meaning listed by the feed's clock: readers see the
 * record (whose slug is `recordSlug`) unless articles use it and none of them is listed yet. An embargoed story's new
 * section or tag must not give the story away; a record no article uses (an editor's) is public. `uses` says whether
 * an article uses a slug.
 */
function listedOrUnused(request: FeedRequest, recordSlug: SQL, uses: (article: SQL, slug: SQL) => SQL): SQL {
  const { statement, now } = request;
  const at = statement.bindInstant(now);
  // OFFSET 0 keeps each EXISTS a probe of the article indexes rather than a hashed subplan over every article.
  const rule = (slug: SQL) =>
    sql`(NOT EXISTS (SELECT 1 FROM "Article" vu WHERE ${uses(sql`vu`, slug)} OFFSET 0) OR EXISTS (SELECT 1 FROM "ListedArticle" vl JOIN "Article" va ON va.id = vl."articleId" WHERE ${uses(sql`va`, slug)} AND ${statement.visibleArticle(sql`va`)} AND vl."listedAt" <= ${at} OFFSET 0))`;
  // With the key as a value (the usual case, no redirect) PostgreSQL estimates from the column's statistics; against
  // the record's column it can only guess "many articles", and for a parent section with none of its own it would
  // scan every article to find none.
  const key = statement.bind(request.key, 'text');
  return sql`CASE WHEN ${recordSlug} = ${key} THEN ${rule(key)} ELSE ${rule(recordSlug)} END`;
}

const latest = (): FeedSubject => ({ cases: [{ where: sql`TRUE` }] });

/** A section with the sections under it, as `Section.articles` lists them by default (`includeSubsections`). */
function section(request: FeedRequest): FeedSubject {
  const slug = request.statement.bind(request.key, 'text');
  const visible = listedOrUnused(request, sql`s.slug`, (article, used) => sql`${article}.section = ${used}`);
  return {
    record: sql`SELECT s.id, s.name, s.slug AS key, s."updatedAt" FROM "Section" s WHERE s.id = ${idBySlugSql(SECTION_SLUGS, slug)} AND ${visible}`,
    cases: [{ where: sql`l.section = ANY(${subtreeSlugsSql(sql`(SELECT id FROM subject)`)})` }],
  };
}

/**
 * A tag by its slug or an old one; else a tag whose text slugs to the key: tags stored as free text ("Russia-Ukraine
 * war" is its own slug) keep the address feeds gave them (`russia-ukraine-war`), which is then their feed's key. A tag
 * addressed by its own slug filters by the key as a value: PostgreSQL then knows from the statistics of `tags` whether
 * walking the listing newest first or reading the tag's GIN entries is cheaper (a tag of 801 articles in 10k: 11 ms
 * against 19 ms when compared with the record's slug, on a loaded machine).
 */
function tag(request: FeedRequest): FeedSubject {
  const slug = request.statement.bind(request.key, 'text');
  const byText = sql`(SELECT t.id FROM "Tag" t WHERE newsgraph_slug(t.slug) = ${slug} ORDER BY t."createdAt", t.id LIMIT 1)`;
  const visible = listedOrUnused(request, sql`g.slug`, (article, used) => sql`${article}.tags @> ARRAY[${used}]`);
  return {
    record: sql`SELECT g.id, g.name, g.slug, newsgraph_slug(g.slug) AS key, g."updatedAt" FROM "Tag" g WHERE g.id = coalesce(${idBySlugSql(TAG_SLUGS, slug)}, ${byText}) AND ${visible}`,
    cases: [
      { when: sql`(SELECT slug FROM subject) = ${slug}`, where: sql`a.tags @> ARRAY[${slug}]` },
      { when: sql`(SELECT slug FROM subject) <> ${slug}`, where: sql`a.tags @> ARRAY[(SELECT slug FROM subject)]` },
    ],
  };
}

/** An entity by its slug, or by a former slug it was merged or renamed from. */
function entity(request: FeedRequest): FeedSubject {
  const { statement } = request;
  const slug = statement.bind(request.key, 'text');
  const columns = sql`e.id, e.name, e.slug AS key, e."updatedAt"`;
  const current = sql`SELECT ${columns} FROM "Entity" e WHERE e.slug = ${slug} AND ${visibleEntity(statement, sql`e`)}`;
  const former = sql`SELECT ${columns} FROM "EntitySlugRedirect" r JOIN "Entity" e ON e.id = r."entityId" WHERE r.slug = ${slug} AND ${visibleEntity(statement, sql`e`)}`;
  return {
    record: sql`(${current} UNION ALL ${former}) LIMIT 1`,
    cases: [
      {
        where: sql`a.id IN (SELECT ae."articleId" FROM "ArticleEntity" ae WHERE ae."entityId" = (SELECT id FROM subject))`,
      },
    ],
  };
}

/**
 * An author by slug or old slug; else the author whose name slugs to the key, the address a byline's spelling gave
 * (redirected to the author's slug). Lists every article crediting them, in any role, as `Author.articles` does.
 * Authors are public records: one with no listed article has an empty feed.
 *
 * Two ways to find the newest: from the author's credits (each looked up in the listing, then sorted), or walking the
 * listing newest first and probing each article's credits until the feed is full, about limit × listed / credits
 * probes. The author's id is known only inside the statement, so PostgreSQL cannot choose from statistics; the
 * statement chooses by the author's number of credits against the listing's size (its planner estimate): the walk
 * when it is the shorter. On the 10k corpus (loaded machine): an author credited on every article 9.5 ms, 205 from
 * the credits; one with 50 credits 10.6 ms, 99 walking.
 */
function author(request: FeedRequest): FeedSubject {
  const { statement, limit } = request;
  const slug = statement.bind(request.key, 'text');
  const byName = sql`(SELECT n.id FROM "Author" n WHERE newsgraph_slug(n.name) = ${slug} ORDER BY n."createdAt", n.id LIMIT 1)`;
  const credits = sql`(SELECT count(*) FROM "ArticleAuthor" c WHERE c."authorId" = au.id)::float8 AS credits`;
  const listed = sql`(SELECT greatest(reltuples, 0) FROM pg_class WHERE oid = '"ListedArticle"'::regclass)`;
  const walk = sql`(SELECT credits * credits FROM subject) > ${statement.bind(limit, 'int')} * ${listed}`;
  return {
    record: sql`SELECT au.id, au.name, au.slug AS key, au."updatedAt", ${credits} FROM "Author" au WHERE au.id = coalesce(${idBySlugSql(AUTHOR_SLUGS, slug)}, ${byName})`,
    cases: [
      {
        when: sql`NOT ${walk}`,
        where: sql`a.id IN (SELECT aa."articleId" FROM "ArticleAuthor" aa WHERE aa."authorId" = (SELECT id FROM subject))`,
      },
      {
        when: walk,
        // OFFSET 0: a probe per article walked, never turned into a join over all the author's credits.
        where: sql`EXISTS (SELECT 1 FROM "ArticleAuthor" aa WHERE aa."articleId" = a.id AND aa."authorId" = (SELECT id FROM subject) OFFSET 0)`,
      },
    ],
  };
}

export const FEED_SUBJECTS: Record<FeedKind, (request: FeedRequest) => FeedSubject> = {
  latest,
  section,
  tag,
  entity,
  author,
};
