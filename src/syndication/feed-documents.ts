// RSS 2.0 and Atom 1.0 documents of a feed's rows, written by the `feed` library.
import { type Author, Feed, type Item } from 'feed';

import type { FeedFormat, FeedKind } from './feed-subjects.ts';
import { feedPath, type PublicUrls } from './public-urls.ts';
import type { FeedItemRow } from './syndication.repository.ts';

export interface FeedDocumentInput {
  kind: FeedKind;
  /** The path parameter: the slug of a section, tag, entity or author ('' for the latest articles). */
  key: string;
  format: FeedFormat;
  /** What the feed is about, as readers read it: "world", "Alexander Lukashenko", "Jane Doe". */
  subjectName: string;
  items: FeedItemRow[];
  /** When the feed last changed in substance: its newest item's update (Atom's required `updated`). */
  updated: Date;
  urls: PublicUrls;
  publicationName: string;
}

const TITLES: Record<FeedKind, (name: string) => string> = {
  latest: () => 'Latest',
  section: (name) => `Section: ${name}`,
  tag: (name) => `Tag: ${name}`,
  entity: (name) => name,
  author: (name) => `By ${name}`,
};

const DUBLIN_CORE = 'http://purl.org/dc/elements/1.1/';

/** "By Jane Doe" → "Jane Doe": the printed byline as a name. */
const printedName = (byline: string | null) =>
  byline
    ?.trim()
    .replace(/^by\s+/i, '')
    .trim() || null;

/**
 * Who wrote the entry: its AUTHOR credits, each with their author page; without any, the byline as printed (an
 * agency's, "News Agencies"), as `Article.byline` shows it. None for an entry with neither: Atom's feed-level author
 * (the publication) then stands for it.
 */
function writersOf(row: FeedItemRow, urls: PublicUrls): Author[] {
  const credited = row.credits.filter((credit) => credit.role === 'AUTHOR');
  if (credited.length) return credited.map((credit) => ({ name: credit.name, link: urls.author(credit.slug) }));
  const printed = printedName(row.byline);
  return printed ? [{ name: printed }] : [];
}

/** Names as a byline reads them: "A", "A and B", "A, B and C" (as `Article.byline` joins AUTHOR credits). */
function bylineOf(names: string[]): string | null {
  if (names.length < 2) return names[0] ?? null;
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** Everyone else credited (contributors, photographers, editors, translators), each once, in credit order. */
function contributorsOf(row: FeedItemRow, urls: PublicUrls): Author[] {
  const writers = new Set(row.credits.filter((credit) => credit.role === 'AUTHOR').map((credit) => credit.slug));
  const others = row.credits.filter((credit) => !writers.has(credit.slug));
  const unique = [...new Map(others.map((credit) => [credit.slug, credit])).values()];
  return unique.map((credit) => ({ name: credit.name, link: urls.author(credit.slug) }));
}

/**
 * One entry per article. Its id is the article's UUID as a URN, which stays when a slug changes. Atom entries carry
 * the writers as <author> and the other credits as <contributor>. RSS items carry no <author> (RSS 2.0 wants an
 * e-mail address there) but the byline as a Dublin Core <dc:creator>; the `feed` library declares the `dc` prefix
 * only for items with content, so the element declares it itself.
 */
function itemOf(row: FeedItemRow, input: FeedDocumentInput): Item {
  const categories = [...new Set([row.section, ...row.tags].filter((c): c is string => Boolean(c)))];
  const writers = writersOf(row, input.urls);
  const contributors = contributorsOf(row, input.urls);
  const byline = bylineOf(writers.map((writer) => writer.name!));
  return {
    id: `urn:uuid:${row.id}`,
    title: row.headline,
    link: input.urls.article(row.slug),
    date: new Date(row.updatedAt),
    published: new Date(row.publishedAt),
    description: row.summary || undefined,
    category: categories.map((name) => ({ name, term: name })),
    ...(input.format === 'atom'
      ? {
          ...(writers.length ? { author: writers } : {}),
          ...(contributors.length ? { contributor: contributors } : {}),
        }
      : byline
        ? { extensions: [{ name: 'dc:creator', objects: { _attributes: { 'xmlns:dc': DUBLIN_CORE }, _text: byline } }] }
        : {}),
  };
}

export function feedDocument(input: FeedDocumentInput): string {
  const { urls, publicationName, kind, key } = input;
  const feed = new Feed({
    id: urls.at(feedPath(kind, key, 'atom').replace(/\.atom$/, '')),
    title: `${publicationName}: ${TITLES[kind](input.subjectName)}`,
    description: `The latest published articles of ${publicationName}: ${TITLES[kind](input.subjectName)}`,
    link: urls.home,
    updated: input.updated,
    generator: publicationName,
    feedLinks: { rss: urls.at(feedPath(kind, key, 'rss')), atom: urls.at(feedPath(kind, key, 'atom')) },
    // Atom requires an author for every entry; the publication stands in for entries without a byline.
    author: { name: publicationName, link: urls.home },
  });
  for (const row of input.items) feed.addItem(itemOf(row, input));
  return input.format === 'rss' ? feed.rss2() : feed.atom1();
}
