// Migration 20261208000000_collection_change_events on a database holding change events, a webhook and its
// deliveries written before it: every row stays as it was, the webhook lists ARTICLE only, and an event must name
// exactly one subject.
import { applyMigrations } from '../../src/db/migrate.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { migrateToBefore } from '../support/migrations-before.ts';

const MIGRATION = '20261208000000_collection_change_events';
const ARTICLE = '00000000-0000-7000-8000-000000000001';
const WEBHOOK = '00000000-0000-7000-8000-0000000000aa';

let database: TestDatabase;
let eventsBefore: unknown[];
let deliveriesBefore: unknown[];

const events = async () =>
  (
    await database.pool.query(
      `SELECT id::int, "articleId"::text, kind::text, revision, at FROM "ChangeEvent" ORDER BY id`,
    )
  ).rows;
const deliveries = async () =>
  (
    await database.pool.query(
      `SELECT id::int, "webhookId"::text, "changeEventId"::int, "articleId"::text, status::text FROM "WebhookDelivery" ORDER BY id`,
    )
  ).rows;

beforeAll(async () => {
  database = await createTestDatabase({ empty: true });
  await migrateToBefore(database.url, MIGRATION);
  await database.pool.query(`
    INSERT INTO "Article" (id, slug, headline, status, "bodyText", revision, "updatedAt", "publishedAt") VALUES
      ('${ARTICLE}', 'belarus-visit', 'Lukashenko to visit China', 'PUBLISHED', 'He will visit.', 2, now(), now());
    INSERT INTO "Webhook" (id, url, events, secret) VALUES
      ('${WEBHOOK}', 'https://hooks.example.com/newsgraph', '{CREATED,PUBLISHED}', 'whsec_test');
    INSERT INTO "ChangeEvent" ("articleId", kind, revision) VALUES
      ('${ARTICLE}', 'CREATED', 1), ('${ARTICLE}', 'UPDATED', 2), ('${ARTICLE}', 'PUBLISHED', 2);`);
  eventsBefore = await events();
  deliveriesBefore = await deliveries();
  await applyMigrations(database.url);
}, 120_000);
afterAll(async () => {
  await database.drop();
});

test('events and deliveries written before are kept as they were; the webhook is told about articles only', async () => {
  expect(deliveriesBefore).toHaveLength(2);
  expect(await events()).toEqual(eventsBefore);
  expect(await deliveries()).toEqual(deliveriesBefore);
  const { rows } = await database.pool.query(`SELECT subjects::text[] AS subjects FROM "Webhook"`);
  expect(rows).toEqual([{ subjects: ['ARTICLE'] }]);
  const collectionIds = await database.pool.query(
    `SELECT count(*)::int AS n FROM "ChangeEvent" WHERE "collectionId" IS NOT NULL`,
  );
  expect(collectionIds.rows).toEqual([{ n: 0 }]);
});

test('an event names exactly one article or one collection; a collection event reaches no article-only webhook', async () => {
  await expect(database.pool.query(`INSERT INTO "ChangeEvent" (kind, revision) VALUES ('CREATED', 1)`)).rejects.toThrow(
    /ChangeEvent_one_subject/,
  );
  await expect(
    database.pool.query(
      `INSERT INTO "ChangeEvent" ("articleId", "collectionId", kind, revision) VALUES ('${ARTICLE}', gen_random_uuid(), 'CREATED', 1)`,
    ),
  ).rejects.toThrow(/ChangeEvent_one_subject/);
  await database.pool.query(
    `INSERT INTO "ChangeEvent" ("collectionId", kind, revision) VALUES ('00000000-0000-7000-8000-0000000000c1', 'CREATED', 1)`,
  );
  expect(await deliveries()).toEqual(deliveriesBefore);
});
