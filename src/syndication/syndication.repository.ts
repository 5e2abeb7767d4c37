// The statements behind feeds and sitemaps: one per document, always as an anonymous reader sees the site
// (published, not deleted, and published by now: a story scheduled for later is not listed before its time).
import type pg from 'pg';

import { compileStatement, sql, type SQL } from '../sql/fragment.ts';
import type { AuthorRole } from '../generated/prisma/enums.ts';
import { SqlStatement } from '../sql/statement.ts';
import { FEED_SUBJECTS, type FeedKind } from './feed-subjects.ts';

/** Epoch milliseconds of a `timestamp` column (ours hold UTC). */
const epochMs = (column: SQL): SQL => sql`floor(extract(epoch FROM ${column}) * 1000)::float8`;

/**
 * When anything last changed an article (any write records a change event; collection events are left out, no feed
 * shows a collection): part of every Last-Modified.
 */
const LAST_CHANGE_SQL = sql`(SELECT ${epochMs(sql`at`)} FROM "ChangeEvent" WHERE "articleId" IS NOT NULL ORDER BY id DESC LIMIT 1)`;

export interface FeedItemRow {
  id: string;
  slug: string;
  headline: string;
  /** The standfirst, or the start of the body when there is none. */
  summary: string;
  language: string;
  section: string | null;
  tags: string[];
  /** The byline as printed; what readers see when the article credits no AUTHOR. */
  byline: string | null;
  /** Who is credited, in credit order. */
  credits: FeedCredit[];
  publishedAt: number;
  updatedAt: number;
}

interface FeedCredit {
  name: string;
  slug: string;
  role: AuthorRole;
  /** When the author last changed (a rename changes every entry crediting them). */
  updatedAt: number;
}

/** A feed's section, tag, entity or author. */
interface FeedSubjectRow {
  id: string;
  name: string;
  /** The slug of the subject's feed address now (see FeedSubject.record). */
  key: string;
  updatedAt: number;
}

export interface FeedRows {
  /** The subject's record, null when there is none (the latest articles), it does not exist or readers may not see it. */
  subject: FeedSubjectRow | null;
  items: FeedItemRow[];
  lastChangeAt: number | null;
}

/** An article's credits as JSON (FeedCredit[]), in the order `Article.authors` gives them. */
const CREDITS_SQL = sql`coalesce((SELECT json_agg(json_build_object('name', au.name, 'slug', au.slug, 'role', aa.role, 'updatedAt', ${epochMs(sql`au."updatedAt"`)}) ORDER BY aa.position, au.name, au.id) FROM "ArticleAuthor" aa JOIN "Author" au ON au.id = aa."authorId" WHERE aa."articleId" = a.id), '[]')`;

/** A listed article readers may see at `now`, joined to its row (`a`), newest first. */
function listedArticles(statement: SqlStatement, now: Date, where: SQL[]): SQL {
  const conditions = [statement.visibleArticle(sql`a`), sql`l."listedAt" <= ${statement.bindInstant(now)}`, ...where];
  return sql`FROM "ListedArticle" l JOIN "Article" a ON a.id = l."articleId" WHERE ${sql.join(conditions, ' AND ')}`;
}

/** Runs one statement, compiled to its text and values (unnamed: not prepared). */
async function queryRows<R extends object>(pool: pg.Pool, statement: SQL): Promise<R[]> {
  const { text, values } = compileStatement(statement);
  const { rows } = await pool.query<R>({ text, values });
  return rows;
}

export async function feedRows(
  pool: pg.Pool,
  kind: FeedKind,
  key: string,
  options: { now: Date; limit: number },
): Promise<FeedRows> {
  const statement = new SqlStatement(false);
  const subject = FEED_SUBJECTS[kind]({ statement, key, now: options.now, limit: options.limit });
  const columns = sql`a.id, a.slug, a.headline, coalesce(nullif(a.standfirst, ''), left(a."bodyText", 400)) AS summary, a.language, a.section, a.tags, a.byline, ${CREDITS_SQL} AS credits, ${epochMs(sql`l."listedAt"`)} AS "publishedAt", ${epochMs(sql`greatest(a."updatedAt", l."listedAt")`)} AS "updatedAt"`;
  // A request by an old slug is answered with a redirect: it lists nothing.
  const current = subject.record ? [sql`(SELECT key FROM subject) = ${statement.bind(key, 'text')}`] : [];
  const cases = subject.cases.map(
    ({ when, where }) =>
      sql`(SELECT ${columns} ${listedArticles(statement, options.now, [...current, ...(when ? [when] : []), where])} ORDER BY l."listedAt" DESC, l."articleId" DESC LIMIT ${statement.bind(options.limit, 'int')})`,
  );
  const ctes = [
    ...(subject.record ? [sql`subject AS (${subject.record})`] : []),
    sql`items AS (${sql.join(cases, ' UNION ALL ')})`,
  ];
  const subjectRow = subject.record
    ? sql`(SELECT json_build_object('id', id, 'name', name, 'key', key, 'updatedAt', ${epochMs(sql`"updatedAt"`)}) FROM subject)`
    : sql`NULL`;
  const rows = await queryRows<FeedRows>(
    pool,
    sql`WITH ${sql.join(ctes, ', ')} SELECT ${subjectRow} AS subject, coalesce((SELECT json_agg(items ORDER BY "publishedAt" DESC, id DESC) FROM items), '[]') AS items, ${LAST_CHANGE_SQL} AS "lastChangeAt"`,
  );
  return rows[0];
}

export interface NewsSitemapRow {
  slug: string;
  headline: string;
  language: string;
  publishedAt: number;
}

/** Articles published in the window before `now`, newest first, at most `limit`. */
export async function newsSitemapRows(
  pool: pg.Pool,
  options: { now: Date; windowMs: number; limit: number },
): Promise<{ items: NewsSitemapRow[]; lastChangeAt: number | null }> {
  const statement = new SqlStatement(false);
  const since = sql`l."listedAt" >= ${statement.bindInstant(new Date(options.now.getTime() - options.windowMs))}`;
  const items = sql`SELECT a.slug, a.headline, a.language, ${epochMs(sql`l."listedAt"`)} AS "publishedAt" ${listedArticles(statement, options.now, [since])} ORDER BY l."listedAt" DESC, l."articleId" DESC LIMIT ${statement.bind(options.limit, 'int')}`;
  const rows = await queryRows<{ items: NewsSitemapRow[]; lastChangeAt: number | null }>(
    pool,
    sql`SELECT coalesce((SELECT json_agg(i ORDER BY "publishedAt" DESC) FROM (${items}) i), '[]') AS items, ${LAST_CHANGE_SQL} AS "lastChangeAt"`,
  );
  return rows[0];
}

export interface ArchiveMonthRow {
  /** "2026-12" */
  month: string;
  articles: number;
  lastModified: number;
}

/** Every month with listed articles, newest first, with how many and when the newest of them changed. */
export async function archiveMonthRows(
  pool: pg.Pool,
  now: Date,
): Promise<{ months: ArchiveMonthRow[]; lastChangeAt: number | null }> {
  const statement = new SqlStatement(false);
  const months = sql`SELECT to_char(date_trunc('month', l."listedAt"), 'YYYY-MM') AS month, count(*)::int AS articles, max(${epochMs(sql`greatest(a."updatedAt", l."listedAt")`)}) AS "lastModified" ${listedArticles(statement, now, [])} GROUP BY 1`;
  const rows = await queryRows<{ months: ArchiveMonthRow[]; lastChangeAt: number | null }>(
    pool,
    sql`SELECT coalesce((SELECT json_agg(m ORDER BY month DESC) FROM (${months}) m), '[]') AS months, ${LAST_CHANGE_SQL} AS "lastChangeAt"`,
  );
  return rows[0];
}

export interface ArchiveUrlRow {
  slug: string;
  lastModified: number;
}

/** One archive sitemap's articles: those listed in `month` ("2026-12"), oldest first, part `part` of `perPart`. */
export async function archiveUrlRows(
  pool: pg.Pool,
  options: { now: Date; month: string; part: number; perPart: number },
): Promise<{ items: ArchiveUrlRow[]; lastChangeAt: number | null }> {
  const statement = new SqlStatement(false);
  const start = new Date(`${options.month}-01T00:00:00Z`);
  const end = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1));
  const inMonth = sql`l."listedAt" >= ${statement.bindInstant(start)} AND l."listedAt" < ${statement.bindInstant(end)}`;
  const page = sql`LIMIT ${statement.bind(options.perPart, 'int')} OFFSET ${statement.bind((options.part - 1) * options.perPart, 'int')}`;
  const items = sql`SELECT a.slug, ${epochMs(sql`greatest(a."updatedAt", l."listedAt")`)} AS "lastModified", l."listedAt", l."articleId" ${listedArticles(statement, options.now, [inMonth])} ORDER BY l."listedAt", l."articleId" ${page}`;
  const rows = await queryRows<{ items: ArchiveUrlRow[]; lastChangeAt: number | null }>(
    pool,
    sql`SELECT coalesce((SELECT json_agg(json_build_object('slug', i.slug, 'lastModified', i."lastModified") ORDER BY i."listedAt", i."articleId") FROM (${items}) i), '[]') AS items, ${LAST_CHANGE_SQL} AS "lastChangeAt"`,
  );
  return rows[0];
}
