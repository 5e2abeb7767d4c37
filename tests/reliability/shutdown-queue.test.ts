// SIGTERM while writes queue behind a table lock and for a pool connection (the real program on an embedded
// PostgreSQL): every request sent before SIGTERM gets its full answer, no committed write is answered with a reset,
// and connections opened after SIGTERM are refused.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';

import pg from 'pg';

import { removeEmbeddedData } from '../../src/db/embedded.ts';
import { PROJECT_ROOT, runCli, startMainProcess, stopProcess } from '../support/main-process.ts';

const dataDir = path.join(PROJECT_ROOT, '.data', `test-shutdown-queue-${process.pid}`, 'postgres');

afterAll(() => (removeEmbeddedData(dataDir), fs.rmSync(path.dirname(dataDir), { recursive: true, force: true })));

const CREATE = `mutation Create($input: CreateArticleInput!) { createArticle(input: $input) { article { slug } } }`;

interface Outcome {
  slug: string;
  sentBeforeSigterm: boolean;
  status?: number;
  body?: string;
  error?: string;
}

/** One POST on a connection of its own (no keep-alive), so "sent before SIGTERM" means a connection opened before it. */
function createArticle(url: string, key: string, slug: string): Promise<Omit<Outcome, 'sentBeforeSigterm'>> {
  const body = JSON.stringify({ query: CREATE, variables: { input: { slug, headline: `Queued ${slug}`, publish: true, blocks: [{ kind: 'PARAGRAPH', text: 'Body.' }] } } });
  return new Promise((resolve) => {
    const request = http.request(url, { method: 'POST', agent: false, headers: { 'content-type': 'application/json', authorization: `Bearer ${key}`, 'content-length': Buffer.byteLength(body) } }, (response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => (text += chunk.toString()));
      response.on('end', () => resolve({ slug, status: response.statusCode, body: text }));
      response.on('error', (error) => resolve({ slug, error: (error as NodeJS.ErrnoException).code ?? error.message }));
    });
    request.on('error', (error) => resolve({ slug, error: (error as NodeJS.ErrnoException).code ?? error.message }));
    request.end(body);
  });
}

test('on SIGTERM, writes queued behind a table lock and for a pool connection all get their answers; later connections are refused', async () => {
  const server = await startMainProcess(dataDir);
  const exit = new Promise<number | null>((resolve) => server.child.once('exit', resolve));
  const key = (await runCli('src/auth/apikey-cli.ts', ['create', '--role', 'editor', '--name', 'queue'], dataDir)).stdout.trim().split('\n').at(-1)!;
  const port = Number(fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[3]);
  const locker = new pg.Client({ connectionString: `postgresql://postgres:postgres@127.0.0.1:${port}/newsgraph` });
  await locker.connect();
  await locker.query('BEGIN');
  await locker.query('LOCK TABLE "Article" IN ACCESS EXCLUSIVE MODE');

  // The lock is held 3 s; 40 writes are sent 50 ms apart (the pool's 10 connections wait on the lock, the rest
  // for a connection); SIGTERM comes 1.3 s in, while the queue is full.
  let sigtermSent = false;
  const released = new Promise<void>((resolve) => setTimeout(() => void locker.query('ROLLBACK').then(() => locker.end()).then(resolve), 3000));
  setTimeout(() => {
    sigtermSent = true;
    server.child.kill('SIGTERM');
  }, 1300);
  const outcomes: Promise<Outcome>[] = [];
  for (let i = 0; i < 40; i++) {
    const sentBeforeSigterm = !sigtermSent;
    outcomes.push(createArticle(server.url, key, `queued-${i}`).then((o) => ({ ...o, sentBeforeSigterm })));
    await new Promise((r) => setTimeout(r, 50));
  }
  await released;
  const answered = await Promise.all(outcomes);
  expect(await exit).toBe(0);

  const before = answered.filter((o) => o.sentBeforeSigterm);
  const after = answered.filter((o) => !o.sentBeforeSigterm);
  expect(before.length).toBeGreaterThan(5);
  expect(after.length).toBeGreaterThan(5);
  // Every write sent before SIGTERM was answered in full, and created its article.
  expect(before.filter((o) => o.status !== 200 || JSON.parse(o.body!).errors)).toEqual([]);
  // Every connection opened after SIGTERM was refused: no write was half-taken.
  expect(after.filter((o) => o.error !== 'ECONNREFUSED')).toEqual([]);

  // What was answered is what was committed.
  const restarted = await startMainProcess(dataDir);
  const listed = await fetch(restarted.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: JSON.stringify({ query: '{ articles(first: 100) { edges { node { slug } } } }' }) }).then((r) => r.json());
  expect(await stopProcess(restarted.child)).toBe(0);
  const stored = listed.data.articles.edges.map((e: { node: { slug: string } }) => e.node.slug).filter((s: string) => s.startsWith('queued-'));
  expect(stored.sort()).toEqual(before.map((o) => o.slug).sort());
}, 180_000);
