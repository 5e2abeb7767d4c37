// Ingest throughput: articles per second through the write API's createArticle mutation, as an editor, with a
// few requests in flight (a wire feed pushing stories). The articles get a bench-ingest- slug prefix and are
// deleted afterwards, with the photos and entities they alone used, so the corpus stays as loaded.
import { createHash, randomBytes } from 'node:crypto';

import pg from 'pg';

export interface IngestResult {
  articles: number;
  concurrency: number;
  seconds: number;
  articlesPerSecond: number;
  failed: number;
  firstError?: string;
  /** performance.now() when the timed part ended (before the clean-up). */
  endedAt: number;
}

async function graphql(url: string, key: string | null, query: string, variables?: Record<string, unknown>) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as { data?: Record<string, unknown>; errors?: Array<{ message: string }> };
}

const ALLOWED = {
  mentions: ['entityKey', 'surface', 'field', 'blockPosition', 'startOffset', 'endOffset', 'role', 'isMetonymy'],
  quotes: [
    'text',
    'kind',
    'speakerKey',
    'speakerLabel',
    'speakerRole',
    'blockPosition',
    'startOffset',
    'endOffset',
    'saidAt',
  ],
  entities: ['key', 'type', 'name', 'slug', 'aliases', 'description', 'wikidataId', 'role'],
  media: ['key', 'kind', 'url', 'caption', 'altText', 'width', 'height', 'credit', 'role', 'depicts'],
  blocks: ['kind', 'text', 'mediaKey'],
} as const;

const pickKeys = (row: Record<string, unknown>, keys: readonly string[]) =>
  Object.fromEntries(keys.filter((k) => row[k] !== undefined && row[k] !== null).map((k) => [k, row[k]]));

/** CreateArticleInput from the sample wire story (seed/), with a fresh slug and headline per article. */
function articleInput(draft: Record<string, unknown>, slug: string, n: number): Record<string, unknown> {
  const list = (name: keyof typeof ALLOWED) =>
    ((draft[name] as Record<string, unknown>[] | undefined) ?? []).map((row) => pickKeys(row, ALLOWED[name]));
  return {
    slug,
    headline: `${draft.headline as string} (${n})`,
    standfirst: draft.standfirst,
    language: draft.language,
    section: draft.section,
    tags: draft.tags,
    byline: draft.byline,
    contributors: draft.contributors,
    source: draft.source,
    publish: true,
    blocks: list('blocks'),
    entities: list('entities'),
    mentions: list('mentions'),
    quotes: list('quotes'),
    media: list('media').map((m, i) => ({ ...m, url: `${m.url as string}?bench=${n}-${i}` })),
  };
}

const CREATE = /* GraphQL */ `
  mutation BenchIngest($input: CreateArticleInput!) {
    createArticle(input: $input) {
      article {
        id
      }
    }
  }
`;

export async function measureIngest(options: {
  url: string;
  databaseUrl: string;
  articles: number;
  concurrency?: number;
  warmupSeconds?: number;
}): Promise<IngestResult> {
  const concurrency = options.concurrency ?? 4;
  const schema = await graphql(options.url, null, '{ __type(name: "Mutation") { fields { name } } }');
  const fields = (schema.data?.__type as { fields?: Array<{ name: string }> } | null)?.fields ?? [];
  if (!fields.some((f) => f.name === 'createArticle')) throw new Error('the schema has no createArticle mutation yet');
  const { loadSampleDraft } = await import('../seed/sample.ts');
  const draft = loadSampleDraft() as unknown as Record<string, unknown>;
  const { key, hashed } = newBenchKey();
  const run = Date.now().toString(36);
  return withPool(options.databaseUrl, async (pool) => {
    const { rows } = await pool.query<{ id: string; at: Date }>(
      `INSERT INTO "ApiKey" (id, name, role, "hashedKey", prefix) VALUES (gen_random_uuid(), 'bench ingest', 'EDITOR', $1, $2) RETURNING id, localtimestamp AS at`,
      [hashed, key.slice(0, 11)],
    );
    try {
      // One story first, untimed: it creates the sample's entities, which the timed ones then match (concurrent
      // first sightings of one new entity queue on its unique slug until the first writer commits: see
      // resolveEntities in src/article/article-writer.ts).
      await graphql(options.url, key, CREATE, { input: articleInput(draft, `bench-ingest-${run}-warmup`, -1) });
      // Then untimed stories for as long as the pages' warm-up, so the write path is measured warm like the reads.
      const warmupEnds = performance.now() + (options.warmupSeconds ?? 0) * 1000;
      let warmed = 0;
      const warmupWorker = async () => {
        while (performance.now() < warmupEnds) {
          const n = warmed++;
          await graphql(options.url, key, CREATE, {
            input: articleInput(draft, `bench-ingest-${run}-warmup-${n}`, -2 - n),
          });
        }
      };
      await Promise.all(Array.from({ length: concurrency }, warmupWorker));
      let next = 0;
      let failed = 0;
      let firstError: string | undefined;
      const started = performance.now();
      const worker = async () => {
        while (next < options.articles) {
          const n = next++;
          const result = await graphql(options.url, key, CREATE, {
            input: articleInput(draft, `bench-ingest-${run}-${n}`, n),
          }).catch((e: Error) => ({ errors: [{ message: e.message }] }));
          if (result.errors?.length) {
            failed += 1;
            firstError ??= result.errors[0].message;
          }
        }
      };
      await Promise.all(Array.from({ length: concurrency }, worker));
      const endedAt = performance.now();
      const seconds = (endedAt - started) / 1000;
      if (failed === options.articles) throw new Error(`every createArticle failed: ${firstError}`);
      return {
        articles: options.articles - failed,
        concurrency,
        seconds,
        articlesPerSecond: (options.articles - failed) / seconds,
        failed,
        firstError,
        endedAt,
      };
    } finally {
      await pool.query(`DELETE FROM "Article" WHERE slug LIKE 'bench-ingest-%'`);
      // Photos and entities outlive an article: the ones this run stored and no other article uses go too.
      await pool.query(
        `DELETE FROM "Media" m WHERE m.url LIKE '%?bench=%' AND NOT EXISTS (SELECT 1 FROM "ArticleMedia" am WHERE am."mediaId" = m.id)`,
      );
      await pool.query(
        `DELETE FROM "Entity" e WHERE e."createdAt" >= $1
            AND NOT EXISTS (SELECT 1 FROM "ArticleEntity" ae WHERE ae."entityId" = e.id) AND NOT EXISTS (SELECT 1 FROM "Quote" q WHERE q."speakerId" = e.id)`,
        [rows[0].at],
      );
      await pool.query(`DELETE FROM "ApiKey" WHERE id = $1`, [rows[0].id]);
    }
  });
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
