// Ingest throughput: articles per second through the write API's createArticle mutation, as an editor, with a
// few requests in flight (a wire feed pushing stories). The articles get a bench-ingest- slug prefix and are
// deleted afterwards so the corpus stays as loaded.
import { createHash, randomBytes } from 'node:crypto';

import pg from 'pg';

export interface IngestResult {
  articles: number;
  concurrency: number;
  seconds: number;
  articlesPerSecond: number;
  failed: number;
}

async function graphql(url: string, key: string | null, query: string, variables?: Record<string, unknown>) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as { data?: Record<string, unknown>; errors?: Array<{ message: string }> };
}

export async function measureIngest(options: { url: string; databaseUrl: string; articles: number; concurrency?: number }): Promise<IngestResult> {
  const concurrency = options.concurrency ?? 4;
  const schema = await graphql(options.url, null, '{ __type(name: "Mutation") { fields { name } } }');
  const fields = (schema.data?.__type as { fields?: Array<{ name: string }> } | null)?.fields ?? [];
  if (!fields.some((f) => f.name === 'createArticle')) throw new Error('the schema has no createArticle mutation yet');
  throw new Error('createArticle input not wired into the harness yet');
}

export function newBenchKey(): { key: string; hashed: string } {
  const key = `ng_bench${randomBytes(24).toString('base64url')}`;
  return { key, hashed: createHash('sha256').update(key).digest('hex') };
}

export async function withPool<T>(url: string, work: (pool: pg.Pool) => Promise<T>): Promise<T> {
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  try {
    return await work(pool);
  } finally {
    await pool.end();
  }
}
