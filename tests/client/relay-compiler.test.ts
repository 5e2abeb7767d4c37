// A Relay project against this schema: Relay's own compiler checks the @connection fields (first/after, edges with
// cursors, PageInfo) and types the generated artifacts with the scalar mapping of docs/api/typed-clients.md.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import { printSchema } from 'graphql';

import { buildSchema } from '../../src/schema.ts';

const RELAY_COMPILER = fileURLToPath(new URL('../../node_modules/relay-compiler/cli.js', import.meta.url));

/** The relay.config.json a client project copies (docs/api/typed-clients.md). */
const RELAY_CONFIG = {
  src: './src',
  schema: './schema.graphql',
  language: 'typescript',
  customScalarTypes: { DateTime: 'string', URL: 'string', NonNegativeInt: 'number', JSON: 'unknown' },
};

/** Paginated views a Relay app builds with usePaginationFragment: the change feed, a section front, an entity page. */
const FRAGMENTS = `
import { graphql } from 'react-relay';

export const feed = graphql\`
  fragment Feed_query on Query
  @refetchable(queryName: "FeedPaginationQuery")
  @argumentDefinitions(first: { type: "Int", defaultValue: 20 }, after: { type: "String" }) {
    changes(first: $first, after: $after) @connection(key: "Feed_changes") {
      edges { node { kind at article { headline canonicalUrl wordCount } } }
    }
  }
\`;

export const front = graphql\`
  fragment Front_query on Query
  @refetchable(queryName: "FrontPaginationQuery")
  @argumentDefinitions(first: { type: "Int", defaultValue: 20 }, after: { type: "String" }) {
    articles(first: $first, after: $after) @connection(key: "Front_articles") {
      totalCount
      edges { node { headline publishedAt entities(first: 3) { role mentionCount entity { name } } media { role media { url } } } }
    }
  }
\`;

export const entityArticles = graphql\`
  fragment EntityArticles_entity on Entity
  @refetchable(queryName: "EntityArticlesPaginationQuery")
  @argumentDefinitions(first: { type: "Int", defaultValue: 20 }, after: { type: "String" }) {
    articles(first: $first, after: $after) @connection(key: "EntityArticles_articles") {
      edges { node { headline } }
    }
  }
\`;
`;

let project: string;
beforeAll(async () => {
  project = await mkdtemp(path.join(tmpdir(), 'newsgraph-relay-'));
  await mkdir(path.join(project, 'src'));
  await writeFile(path.join(project, 'schema.graphql'), printSchema(buildSchema()));
  await writeFile(path.join(project, 'relay.config.json'), JSON.stringify(RELAY_CONFIG));
  await writeFile(path.join(project, 'src', 'views.ts'), FRAGMENTS);
});
afterAll(async () => {
  if (project) await rm(project, { recursive: true, force: true });
});

test('Relay compiles @connection over the change feed, article lists and entity pages, typing the custom scalars', async () => {
  const compile = promisify(execFile)(process.execPath, [RELAY_COMPILER], { cwd: project });
  await expect(compile).resolves.toMatchObject({ stdout: expect.stringContaining('Compilation completed') });

  const generated = (name: string) =>
    readFile(path.join(project, 'src', '__generated__', `${name}.graphql.ts`), 'utf8');
  const feed = await generated('Feed_query');
  expect(feed).toContain('readonly at: string;');
  expect(feed).toContain('readonly wordCount: number;');
  const front = await generated('Front_query');
  expect(front).toContain('readonly totalCount: number;');
  expect(front).toContain('readonly url: string;');
  expect(front).toContain('readonly publishedAt: string | null | undefined;');
  await expect(generated('FeedPaginationQuery')).resolves.toContain('after?: string | null | undefined;');
});
