// The benchmark database: dropped, created, migrated and loaded with the deterministic synthetic corpus, then
// analysed; and the pools of slugs, sections and search words the load generator draws from.
import pg from 'pg';

import { applyMigrations } from '../src/db/migrate.ts';
import { createPgPool } from '../src/db/pool.ts';
import { generateSyntheticCorpus, SECTIONS, type SyntheticCounts } from '../seed/synthetic.ts';

export interface BenchCorpus {
  url: string;
  counts: SyntheticCounts;
  loadSeconds: number;
  articleSlugs: string[];
  entitySlugs: string[];
  sections: string[];
  searchQueries: string[];
  /** Every section record, parents (whose fronts list their subsections' articles too) and leaves. */
  sectionSlugs: string[];
  /** Authors credited on at least one article. */
  authorSlugs: string[];
  /** Tags at least one article carries. */
  tagSlugs: string[];
  collectionSlugs: string[];
  /** Articles of kind LIVE. */
  liveSlugs: string[];
  /** A member of a translation group and the language of another member: `article(slug:, language:)`. */
  translationRequests: Array<{ slug: string; language: string }>;
}

const PUBLISHED = (alias: string) => `${alias}.status = 'PUBLISHED' AND ${alias}."deletedAt" IS NULL`;

export function databaseUrl(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function admin<T>(adminUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  await admin(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}

// Two-word queries built from the corpus vocabulary (seed/synthetic.ts), so every query has hits.
const SEARCH_QUERIES = [
  'trade deal',
  'climate plan',
  'tax reform',
  'vaccine trial',
  'pension law',
  'rail link',
  'chip factory',
  'budget negotiations',
  'election lawmakers',
  'merger markets',
  'ceasefire summit',
  'transfer court',
  'Lagos budget',
  'Oslo election',
  'Nairobi merger',
  'Hanoi ceasefire',
  'Porto transfer',
  'Osaka rail',
  'approved budget',
  'rejected merger',
  'postponed election',
  'signed ceasefire',
  'unveiled plan',
  'defended reform',
];

export async function prepareCorpus(options: {
  adminUrl: string;
  name: string;
  articles: number;
  reuse: boolean;
  log: (line: string) => void;
}): Promise<BenchCorpus> {
  const url = databaseUrl(options.adminUrl, options.name);
  const started = performance.now();
  let counts: SyntheticCounts | undefined;
  if (options.reuse) counts = await existingCounts(options.adminUrl, options.name, url, options.articles);
  if (!counts && options.articles < 0) throw new Error(`${options.name} holds no corpus: run npm run bench first.`);
  if (!counts) {
    await dropDatabase(options.adminUrl, options.name);
    await admin(options.adminUrl, (c) => c.query(`CREATE DATABASE "${options.name}"`));
    options.log(`database ${options.name}: migrating`);
    await applyMigrations(url);
    const pool = createPgPool({ connectionString: url, max: 4 });
    try {
      options.log(`database ${options.name}: loading ${options.articles} synthetic articles`);
      counts = await generateSyntheticCorpus(pool, { articles: options.articles, seed: 1 });
    } finally {
      await pool.end();
    }
  } else {
    options.log(`database ${options.name}: reusing the loaded corpus (--reuse), applying pending migrations`);
    await applyMigrations(url);
  }

  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // A load leaves rows unvacuumed, and so does a previous run's ingest on a reused corpus (with GIN entries pending).
    await client.query('VACUUM ANALYZE');
    const loadSeconds = (performance.now() - started) / 1000;
    const articleSlugs = (
      await client.query<{ slug: string }>(`SELECT slug FROM "Article" a WHERE ${PUBLISHED('a')} ORDER BY slug`)
    ).rows.map((r) => r.slug);
    // Entities that appear in at least one article: the pages readers reach by following links.
    const entitySlugs = (
      await client.query<{ slug: string }>(
        `SELECT e.slug FROM "Entity" e WHERE EXISTS (SELECT 1 FROM "ArticleEntity" ae WHERE ae."entityId" = e.id) ORDER BY e.slug`,
      )
    ).rows.map((r) => r.slug);
    const slugs = async (text: string) => (await client.query<{ slug: string }>(text)).rows.map((r) => r.slug);
    const translationRequests = (
      await client.query<{ slug: string; language: string }>(
        `SELECT m.slug, o.language
           FROM "Article" m JOIN "Article" o
             ON coalesce(o."translationOfId", o.id) = coalesce(m."translationOfId", m.id) AND o.id <> m.id
          WHERE ${PUBLISHED('m')} AND ${PUBLISHED('o')}
          ORDER BY m.slug, o.language`,
      )
    ).rows;
    return {
      url,
      counts,
      loadSeconds,
      articleSlugs,
      entitySlugs,
      sections: [...SECTIONS],
      searchQueries: SEARCH_QUERIES,
      sectionSlugs: await slugs(`SELECT slug FROM "Section" ORDER BY slug`),
      authorSlugs: await slugs(
        `SELECT u.slug FROM "Author" u WHERE EXISTS (SELECT 1 FROM "ArticleAuthor" c WHERE c."authorId" = u.id) ORDER BY u.slug`,
      ),
      tagSlugs: await slugs(
        `SELECT g.slug FROM "Tag" g WHERE EXISTS (SELECT 1 FROM "Article" a WHERE a.tags @> ARRAY[g.slug]) ORDER BY g.slug`,
      ),
      collectionSlugs: await slugs(`SELECT slug FROM "Collection" ORDER BY slug`),
      liveSlugs: await slugs(`SELECT slug FROM "Article" a WHERE a.kind = 'LIVE' AND ${PUBLISHED('a')} ORDER BY slug`),
      translationRequests,
    };
  } finally {
    await client.end();
  }
}

async function existingCounts(
  adminUrl: string,
  name: string,
  url: string,
  articles: number,
): Promise<SyntheticCounts | undefined> {
  const exists = await admin(adminUrl, (c) => c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]));
  if (!exists.rowCount) return undefined;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(
      `SELECT (SELECT count(*) FROM "Article")::int AS articles, (SELECT count(*) FROM "Entity")::int AS entities,
              (SELECT count(*) FROM "Quote")::int AS quotes, (SELECT count(*) FROM "Media")::int AS media,
              (SELECT count(*) FROM "Mention")::int AS mentions, (SELECT count(*) FROM "Author")::int AS authors,
              (SELECT count(*) FROM "ArticleAuthor")::int AS credits, (SELECT count(*) FROM "Section")::int AS sections,
              (SELECT count(*) FROM "Tag")::int AS tags, (SELECT count(*) FROM "Collection")::int AS collections,
              (SELECT count(*) FROM "LiveEntry")::int AS "liveEntries",
              (SELECT count(*) FROM "Article" WHERE "translationOfId" IS NOT NULL)::int AS translations`,
    );
    // articles < 0: whatever is loaded (bench/profile.ts).
    // A corpus loaded before the newsroom's records (collections, authors, ...) is loaded again.
    if (rows[0].collections === 0) return undefined;
    return rows[0].articles === articles || (articles < 0 && rows[0].articles > 0) ? rows[0] : undefined;
  } catch {
    return undefined;
  } finally {
    await client.end();
  }
}
