// The SQL every example query and read fixture query sends, compared with a committed file per query
// (tests/read/__sql__/<name>.sql), so that a change to generated SQL shows in review as a diff. The files hold
// the statements' exact text, broken into lines before each subquery for reading: removing each line break (and
// the indentation after it) that comes right before a `(SELECT ` gives back the text byte for byte (checked). Run with UPDATE_SQL_SNAPSHOTS=1 to rewrite them.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import pg from 'pg';

import { encodeGlobalId } from '../../src/shared/global-id.ts';
import { EXAMPLE_QUERIES } from '../../src/shared/example-queries.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { dataOf, openReadFixture, SAMPLE_SLUG, type ReadFixture } from './read-fixture.ts';

const SNAPSHOT_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '__sql__');
const UPDATE = process.env.UPDATE_SQL_SNAPSHOTS === '1';
const TRANSACTION_CONTROL = /^\s*(BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE)/i;

let fixture: ReadFixture;
/** Interprets with resolvers only (no rendering in SQL): the statements of the row-building mode. */
let resolvers: TestServer;
let recording: string[] | null = null;
const originalQuery = pg.Client.prototype.query;

beforeAll(async () => {
  fixture = await openReadFixture({ companions: true });
  resolvers = await startTestServer(fixture.db, { executor: 'jit' });
  // Every statement any pool of this process sends goes through pg.Client#query (Prisma's adapter included).
  pg.Client.prototype.query = function (this: pg.Client, config: unknown, ...rest: unknown[]) {
    const text = typeof config === 'string' ? config : (config as { text?: string } | null)?.text;
    if (recording && text && !TRANSACTION_CONTROL.test(text)) recording.push(text);
    return (originalQuery as (...args: unknown[]) => unknown).call(this, config, ...rest);
  } as typeof pg.Client.prototype.query;
}, 60_000);
afterAll(async () => {
  pg.Client.prototype.query = originalQuery;
  await resolvers.stop();
  await fixture.close();
});

/** The statements' text as stored: a line break (and indentation by depth) before each subquery. */
function readableSql(statements: string[]): string {
  return statements
    .map((text) => {
      let depth = 0;
      let out = '';
      for (let i = 0; i < text.length; i += 1) {
        const char = text[i];
        if (char === '(' && text.startsWith('(SELECT ', i)) out += `\n${'  '.repeat(depth + 1)}`;
        if (char === '(') depth += 1;
        if (char === ')') depth = Math.max(0, depth - 1);
        out += char;
      }
      return out;
    })
    .join('\n;\n');
}

/** The exact statement texts back from their readable form. */
function exactSql(readable: string): string[] {
  return readable.split('\n;\n').map((statement) => statement.replace(/\n *(?=\(SELECT )/g, ''));
}

async function statementsOf(
  server: TestServer,
  document: string,
  variables?: Record<string, unknown>,
): Promise<string[]> {
  recording = [];
  try {
    const response = await server.query(document, variables);
    dataOf(response);
    return recording;
  } finally {
    recording = null;
  }
}

/** Values that the request passes as variables must reach PostgreSQL as parameters, never inside the text. */
function splicedValues(statements: string[], variables: Record<string, unknown> = {}): string[] {
  const values = Object.values(variables).flatMap((value) =>
    typeof value === 'string' ? [value] : Array.isArray(value) ? value.filter((v) => typeof v === 'string') : [],
  );
  return values.filter((value) => value.length > 3 && statements.some((text) => text.includes(value)));
}

function compareWithSnapshot(name: string, statements: string[]): void {
  const file = path.join(SNAPSHOT_DIR, `${name}.sql`);
  const readable = `${readableSql(statements)}\n`;
  expect(exactSql(readable.slice(0, -1))).toEqual(statements);
  if (UPDATE || !fs.existsSync(file)) {
    fs.mkdirSync(SNAPSHOT_DIR, { recursive: true });
    fs.writeFileSync(file, readable);
    if (!UPDATE && process.env.CI)
      throw new Error(`No SQL snapshot ${name}.sql: run with UPDATE_SQL_SNAPSHOTS=1 and commit it.`);
    return;
  }
  expect(exactSql(fs.readFileSync(file, 'utf8').slice(0, -1))).toEqual(statements);
}

const ARTICLE_ID = () => encodeGlobalId('Article', fixture.sampleArticleId);

interface Case {
  name: string;
  document: string;
  variables?: () => Record<string, unknown>;
  /** 'rendered' (default executor), 'resolvers' (no rendering in SQL) or 'editor' (sees drafts, rendered). */
  servers: Array<'rendered' | 'resolvers' | 'editor'>;
}

const BOTH: Case['servers'] = ['rendered', 'resolvers'];

const CASES: Case[] = [
  { name: 'article-page', document: EXAMPLE_QUERIES.articlePage, servers: [...BOTH, 'editor'] },
  { name: 'entity-page', document: EXAMPLE_QUERIES.entityPage, servers: [...BOTH, 'editor'] },
  { name: 'article-list', document: EXAMPLE_QUERIES.articleList, servers: [...BOTH, 'editor'] },
  {
    name: 'article-list-all-sections',
    document: EXAMPLE_QUERIES.articleList,
    variables: () => ({ section: null }),
    servers: BOTH,
  },
  {
    name: 'article-headline',
    document: `query($slug: String!) { article(slug: $slug) { headline } }`,
    variables: () => ({ slug: SAMPLE_SLUG }),
    servers: BOTH,
  },
  {
    name: 'article-reading-time',
    document: `query($slug: String!) { article(slug: $slug) { wordCount readingTimeMinutes } }`,
    variables: () => ({ slug: SAMPLE_SLUG }),
    servers: BOTH,
  },
  {
    name: 'article-by-id',
    document: `query($id: ID!) { article(id: $id) { id slug } }`,
    variables: () => ({ id: ARTICLE_ID() }),
    servers: BOTH,
  },
  {
    name: 'article-related',
    document: `query($slug: String!) { article(slug: $slug) { related(first: 5) { slug } } }`,
    variables: () => ({ slug: SAMPLE_SLUG }),
    servers: BOTH,
  },
  {
    name: 'article-mentions',
    document: `query($slug: String!) { article(slug: $slug) { entities { entity { slug } mentions { field startOffset endOffset surface } } } }`,
    variables: () => ({ slug: SAMPLE_SLUG }),
    servers: BOTH,
  },
  {
    name: 'node-fallback',
    document: `query($ids: [ID!]!) { nodes(ids: $ids) { ... on Article { headline quotes { text speaker { name } } entities(first: 3) { entity { name } } } } }`,
    variables: () => ({ ids: [ARTICLE_ID()] }),
    servers: ['rendered'],
  },
  {
    name: 'entity-co-mentioned',
    document: `{ entity(slug: "xi-jinping") { coMentioned(first: 10) { articleCount entity { slug } } depictedIn(first: 10) { totalCount } } }`,
    servers: BOTH,
  },
  {
    name: 'entity-mentions',
    document: `{ entity(slug: "qin-gang") { mentions(first: 10) { totalCount edges { node { surface field role article { slug } entity { slug } } } } } }`,
    servers: BOTH,
  },
  {
    name: 'quotes-filtered',
    document: `query($f: QuoteFilter) { quotes(filter: $f, first: 20) { totalCount edges { cursor node { id text kind speaker { slug } article { slug } } } pageInfo { hasNextPage endCursor } } }`,
    variables: () => ({ f: { speakerSlug: 'xi-jinping' } }),
    servers: BOTH,
  },
  {
    name: 'media-items',
    document: `{ mediaItems(filter: { depictsSlug: "xi-jinping" }) { totalCount edges { node { id kind url credit { photographer pool distributor isFilePhoto copyrightHolder raw } depicted { slug } } } } }`,
    servers: BOTH,
  },
  {
    name: 'entities-prefix',
    document: `query($q: String) { entities(query: $q, first: 10) { edges { cursor node { name type } } pageInfo { hasPreviousPage startCursor } } }`,
    variables: () => ({ q: 'xi' }),
    servers: BOTH,
  },
  {
    name: 'articles-backward',
    document: `query($before: String) { articles(last: 2, before: $before, orderBy: OLDEST) { totalCount edges { cursor node { slug } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`,
    servers: BOTH,
  },
  { name: 'section-front', document: EXAMPLE_QUERIES.sectionFront, servers: [...BOTH, 'editor'] },
  { name: 'home-front', document: EXAMPLE_QUERIES.homeFront, servers: [...BOTH, 'editor'] },
  { name: 'live-blog-page', document: EXAMPLE_QUERIES.liveBlogPage, servers: [...BOTH, 'editor'] },
  { name: 'translated-article', document: EXAMPLE_QUERIES.translatedArticle, servers: [...BOTH, 'editor'] },
  { name: 'author-page-example', document: EXAMPLE_QUERIES.authorPage, servers: [...BOTH, 'editor'] },
  { name: 'tag-page-example', document: EXAMPLE_QUERIES.tagPage, servers: [...BOTH, 'editor'] },
  {
    name: 'article-credits-taxonomy',
    document: `query($slug: String!) { article(slug: $slug) { byline authors { role position author { slug name } } sectionRecord { slug name path { slug } } tagRecords { slug name type } } }`,
    variables: () => ({ slug: SAMPLE_SLUG }),
    servers: BOTH,
  },
  {
    name: 'author-page',
    document: `{ author(slug: "malum-nalu") { id slug name jobTitle photo { url } articles(first: 20) { edges { node { slug headline byline } } pageInfo { hasNextPage endCursor } } } }`,
    servers: [...BOTH, 'editor'],
  },
  {
    name: 'section-page',
    document: `{ section(slug: "news") { id slug name path { slug name } children { slug name } articles(first: 20) { edges { node { slug headline } } pageInfo { hasNextPage endCursor } } } }`,
    servers: [...BOTH, 'editor'],
  },
  {
    name: 'tag-page',
    document: `{ tag(slug: "belarus") { id slug name type articles(first: 20) { totalCount edges { node { slug headline } } } } }`,
    servers: [...BOTH, 'editor'],
  },
  {
    name: 'search',
    document: `query Search($query: String!, $types: [SearchType!], $first: Int) {
      search(query: $query, types: $types, first: $first) { totalCount edges { cursor node { score snippet item { __typename ... on Article { slug headline } ... on Quote { text speaker { name } } ... on Entity { slug name } } } } pageInfo { hasNextPage endCursor } }
    }`,
    variables: () => ({ query: 'Lukashenko China', first: 5 }),
    servers: [...BOTH, 'editor'],
  },
  {
    name: 'search-facets',
    document: `query($query: String!) { search(query: $query, types: [ARTICLE]) { totalCount facets { sections { value count } entities { count entity { slug } } } } }`,
    variables: () => ({ query: 'China' }),
    servers: BOTH,
  },
  {
    name: 'search-tags',
    document: `query($query: String!, $tags: [String!]) { search(query: $query, types: [ARTICLE, QUOTE], filter: { tags: $tags }) { totalCount facets { tags(first: 5) { value count tag { slug name } } } } }`,
    variables: () => ({ query: 'China', tags: ['belarus'] }),
    servers: BOTH,
  },
];

const serverOf = (which: Case['servers'][number]): TestServer =>
  which === 'rendered' ? fixture.reader : which === 'resolvers' ? resolvers : fixture.editor;

test.each(CASES.flatMap((c) => c.servers.map((server) => [`${c.name}.${server}`, c, server] as const)))(
  'the SQL of %s is the committed snapshot, with every variable sent as a parameter',
  async (name, testCase, server) => {
    const variables = testCase.variables?.();
    const statements = await statementsOf(serverOf(server), testCase.document, variables);
    expect(statements.length).toBeGreaterThan(0);
    expect(splicedValues(statements, variables)).toEqual([]);
    compareWithSnapshot(name, statements);
  },
);
