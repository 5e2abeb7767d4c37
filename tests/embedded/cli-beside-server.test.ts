// The CLIs work beside `npm start` on the embedded PostgreSQL: they use the running server's cluster instead of
// trying to start a second one on the same data directory, and leave it running; with no server they start (and
// stop) the cluster themselves.
import fs from 'node:fs';
import path from 'node:path';

import { removeEmbeddedData } from '../../src/db/embedded.ts';
import { PROJECT_ROOT, runCli, startMainProcess, stopProcess } from '../support/main-process.ts';

const dataDir = path.join(PROJECT_ROOT, '.data', `test-cli-beside-${process.pid}`, 'postgres');

afterAll(() => {
  removeEmbeddedData(dataDir);
  fs.rmSync(path.dirname(dataDir), { recursive: true, force: true });
});

const CREATE = `mutation Create($input: CreateArticleInput!) { createArticle(input: $input) { article { slug status } } }`;

async function post(url: string, query: string, variables: Record<string, unknown> = {}, authorization?: string) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return response.json() as Promise<{ data?: Record<string, any>; errors?: unknown[] }>;
}

test('npm run apikey and db:migrate work while npm start runs on the embedded database, and the new key is accepted at once', async () => {
  const server = await startMainProcess(dataDir);
  try {
    const created = await runCli('src/auth/apikey-cli.ts', ['create', '--role', 'editor', '--name', 'desk'], dataDir);
    expect(created).toMatchObject({ code: 0 });
    const key = created.stdout.trim().split('\n').at(-1)!;
    expect(key).toMatch(/^ng_/);
    expect(await runCli('src/db/migrate-cli.ts', ['deploy'], dataDir)).toMatchObject({
      code: 0,
      stdout: expect.stringContaining('No pending migrations'),
    });

    const input = {
      slug: 'beside-the-server',
      headline: 'Written with a key made beside the server',
      publish: true,
      blocks: [{ kind: 'PARAGRAPH', text: 'Body.' }],
    };
    expect(await post(server.url, CREATE, { input }, `Bearer ${key}`)).toEqual({
      data: { createArticle: { article: { slug: 'beside-the-server', status: 'PUBLISHED' } } },
    });
    const listed = await post(server.url, '{ articles(first: 5) { edges { node { slug } } } }');
    expect(listed.data!.articles.edges.map((e: { node: { slug: string } }) => e.node.slug)).toContain(
      'beside-the-server',
    );
  } finally {
    expect(await stopProcess(server.child)).toBe(0);
  }
  // The server stopped its cluster cleanly (the CLIs left it running for the server, and did not stop it).
  expect(fs.existsSync(path.join(dataDir, 'postmaster.pid'))).toBe(false);

  // With no server running, the CLI starts the cluster itself and stops it afterwards.
  const listed = await runCli('src/auth/apikey-cli.ts', ['list'], dataDir);
  expect(listed).toMatchObject({ code: 0, stdout: expect.stringContaining('desk') });
  expect(fs.existsSync(path.join(dataDir, 'postmaster.pid'))).toBe(false);
}, 180_000);
