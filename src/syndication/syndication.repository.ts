// The statements behind feeds and sitemaps: one per document, always as an anonymous reader sees the site
// (published, not deleted, and published by now: a story scheduled for later is not listed before its time).
import type pg from 'pg';

import { SqlStatement } from '../sql/statement.ts';
import { AUTHOR_NAMES_SQL, FEED_SUBJECTS, type FeedKind } from './feed-subjects.ts';

/** Epoch milliseconds of a `timestamp` column (ours hold UTC). */
const epochMs = (column: string) => `floor(extract(epoch FROM ${column}) * 1000)::float8`;

/** When anything last changed an article (any write records a change event): part of every Last-Modified. */
const LAST_CHANGE_SQL = `(SELECT ${epochMs('at')} FROM "ChangeEvent" ORDER BY id DESC LIMIT 1)`;

export interface FeedItemRow {
  id: string;
  slug: string;
  headline: string;
  /** The standfirst, or the start of the body when there is none. */
  summary: string;
  language: string;
  section: string | null;
  tags: string[];
  authors: string[];
  publishedAt: number;
  updatedAt: number;
}

export interface FeedRows {
  /** The subject's record (entity feeds), null when it does not exist or readers may not see it. */
  subject: { id: string; name: string; slug: string } | null;
  items: FeedItemRow[];
  lastChangeAt: number | null;
}

/** A listed article readers may see at `now`, joined to its row (`a`), newest first. */
function listedArticles(statement: SqlStatement, now: Date, where: string[]): string {
  return (
    `FROM "ListedArticle" l JOIN "Article" a ON a.id = l."articleId" ` +
    `WHERE ${[statement.visibleArticle('a'), `l."listedAt" <= ${statement.bindInstant(now)}`, ...where].join(' AND ')}`
  );
}

export async function feedRows(
  pool: pg.Pool,
  kind: FeedKind,
  key: string,
  options: { now: Date; limit: number },
): Promise<FeedRows> {
  const statement = new SqlStatement(false);
  const subject = FEED_SUBJECTS[kind](statement, key);
  const items =
    `SELECT a.id, a.slug, a.headline, coalesce(nullif(a.standfirst, ''), left(a."bodyText", 400)) AS summary, ` +
    `a.language, a.section, a.tags, ${AUTHOR_NAMES_SQL} AS authors, ${epochMs('l."listedAt"')} AS "publishedAt", ` +
    `${epochMs('greatest(a."updatedAt", l."listedAt")')} AS "updatedAt" ` +
    `${listedArticles(statement, options.now, [subject.where])} ` +
    `ORDER BY l."listedAt" DESC, l."articleId" DESC LIMIT ${statement.bind(options.limit, 'int')}`;
  const ctes = [...(subject.record ? [`subject AS (${subject.record})`] : []), `items AS (${items})`];
  const text =
    `WITH ${ctes.join(', ')} ` +
    `SELECT ${subject.record ? '(SELECT row_to_json(subject) FROM subject)' : 'NULL'} AS subject, ` +
    `coalesce((SELECT json_agg(items ORDER BY "publishedAt" DESC, id DESC) FROM items), '[]') AS items, ` +
    `${LAST_CHANGE_SQL} AS "lastChangeAt"`;
  const { rows } = await pool.query<FeedRows>({ text, values: statement.params });
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
  const since = `l."listedAt" >= ${statement.bindInstant(new Date(options.now.getTime() - options.windowMs))}`;
  const items =
    `SELECT a.slug, a.headline, a.language, ${epochMs('l."listedAt"')} AS "publishedAt" ` +
    `${listedArticles(statement, options.now, [since])} ORDER BY l."listedAt" DESC, l."articleId" DESC ` +
    `LIMIT ${statement.bind(options.limit, 'int')}`;
  const text =
    `SELECT coalesce((SELECT json_agg(i ORDER BY "publishedAt" DESC) FROM (${items}) i), '[]') AS items, ` +
    `${LAST_CHANGE_SQL} AS "lastChangeAt"`;
  const { rows } = await pool.query({ text, values: statement.params });
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
  const months =
    `SELECT to_char(date_trunc('month', l."listedAt"), 'YYYY-MM') AS month, count(*)::int AS articles, ` +
    `max(${epochMs('greatest(a."updatedAt", l."listedAt")')}) AS "lastModified" ` +
    `${listedArticles(statement, now, [])} GROUP BY 1`;
  const text =
    `SELECT coalesce((SELECT json_agg(m ORDER BY month DESC) FROM (${months}) m), '[]') AS months, ` +
    `${LAST_CHANGE_SQL} AS "lastChangeAt"`;
  const { rows } = await pool.query({ text, values: statement.params });
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
  const inMonth = `l."listedAt" >= ${statement.bindInstant(start)} AND l."listedAt" < ${statement.bindInstant(end)}`;
  const items =
    `SELECT a.slug, ${epochMs('greatest(a."updatedAt", l."listedAt")')} AS "lastModified", l."listedAt", l."articleId" ` +
    `${listedArticles(statement, options.now, [inMonth])} ORDER BY l."listedAt", l."articleId" ` +
    `LIMIT ${statement.bind(options.perPart, 'int')} OFFSET ${statement.bind((options.part - 1) * options.perPart, 'int')}`;
  const text =
    `SELECT coalesce((SELECT json_agg(json_build_object('slug', i.slug, 'lastModified', i."lastModified") ` +
    `ORDER BY i."listedAt", i."articleId") FROM (${items}) i), '[]') AS items, ${LAST_CHANGE_SQL} AS "lastChangeAt"`;
  const { rows } = await pool.query({ text, values: statement.params });
  return rows[0];
}
