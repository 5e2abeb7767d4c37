// Migration 20261207210000_live_blogs on a database holding articles written before it: every article becomes
// STANDARD with its content as it was, and has no live entries.
import { applyMigrations } from '../../src/db/migrate.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { migrateToBefore } from '../support/migrations-before.ts';

const MIGRATION = '20261207210000_live_blogs';

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase({ empty: true });
  await migrateToBefore(database.url, MIGRATION);
  await database.pool.query(`
    INSERT INTO "Article" (id, slug, headline, status, "bodyText", revision, "updatedAt", "publishedAt") VALUES
      ('00000000-0000-7000-8000-000000000001', 'belarus-visit', 'Lukashenko to visit China', 'PUBLISHED', 'He will visit.', 3, now(), now()),
      ('00000000-0000-7000-8000-000000000002', 'draft-story', 'Draft', 'DRAFT', '', 1, now(), NULL)`);
  await applyMigrations(database.url);
}, 120_000);
afterAll(async () => {
  await database.drop();
});

test('articles written before live blogs are STANDARD, their content and revision unchanged, with no entries', async () => {
  const articles = await database.pool.query(
    `SELECT slug, kind::text, "bodyText", revision FROM "Article" ORDER BY slug`,
  );
  expect(articles.rows).toEqual([
    { slug: 'belarus-visit', kind: 'STANDARD', bodyText: 'He will visit.', revision: 3 },
    { slug: 'draft-story', kind: 'STANDARD', bodyText: '', revision: 1 },
  ]);
  const entries = await database.pool.query(`SELECT count(*)::int AS n FROM "LiveEntry"`);
  expect(entries.rows).toEqual([{ n: 0 }]);
});
