// The README's `npm start` path on a machine with no database server: the embedded PostgreSQL is initialised,
// migrated and seeded, the server answers, SIGTERM stops everything cleanly, and a restart finds the data.
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import { removeEmbeddedData } from '../../src/db/embedded.ts';
import { PROJECT_ROOT, startMainProcess } from '../support/main-process.ts';

const dataDir = path.join(PROJECT_ROOT, '.data', `test-start-${process.pid}`, 'postgres');

const startMain = () => startMainProcess(dataDir);

function stop(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    child.on('exit', (code) => resolve(code));
    child.kill('SIGTERM');
  });
}

async function post(url: string, query: string) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  return response.json();
}

afterAll(() => (removeEmbeddedData(dataDir), fs.rmSync(path.dirname(dataDir), { recursive: true, force: true })));

test('with no DATABASE_URL the server starts on an embedded PostgreSQL, seeded, and stops cleanly on SIGTERM', async () => {
  const first = await startMain();
  expect(await post(first.url, '{ __typename }')).toEqual({ data: { __typename: 'Query' } });
  expect(first.output()).toContain('sample article seeded');
  expect(await stop(first.child)).toBe(0);
  expect(first.output()).toContain('stopped cleanly');
  // PostgreSQL removes its pid file only on a clean shutdown.
  expect(fs.existsSync(path.join(dataDir, 'postmaster.pid'))).toBe(false);

  const second = await startMain();
  try {
    expect(second.output()).toMatch(/"created":false/);
    expect(await post(second.url, '{ __typename }')).toEqual({ data: { __typename: 'Query' } });
  } finally {
    expect(await stop(second.child)).toBe(0);
  }
}, 120_000);
