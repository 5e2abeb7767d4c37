// Migration 20261207140000_authors_sections_tags on a database holding articles written before it: every section and
// tag string becomes a record, every byline or contributor that names a person becomes an author credited on its
// articles (agency bylines stay printed bylines), and no article changes its content.
import { applyMigrations } from '../../src/db/migrate.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { migrateToBefore } from '../support/migrations-before.ts';

const MIGRATION = '20261207140000_authors_sections_tags';

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase({ empty: true });
  await migrateToBefore(database.url, MIGRATION);
  await database.pool.query(`
    INSERT INTO "Article" (id, slug, headline, status, section, tags, byline, contributors, "bodyText", "updatedAt", "publishedAt") VALUES
      ('00000000-0000-7000-8000-000000000001', 'png-budget', 'Budget passes', 'PUBLISHED', 'world', '{png,economy}', 'By MALUM NALU', '{}', 'The budget passed.', now(), now()),
      ('00000000-0000-7000-8000-000000000002', 'belarus-visit', 'Lukashenko to visit China', 'PUBLISHED', 'world', '{belarus,"Russia-Ukraine war"}', 'News Agencies', '{"Jane Kari"}', 'He will visit.', now(), now()),
      ('00000000-0000-7000-8000-000000000003', 'draft-story', 'Draft', 'DRAFT', 'business', '{}', 'Malum Nalu and Jane Kari', '{}', '', now(), NULL),
      ('00000000-0000-7000-8000-000000000004', 'wire-story', 'Wire', 'PUBLISHED', NULL, '{}', 'Reuters', '{}', 'Wire copy.', now(), now())`);
  await applyMigrations(database.url);
}, 120_000);
afterAll(async () => {
  await database.drop();
});

test('every section and tag an article held becomes a record named after its slug', async () => {
  const sections = await database.pool.query(`SELECT slug, name, "parentId" FROM "Section" ORDER BY slug`);
  expect(sections.rows).toEqual([
    { slug: 'business', name: 'Business', parentId: null },
    { slug: 'world', name: 'World', parentId: null },
  ]);
  const tags = await database.pool.query(`SELECT slug, name, type FROM "Tag" ORDER BY slug COLLATE "C"`);
  expect(tags.rows).toEqual([
    { slug: 'Russia-Ukraine war', name: 'Russia-Ukraine war', type: 'TOPIC' },
    { slug: 'belarus', name: 'Belarus', type: 'TOPIC' },
    { slug: 'economy', name: 'Economy', type: 'TOPIC' },
    { slug: 'png', name: 'Png', type: 'TOPIC' },
  ]);
});

test('people named in bylines and contributors become authors credited in order; agency bylines do not', async () => {
  const authors = await database.pool.query(`SELECT slug, name FROM "Author" ORDER BY slug`);
  expect(authors.rows).toEqual([
    { slug: 'jane-kari', name: 'Jane Kari' },
    { slug: 'malum-nalu', name: 'Malum Nalu' },
  ]);
  const credits = await database.pool.query(`
    SELECT a.slug AS article, au.slug AS author, aa.role::text, aa.position FROM "ArticleAuthor" aa
      JOIN "Article" a ON a.id = aa."articleId" JOIN "Author" au ON au.id = aa."authorId" ORDER BY a.slug, aa.position`);
  expect(credits.rows).toEqual([
    { article: 'belarus-visit', author: 'jane-kari', role: 'CONTRIBUTOR', position: 0 },
    { article: 'draft-story', author: 'malum-nalu', role: 'AUTHOR', position: 0 },
    { article: 'draft-story', author: 'jane-kari', role: 'AUTHOR', position: 1 },
    { article: 'png-budget', author: 'malum-nalu', role: 'AUTHOR', position: 0 },
  ]);
});

test('no article loses or changes its content, byline, section or tags', async () => {
  const { rows } = await database.pool.query(
    `SELECT slug, byline, section, tags, contributors, "bodyText" FROM "Article" ORDER BY slug`,
  );
  expect(rows).toEqual([
    {
      slug: 'belarus-visit',
      byline: 'News Agencies',
      section: 'world',
      tags: ['belarus', 'Russia-Ukraine war'],
      contributors: ['Jane Kari'],
      bodyText: 'He will visit.',
    },
    {
      slug: 'draft-story',
      byline: 'Malum Nalu and Jane Kari',
      section: 'business',
      tags: [],
      contributors: [],
      bodyText: '',
    },
    {
      slug: 'png-budget',
      byline: 'By MALUM NALU',
      section: 'world',
      tags: ['png', 'economy'],
      contributors: [],
      bodyText: 'The budget passed.',
    },
    { slug: 'wire-story', byline: 'Reuters', section: null, tags: [], contributors: [], bodyText: 'Wire copy.' },
  ]);
});

test('after the migration, an article written with a new section or tag gets its record, and old slugs are followed', async () => {
  await database.pool.query(
    `INSERT INTO "SectionSlugRedirect" (slug, "sectionId") SELECT 'global', id FROM "Section" WHERE slug = 'world'`,
  );
  const { rows } = await database.pool.query(`
    INSERT INTO "Article" (id, slug, headline, section, tags, "updatedAt")
    VALUES ('00000000-0000-7000-8000-000000000005', 'new-story', 'New', 'global', '{climate,climate,png}', now())
    RETURNING section, tags`);
  expect(rows).toEqual([{ section: 'world', tags: ['climate', 'png'] }]);
  const { rows: tags } = await database.pool.query(`SELECT name FROM "Tag" WHERE slug = 'climate'`);
  expect(tags).toEqual([{ name: 'Climate' }]);
});
