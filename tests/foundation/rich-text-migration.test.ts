// Migration 20261207130000_rich_text_and_renditions on a database holding content written before it: every block
// keeps its text and kind and reads with no marks; media keep their columns and have no focal point or crops.
import { applyMigrations } from '../../src/db/migrate.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { migrateToBefore } from '../support/migrations-before.ts';

const MIGRATION = '20261207130000_rich_text_and_renditions';
let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase({ empty: true });
});
afterAll(async () => {
  await database.drop();
});

test('blocks and media stored before the migration keep their content and read with no marks', async () => {
  await migrateToBefore(database.url, MIGRATION);
  const article = '0190f0a0-0000-7000-8000-000000000001';
  const media = '0190f0a0-0000-7000-8000-000000000002';
  const insert = (sql: string, values: unknown[]) => database.pool.query(sql, values);
  await insert(`INSERT INTO "Article" (id, slug, headline, "updatedAt") VALUES ($1, 'old-story', 'Old story', now())`, [
    article,
  ]);
  await insert(
    `INSERT INTO "Media" (id, url, "altText", width, height, "updatedAt") VALUES ($1, 'https://images.example.org/old.jpg', 'Old photo', 800, 600, now())`,
    [media],
  );
  await insert(
    `INSERT INTO "ArticleBlock" (id, "articleId", position, kind, text, "mediaId") VALUES
       (gen_random_uuid(), $1, 0, 'MEDIA', 'A caption', $2),
       (gen_random_uuid(), $1, 1, 'PARAGRAPH', 'Lukashenko <b>will</b> visit China 🇨🇳.', NULL)`,
    [article, media],
  );
  expect(await applyMigrations(database.url)).toContain(MIGRATION);
  const { rows: blocks } = await database.pool.query(
    `SELECT position, kind::text, text, marks, data, "linkedArticleId" FROM "ArticleBlock" ORDER BY position`,
  );
  expect(blocks).toEqual([
    { position: 0, kind: 'MEDIA', text: 'A caption', marks: [], data: null, linkedArticleId: null },
    {
      position: 1,
      kind: 'PARAGRAPH',
      text: 'Lukashenko <b>will</b> visit China 🇨🇳.',
      marks: [],
      data: null,
      linkedArticleId: null,
    },
  ]);
  const { rows: photos } = await database.pool.query(
    `SELECT url, "altText", width, height, "focalX", "focalY", crops FROM "Media"`,
  );
  expect(photos).toEqual([
    {
      url: 'https://images.example.org/old.jpg',
      altText: 'Old photo',
      width: 800,
      height: 600,
      focalX: null,
      focalY: null,
      crops: null,
    },
  ]);
  // A focal point outside the picture cannot be stored, whatever writes it.
  await expect(database.pool.query(`UPDATE "Media" SET "focalX" = 1.5, "focalY" = 0.5`)).rejects.toThrow(
    /Media_focal_point_check/,
  );
});
