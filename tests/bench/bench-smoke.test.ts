// The benchmark harness in CI size: it runs end to end and prints numbers. No timing is asserted (CI machines
// are shared and noisy); the numbers that matter come from the full run (`npm run bench`).
import { spawn } from 'node:child_process';

const NEWSROOM_PAGES = ['section-front', 'author', 'tag', 'home-front', 'live-blog', 'translated'];

test('npm run bench -- --quick runs, prints a table with numbers for every page, and the floor answers the newsroom pages as we do', async () => {
  const { code, stdout, stderr } = await new Promise<{ code: number | null; stdout: string; stderr: string }>(
    (resolve) => {
      const child = spawn(
        'npm',
        // Shorter rounds and census than --quick's: eleven pages, and only that the numbers are there is checked.
        [
          'run',
          'bench',
          '--',
          '--quick',
          '--warmup',
          '0.2',
          '--duration',
          '0.5',
          '--census',
          '3',
          '--database',
          'newsgraph_bench_smoke',
          '--drop-after',
        ],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('close', (exitCode) => resolve({ code: exitCode, stdout, stderr }));
    },
  );
  expect({ code, tail: code === 0 ? '' : `${stdout}\n${stderr}`.slice(-3000) }).toEqual({ code: 0, tail: '' });
  expect(stdout).toMatch(
    /\| page \| server \| req\/s \| p50 ms \| p99 ms \| Node CPU ms\/req \| PostgreSQL CPU ms\/req \| SQL\/req/,
  );
  for (const page of ['article', 'entity', 'list', 'search', ...NEWSROOM_PAGES]) {
    // At least the floor row of every page carries numbers: req/s, p50, p99, Node and PostgreSQL CPU ms per request
    // (the test database is local, so its processes are there to read).
    expect(stdout).toMatch(
      new RegExp(`\\| ${page} \\| floor[^|]*\\| \\d+ \\| [\\d.]+ \\| [\\d.]+ \\| [\\d.]+ \\| [\\d.]+ \\|`),
    );
  }
  // Every newsroom page gives the floor's answer on every draw (a floor answering less would flatter the ratios).
  const same = /Same answers as the floor \(\d+ draws each\): (.*)\./.exec(stdout)?.[1].split(', ') ?? [];
  expect(NEWSROOM_PAGES.filter((page) => !same.includes(page))).toEqual([]);
  expect(stdout).toMatch(/Ingest: /);
}, 300_000);
