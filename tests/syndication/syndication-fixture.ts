// Stories for the feed and sitemap suites, a server whose clock is fixed, and a reader that parses what it gets back.
import { XMLParser, XMLValidator } from 'fast-xml-parser';

import type { ArticleDraft } from '../../src/article/article-draft.ts';
import { persistArticleDraft, type TransactionClient } from '../../src/article/article-writer.ts';
import { creditBylineAuthors } from '../../src/author/byline-credits.ts';
import { MemoryCacheStore } from '../../src/cache/cache-store.ts';
import { InProcessPubSub } from '../../src/feed/pubsub.ts';
import { encodeGlobalId } from '../../src/shared/global-id.ts';
import type { SyndicationOptions } from '../../src/syndication/syndication-documents.ts';
import type { TestDatabase } from '../support/database.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

/** The servers' clock: what is "published by now" and the news sitemap's 48 hours are measured from here. */
export const NOW = new Date('2026-12-07T12:00:00.000Z');
export const PUBLIC_BASE_URL = 'https://news.example.org';
export const PUBLICATION = 'The Example Gazette';

export const hoursBefore = (hours: number) => new Date(NOW.getTime() - hours * 3600_000).toISOString();

/** A short real-looking story: one paragraph naming one person, linked as an entity. */
export function story(slug: string, fields: Partial<ArticleDraft> & { person?: string }): ArticleDraft {
  const { person = 'Olena Kovalenko', ...rest } = fields;
  const text = `${person} said on Monday that grain shipments through the Black Sea corridor would resume within days.`;
  return {
    slug,
    headline: `Grain corridor to reopen, says ${person}`,
    standfirst: 'Ships are expected to leave Odesa by the end of the week.',
    status: 'PUBLISHED',
    section: 'world',
    tags: ['Ukraine'],
    blocks: [{ kind: 'PARAGRAPH', text }],
    entities: [{ key: 'person', type: 'PERSON', name: person, role: 'minister' }],
    mentions: [
      {
        entityKey: 'person',
        surface: person,
        field: 'BODY',
        blockPosition: 0,
        startOffset: 0,
        endOffset: person.length,
      },
    ],
    quotes: [],
    media: [],
    ...rest,
  };
}

/** Stores a story as ingest does: the people its byline names become its AUTHOR credits. */
export async function addStory(db: TestDatabase, draft: ArticleDraft): Promise<string> {
  const afterWrite = (tx: TransactionClient, articleId: string) => creditBylineAuthors(tx, articleId, draft.byline);
  return (await persistArticleDraft(db.prisma, draft, { afterWrite })).articleId;
}

export const articleGlobalId = (id: string) => encodeGlobalId('Article', id);

export interface SyndicationServer extends TestServer {
  /** GETs a path of the server; returns status, headers and body text. */
  get(path: string, headers?: Record<string, string>): Promise<{ status: number; headers: Headers; body: string }>;
}

export async function startSyndicationServer(
  db: TestDatabase,
  options: Partial<SyndicationOptions> = {},
  cache = true,
): Promise<SyndicationServer> {
  const server = await startTestServer(db, {
    pubsub: new InProcessPubSub(),
    responseCache: cache ? new MemoryCacheStore(16 * 1024 * 1024) : null,
    syndication: { publicBaseUrl: PUBLIC_BASE_URL, publicationName: PUBLICATION, now: () => NOW, ...options },
  });
  const origin = server.url.replace(/\/graphql$/, '');
  return {
    ...server,
    async get(path, headers = {}) {
      const response = await fetch(origin + path, { headers, redirect: 'manual' });
      return { status: response.status, headers: response.headers, body: await response.text() };
    },
  };
}

const ALWAYS_LISTS = new Set([
  'rss.channel.item',
  'rss.channel.atom:link',
  'rss.channel.item.category',
  'feed.link',
  'feed.author',
  'feed.entry',
  'feed.entry.link',
  'feed.entry.author',
  'feed.entry.contributor',
  'feed.entry.category',
  'urlset.url',
  'sitemapindex.sitemap',
]);

/** Parses an XML document after checking it is well-formed; repeated elements always come back as arrays. */
export function parseXml(xml: string): any {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new Error(`Not well-formed XML: ${JSON.stringify(valid.err)}`);
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    textNodeName: '#text',
    parseTagValue: false,
    isArray: (_name, jpath) => ALWAYS_LISTS.has(String(jpath)),
  });
  return parser.parse(xml);
}

/** The text of an element fast-xml-parser gave as a string or as { '#text' } (when it has attributes). */
export const textOf = (node: unknown): string =>
  typeof node === 'object' && node !== null ? String((node as Record<string, unknown>)['#text'] ?? '') : String(node);
