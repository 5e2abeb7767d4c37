import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { runCli, startMainProcess } from './main-process.ts';
const dataDir = '/work/wt/ops/.data/scratch/postgres';
const CREATE = `mutation Create($input: CreateArticleInput!) { createArticle(input: $input) { article { slug } } }`;
const server = await startMainProcess(dataDir);
const t0 = () => Math.round(performance.now());
const key = (await runCli('src/auth/apikey-cli.ts', ['create', '--role', 'editor', '--name', 'q'], dataDir)).stdout.trim().split('\n').at(-1)!;
const port = Number(fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[3]);
const locker = new pg.Client({ connectionString: `postgresql://postgres:postgres@127.0.0.1:${port}/newsgraph` });
await locker.connect(); await locker.query('BEGIN'); await locker.query('LOCK TABLE "Article" IN ACCESS EXCLUSIVE MODE');
const start = t0();
setTimeout(() => void locker.query('ROLLBACK').then(() => { console.log('released', t0() - start); return locker.end(); }), 3000);
setTimeout(() => { console.log('SIGTERM', t0() - start); server.child.kill('SIGTERM'); }, 1300);
const all = [];
for (let i = 0; i < 40; i++) {
  const slug = `s${Date.now()}-${i}`; const sent = t0() - start;
  all.push(fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: JSON.stringify({ query: CREATE, variables: { input: { slug, headline: 'h', publish: true, blocks: [{ kind: 'PARAGRAPH', text: 'b' }] } } }) })
    .then(async (r) => `${i} sent ${sent} -> ${r.status} at ${t0() - start} ${(await r.text()).slice(0, 80)}`, (e) => `${i} sent ${sent} -> ${e.cause?.code ?? e} at ${t0() - start}`));
  await new Promise((r) => setTimeout(r, 50));
}
console.log((await Promise.all(all)).join('\n'));
await new Promise((r) => server.child.once('exit', r));
console.log(server.output().split('\n').filter((l) => /shutting|stopped|error|fatal/i.test(l)).join('\n').slice(0, 3000));
