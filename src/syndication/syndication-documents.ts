// What each syndication path answers: the document computed from its one statement (with its validators, cache
// lifetime and tags), or not found, or a redirect.
import type pg from 'pg';

import { typeTag } from '../cache/answer-tags.ts';
import { encodeGlobalId, type NodeType } from '../shared/global-id.ts';
import { BadPathParameter, type Outcome } from './cached-documents.ts';
import { feedDocument } from './feed-documents.ts';
import type { FeedAddress } from './feed-paths.ts';
import type { FeedKind } from './feed-subjects.ts';
import { feedPath, type PublicUrls } from './public-urls.ts';
import { archiveSitemap, archiveSitemapPath, newsSitemap, SITEMAP_LIMITS, sitemapIndex } from './sitemap-documents.ts';
import { archiveMonthRows, archiveUrlRows, feedRows, newsSitemapRows } from './syndication.repository.ts';

export interface SyndicationOptions {
  /** PUBLIC_BASE_URL: the site whose article pages the documents link to. */
  publicBaseUrl: string;
  /** PUBLICATION_NAME: named in feed titles and as the Google News sitemap's publication. */
  publicationName: string;
  /** The clock deciding what is published by now and what the news sitemap's 48 hours are; the wall clock when absent. */
  now?: () => Date;
  /** Articles per feed (default 50). */
  feedItems?: number;
  /** URLs per archive sitemap (default 50,000, the sitemaps.org limit). */
  urlsPerSitemap?: number;
}

/** Feeds and the news sitemap change with every story; the archive less often. CDNs may keep them this long. */
const MAX_AGE_SECONDS = { feed: 60, news: 60, archive: 300 };
const DEFAULT_FEED_ITEMS = 50;
const CONTENT_TYPES = {
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  xml: 'application/xml; charset=utf-8',
};
/** Any article write evicts `type:Article` (touched-records.ts): every feed and sitemap lists articles. */
const ARTICLE_LIST_TAG = typeTag('Article');

export interface Parts {
  pool: pg.Pool;
  urls: PublicUrls;
  options: SyndicationOptions;
  now: () => Date;
}

/** Last-Modified: the newest change among the listed articles, or any later article write (it may have removed one). */
const lastModified = (...epochMs: Array<number | null | undefined>) =>
  new Date(epochMs.reduce<number>((newest, ms) => (typeof ms === 'number' && ms > newest ? ms : newest), 0));

const newestOf = (epochMs: number[]) => epochMs.reduce((newest, ms) => (ms > newest ? ms : newest), 0);

type SubjectKind = Exclude<FeedKind, 'latest'>;

const RECORD_TYPES = { section: 'Section', tag: 'Tag', entity: 'Entity', author: 'Author' } as const satisfies Record<
  SubjectKind,
  NodeType
>;

/**
 * Writes to any record of these types may change which record a feed's key finds: a section moved into or out of the
 * subtree, a new tag or author taking a key a free-text tag or a byline's spelling answered until then.
 */
const KEYED_BY_TYPE = new Set<SubjectKind>(['section', 'tag', 'author']);

/** The cache tags of a feed: every article write, its subject, and writes that may re-key it. */
function feedTags(kind: FeedKind, subjectId: string | undefined): string[] {
  if (kind === 'latest' || !subjectId) return [ARTICLE_LIST_TAG];
  const type = RECORD_TYPES[kind];
  return [ARTICLE_LIST_TAG, ...(KEYED_BY_TYPE.has(kind) ? [typeTag(type)] : []), encodeGlobalId(type, subjectId)];
}

export async function feedOutcome({ pool, urls, options, now }: Parts, address: FeedAddress): Promise<Outcome> {
  const at = now();
  const { kind, key, format } = address;
  const rows = await feedRows(pool, kind, key, { now: at, limit: options.feedItems ?? DEFAULT_FEED_ITEMS });
  const { subject } = rows;
  if (kind !== 'latest' && !subject) return { kind: 'notFound', message: `No ${kind} has the slug "${key}".` };
  if (subject && subject.key !== key) return { kind: 'redirect', location: feedPath(kind, subject.key, format) };
  const newest = newestOf(rows.items.map((item) => item.updatedAt));
  // Renaming an author changes the entries crediting them without an article write.
  const creditsChanged = newestOf(rows.items.flatMap((item) => item.credits.map((credit) => credit.updatedAt)));
  const body = feedDocument({
    ...address,
    subjectName: subject?.name ?? '',
    items: rows.items,
    updated: new Date(newest || (rows.lastChangeAt ?? 0)),
    urls,
    publicationName: options.publicationName,
  });
  return {
    kind: 'document',
    document: {
      body,
      contentType: CONTENT_TYPES[format],
      lastModified: lastModified(newest, rows.lastChangeAt, subject?.updatedAt, creditsChanged),
      maxAgeSeconds: MAX_AGE_SECONDS.feed,
      tags: feedTags(kind, subject?.id),
    },
  };
}

const xmlDocument = (body: string, modified: Date, maxAgeSeconds: number): Outcome => ({
  kind: 'document',
  document: { body, contentType: CONTENT_TYPES.xml, lastModified: modified, maxAgeSeconds, tags: [ARTICLE_LIST_TAG] },
});

async function newsOutcome({ pool, urls, options, now }: Parts): Promise<Outcome> {
  const at = now();
  const { items, lastChangeAt } = await newsSitemapRows(pool, {
    now: at,
    windowMs: SITEMAP_LIMITS.newsWindowMs,
    limit: SITEMAP_LIMITS.newsUrls,
  });
  const body = newsSitemap(items, { urls, publicationName: options.publicationName });
  return xmlDocument(body, lastModified(items[0]?.publishedAt, lastChangeAt), MAX_AGE_SECONDS.news);
}

async function indexOutcome({ pool, urls, options, now }: Parts): Promise<Outcome> {
  const at = now();
  const { months, lastChangeAt } = await archiveMonthRows(pool, at);
  const modified = lastModified(newestOf(months.map((m) => m.lastModified)), lastChangeAt);
  const urlsPerSitemap = options.urlsPerSitemap ?? SITEMAP_LIMITS.urlsPerSitemap;
  const body = sitemapIndex(months, { urls, urlsPerSitemap, newsLastModified: modified.getTime() });
  return xmlDocument(body, modified, MAX_AGE_SECONDS.archive);
}

const ARCHIVE_PATH = /^articles-(\d{4})-(\d{2})(?:-(\d{1,6}))?\.xml$/;

async function archiveOutcome({ pool, urls, options, now }: Parts, match: RegExpMatchArray): Promise<Outcome> {
  const [, year, monthNumber, partText] = match;
  if (Number(monthNumber) < 1 || Number(monthNumber) > 12)
    throw new BadPathParameter(`"${year}-${monthNumber}" is not a month (01 to 12).`);
  const part = partText === undefined ? 1 : Number(partText);
  if (partText !== undefined && (part < 2 || partText.startsWith('0')))
    throw new BadPathParameter('An archive sitemap part is a number from 2 up (the first part has none).');
  const at = now();
  const month = `${year}-${monthNumber}`;
  const perPart = options.urlsPerSitemap ?? SITEMAP_LIMITS.urlsPerSitemap;
  const { items, lastChangeAt } = await archiveUrlRows(pool, { now: at, month, part, perPart });
  if (!items.length) return { kind: 'notFound', message: `No archive sitemap ${archiveSitemapPath(month, part)}.` };
  const modified = lastModified(newestOf(items.map((item) => item.lastModified)), lastChangeAt);
  return xmlDocument(archiveSitemap(items, { urls }), modified, MAX_AGE_SECONDS.archive);
}

/** What a path under /sitemaps/ names: a computation, or null when it names nothing. */
export function sitemapFor(parts: Parts, name: string): (() => Promise<Outcome>) | null {
  if (name === 'news.xml') return () => newsOutcome(parts);
  if (name === 'index.xml') return () => indexOutcome(parts);
  const match = name.match(ARCHIVE_PATH);
  return match ? () => archiveOutcome(parts, match) : null;
}
