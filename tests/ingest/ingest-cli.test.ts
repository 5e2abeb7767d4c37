// `npm run ingest` as a real program in its own process, against a test database: a bad file is named and fails the
// exit code, the good ones are stored anyway.
import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { SAMPLE_TEXT_PATH } from '../../seed/sample.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CLI = path.join(ROOT, 'src/ingest/ingest-cli.ts');
const ECB_STORY = path.join(ROOT, 'tests/fixtures/extraction/dev/ecb-lagarde-rates.txt');

let database: TestDatabase;
let folder: string;

beforeAll(async () => {
  database = await createTestDatabase();
  folder = mkdtempSync(path.join(tmpdir(), 'newsgraph-ingest-'));
  copyFileSync(SAMPLE_TEXT_PATH, path.join(folder, 'lukashenko.txt'));
  copyFileSync(ECB_STORY, path.join(folder, 'ecb.txt'));
  writeFileSync(path.join(folder, 'empty.txt'), '');
  writeFileSync(path.join(folder, 'notes.json'), '{"not": "a story"}');
});
afterAll(async () => {
  rmSync(folder, { recursive: true, force: true });
  await database?.drop();
});

function runCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', CLI, ...args],
      { cwd: ROOT, env: { ...process.env, DATABASE_URL: database.url, NODE_OPTIONS: '' }, timeout: 60_000 },
      (error, stdout, stderr) =>
        resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

const slugs = async () =>
  (await database.prisma.article.findMany({ select: { slug: true }, orderBy: { slug: 'asc' } })).map((a) => a.slug);

test('a folder with two good stories and an empty file: exit code 1, the empty file named, the good ones stored', async () => {
  const { code, stdout, stderr } = await runCli([folder]);
  expect(code).toBe(1);
  expect(stderr).toContain(
    `${path.join(folder, 'empty.txt')}: FAILED — The story is empty: line 1 must be the headline.`,
  );
  expect(stderr).toContain('1 of 3 file(s) failed.');
  expect(stderr).not.toContain('notes.json');
  expect(stdout).toContain(
    `${path.join(folder, 'lukashenko.txt')}: created belarus-president-lukashenko-to-visit-china-next-week`,
  );
  expect(stdout).toContain(`${path.join(folder, 'ecb.txt')}: created`);
  expect(await slugs()).toHaveLength(2);
  expect(await slugs()).toContain('belarus-president-lukashenko-to-visit-china-next-week');
  expect(await database.prisma.article.count({ where: { status: 'DRAFT' } })).toBe(2);
});

test('the same stories again store nothing new, and --publish publishes a stored story in place', async () => {
  const entities = await database.prisma.entity.count();
  const again = await runCli([path.join(folder, 'lukashenko.txt'), path.join(folder, 'ecb.txt')]);
  expect(again.code).toBe(0);
  expect(again.stdout.match(/: unchanged /g)).toHaveLength(2);
  const published = await runCli(['--publish', path.join(folder, 'lukashenko.txt')]);
  expect(published.code).toBe(0);
  expect(published.stdout).toContain(': updated belarus-president-lukashenko-to-visit-china-next-week');
  expect(await slugs()).toHaveLength(2);
  expect(await database.prisma.entity.count()).toBe(entities);
  expect(
    await database.prisma.article.findUnique({
      where: { slug: 'belarus-president-lukashenko-to-visit-china-next-week' },
      select: { status: true, revision: true },
    }),
  ).toEqual({
    status: 'PUBLISHED',
    revision: 2,
  });
});

test('a file named explicitly with another extension is refused unless --any-extension', async () => {
  const odd = path.join(folder, 'wire-copy.story');
  copyFileSync(ECB_STORY, odd);
  const refused = await runCli([odd]);
  expect(refused.code).not.toBe(0);
  expect(refused.stderr).toContain(
    `${odd}: REFUSED — not a story file (.txt, .text, .md); pass --any-extension to load it anyway`,
  );
  const accepted = await runCli(['--any-extension', odd]);
  expect(accepted.code).toBe(0);
  expect(accepted.stdout).toContain(`${odd}: unchanged`);
  expect(await slugs()).toHaveLength(2);
});
