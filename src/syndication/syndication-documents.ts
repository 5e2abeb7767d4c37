// What each syndication path answers: the document computed from its one statement (with its validators, cache
// lifetime and tags), or not found, or a redirect.
import type pg from 'pg';

import { typeTag } from '../cache/answer-tags.ts';
import { encodeGlobalId } from '../shared/global-id.ts';
import { slugify } from '../shared/slug.ts';
import { BadPathParameter, type Outcome } from './cached-documents.ts';
import { feedDocument } from './feed-documents.ts';
import type { FeedAddress } from './feed-paths.ts';
import type { FeedKind } from './feed-subjects.ts';
import { feedPath, type PublicUrls } from './public-urls.ts';
import { archiveSitemap, archiveSitemapPath, newsSitemap, SITEMAP_LIMITS, sitemapIndex } from './sitemap-documents.ts';
import {
  archiveMonthRows,
  archiveUrlRows,
  feedRows,
  newsSitemapRows,
  type FeedItemRow,
} from './syndication.repository.ts';

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

/** The text a tag or author slug was made from, as the newest item spells it. */
function nameInItem(kind: FeedKind, key: string, item: FeedItemRow | undefined): string | undefined {
  const names = kind === 'tag' ? item?.tags : kind === 'author' ? item?.authors : undefined;
  return names?.find((name) => slugify(name) === key);
}

const newestOf = (epochMs: number[]) => epochMs.reduce((newest, ms) => (ms > newest ? ms : newest), 0);

export async function feedOutcome({ pool, urls, options, now }: Parts, address: FeedAddress): Promise<Outcome> {
  const at = now();
  const { kind, key, format } = address;
  const rows = await feedRows(pool, kind, key, { now: at, limit: options.feedItems ?? DEFAULT_FEED_ITEMS });
  if (kind === 'entity' && !rows.subject) return { kind: 'notFound', message: `No entity has the slug "${key}".` };
  if (kind === 'entity' && rows.subject!.slug !== key)
    return { kind: 'redirect', location: feedPath(kind, rows.subject!.slug, format) };
  if (kind !== 'latest' && kind !== 'entity' && !rows.items.length)
    return { kind: 'notFound', message: `No published article has the ${kind} "${key}".` };
  const newest = newestOf(rows.items.map((item) => item.updatedAt));
  const subjectName = rows.subject?.name ?? nameInItem(kind, key, rows.items[0]) ?? key;
  const body = feedDocument({
    ...address,
    subjectName,
    items: rows.items,
    updated: new Date(newest || (rows.lastChangeAt ?? 0)),
    urls,
    publicationName: options.publicationName,
  });
  const tags = rows.subject ? [ARTICLE_LIST_TAG, encodeGlobalId('Entity', rows.subject.id)] : [ARTICLE_LIST_TAG];
  return {
    kind: 'document',
    document: {
      body,
      contentType: CONTENT_TYPES[format],
      lastModified: lastModified(newest, rows.lastChangeAt),
      maxAgeSeconds: MAX_AGE_SECONDS.feed,
      tags,
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
