// Graceful shutdown of the real program (src/main.ts on an embedded PostgreSQL): on SIGTERM it stops accepting,
// lets the requests in flight finish, closes the pool and stops PostgreSQL cleanly, so the next start is clean.
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import pg from 'pg';

import { removeEmbeddedData } from '../../src/db/embedded.ts';
import { PROJECT_ROOT, startMainProcess } from '../support/main-process.ts';

const dataDir = path.join(PROJECT_ROOT, '.data', `test-shutdown-${process.pid}`, 'postgres');

const startMain = () => startMainProcess(dataDir);

const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));

/** The embedded cluster's port, from its pid file (line 4). */
const postgresPort = () => Number(fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[3]);

const read = (url: string, slug: string) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: `{ article(slug: "${slug}") { slug } }` }),
  });

afterAll(() => (removeEmbeddedData(dataDir), fs.rmSync(path.dirname(dataDir), { recursive: true, force: true })));

test('on SIGTERM the server refuses new connections, finishes the requests in flight, and stops PostgreSQL cleanly', async () => {
  const first = await startMain();
  const exit = exited(first.child);
  // Hold the article table so the requests below are in flight (waiting on PostgreSQL) when SIGTERM arrives.
  const locker = new pg.Client({
    connectionString: `postgresql://postgres:postgres@127.0.0.1:${postgresPort()}/newsgraph`,
  });
  await locker.connect();
  await locker.query('BEGIN');
  await locker.query('LOCK TABLE "Article" IN ACCESS EXCLUSIVE MODE');
  const inFlight = Array.from({ length: 4 }, (_, i) =>
    read(first.url, `in-flight-${i}`).then(async (r) => ({ status: r.status, body: await r.json() })),
  );
  await new Promise((r) => setTimeout(r, 300));

  first.child.kill('SIGTERM');
  while (!first.output().includes('listener closed')) await new Promise((r) => setTimeout(r, 10));
  const late = await read(first.url, 'too-late').then(
    (r) => `answered ${r.status}`,
    () => 'refused',
  );
  await locker.query('ROLLBACK');
  await locker.end();

  const finished = await Promise.all(inFlight);
  expect(late).toBe('refused');
  expect(finished).toEqual(Array(4).fill({ status: 200, body: { data: { article: null } } }));
  expect(await exit).toBe(0);
  expect(first.output()).toContain('stopped cleanly');
  // PostgreSQL removes its pid file only on a clean shutdown; the next start needs no recovery.
  expect(fs.existsSync(path.join(dataDir, 'postmaster.pid'))).toBe(false);

  const second = await startMain();
  const secondExit = exited(second.child);
  expect((await read(second.url, 'after-restart')).status).toBe(200);
  second.child.kill('SIGTERM');
  expect(await secondExit).toBe(0);
}, 120_000);
