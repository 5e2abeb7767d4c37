// RSS 2.0 and Atom 1.0 documents of a feed's rows, written by the `feed` library.
import { Feed, type Item } from 'feed';

import type { FeedFormat, FeedKind } from './feed-subjects.ts';
import { feedPath, type PublicUrls } from './public-urls.ts';
import type { FeedItemRow } from './syndication.repository.ts';

export interface FeedDocumentInput {
  kind: FeedKind;
  /** The path parameter: a section, tag, entity slug or author slug ('' for the latest articles). */
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

/**
 * One entry per article. Its id is the article's UUID as a URN, which stays when a slug changes. RSS items carry
 * no <author>: RSS 2.0 wants an e-mail address there, and bylines are names (Atom entries carry them).
 */
function itemOf(row: FeedItemRow, input: FeedDocumentInput): Item {
  const categories = [...new Set([row.section, ...row.tags].filter((c): c is string => Boolean(c)))];
  const authors = [...new Set(row.authors.map((name) => name.trim()).filter(Boolean))];
  return {
    id: `urn:uuid:${row.id}`,
    title: row.headline,
    link: input.urls.article(row.slug),
    date: new Date(row.updatedAt),
    published: new Date(row.publishedAt),
    description: row.summary || undefined,
    category: categories.map((name) => ({ name, term: name })),
    ...(input.format === 'atom' && authors.length ? { author: authors.map((name) => ({ name })) } : {}),
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
