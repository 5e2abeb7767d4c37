// Articles out as IPTC ninjs 3.1: the GraphQL field and GET /ninjs/articles/{slug}, both valid against the official
// JSON Schema, and only ever for published articles on the public route.
import type { ArticleDraft } from '../../src/article/article-draft.ts';
import { persistArticleDraft } from '../../src/article/article-writer.ts';
import { MemoryCacheStore } from '../../src/cache/cache-store.ts';
import { InProcessPubSub } from '../../src/feed/pubsub.ts';
import { ninjsProblems } from '../../src/formats/ninjs/ninjs-schema.ts';
import { encodeGlobalId } from '../../src/shared/global-id.ts';
import { dataOf, openReadFixture, SAMPLE_SLUG, type ReadFixture } from '../read/read-fixture.ts';
import { startTestServer } from '../support/server.ts';

let fixture: ReadFixture;

const story = (slug: string, status: ArticleDraft['status']): ArticleDraft => ({
  slug,
  headline: `Unpublished story ${slug}`,
  status,
  blocks: [{ kind: 'PARAGRAPH', text: 'Officials met in Minsk on Tuesday.' }],
  entities: [],
  mentions: [],
  quotes: [],
  media: [],
});

beforeAll(async () => {
  fixture = await openReadFixture();
  await persistArticleDraft(fixture.db.prisma, story('a-draft-story', 'DRAFT'));
  await persistArticleDraft(fixture.db.prisma, story('a-withdrawn-story', 'WITHDRAWN'));
  const deleted = await persistArticleDraft(fixture.db.prisma, story('a-deleted-story', 'PUBLISHED'));
  await fixture.db.pool.query(`UPDATE "Article" SET "deletedAt" = now() WHERE id = $1`, [deleted.articleId]);
});
afterAll(() => fixture.close());

const NINJS_QUERY = `query($slug: String!) { article(slug: $slug) { ninjs } }`;

async function ninjsOf(slug: string): Promise<any> {
  return dataOf(await fixture.reader.query(NINJS_QUERY, { slug })).article.ninjs;
}

const route = (slug: string, headers: Record<string, string> = {}) =>
  fetch(fixture.reader.url.replace(/\/graphql$/, `/ninjs/articles/${encodeURIComponent(slug)}`), { headers });

describe('Article.ninjs', () => {
  it('is a valid ninjs 3.1 document, formats included, read in the article page’s one statement', async () => {
    const response = await fixture.reader.query(NINJS_QUERY, { slug: SAMPLE_SLUG });
    const document = dataOf(response).article.ninjs;
    expect(ninjsProblems(document)).toEqual([]);
    expect(response.statements).toBe(1);
    expect(document).toMatchObject({
      standard: { name: 'ninjs', version: '3.1' },
      uri: `urn:newsgraph:article:${fixture.sampleArticleId}`,
      pubStatus: 'usable',
      version: '1',
      language: 'en',
      headlines: [{ role: 'main', value: 'Belarus President Lukashenko to visit China next week' }],
    });
    expect(document.bodies.map((b: any) => b.contentType)).toEqual(['text/plain', 'text/html']);
    expect(document.bodies[1].value).toMatch(/^<p>/);
  });

  it('names people, organisations and places with their role in this story, Wikidata URIs where known', async () => {
    const { rows } = await fixture.db.pool.query(`SELECT id FROM "Entity" WHERE slug = 'alexander-lukashenko'`);
    const lukashenkoId = rows[0].id;
    const document = await ninjsOf(SAMPLE_SLUG);
    const lukashenko = document.people.find((p: any) => p.name === 'Alexander Lukashenko');
    expect(lukashenko).toEqual({
      name: 'Alexander Lukashenko',
      rel: 'Belarusian President',
      uri: 'http://localhost:4000/entities/alexander-lukashenko',
      literal: encodeGlobalId('Entity', lukashenkoId),
    });
    const putin = document.people.find((p: any) => p.name === 'Vladimir Putin');
    expect(putin).toMatchObject({ rel: 'Russian President', uri: 'http://www.wikidata.org/entity/Q7747' });
    expect(document.places.map((p: any) => p.name)).toContain('China');
    expect(document.organisations.length).toBeGreaterThan(0);
    // Entities without a QID get their page on the public site as URI.
    const local = [...document.people, ...document.organisations, ...document.places].filter(
      (e: any) => !e.uri.includes('wikidata'),
    );
    for (const entity of local) expect(entity.uri).toMatch(/^http:\/\/localhost:4000\/entities\//);
  });

  it('carries the photo as an association with its rendition and rights from the structured credit', async () => {
    const { rows } = await fixture.db.pool.query(`SELECT url FROM "Media" LIMIT 1`);
    const mediaUrl = rows[0].url;
    const document = await ninjsOf(SAMPLE_SLUG);
    expect(document.type).toBe('composite');
    const [photo] = document.associations;
    expect(photo).toMatchObject({
      name: 'hero',
      type: 'picture',
      by: 'Andrea Verdelli',
      infoSources: expect.arrayContaining([{ name: 'Reuters', role: 'distributor' }]),
      renditions: [{ name: 'original', href: mediaUrl }],
    });
    expect(JSON.parse(photo.rightsInfo.encodedRights)).toMatchObject({
      photographer: 'Andrea Verdelli',
      pool: true,
      distributor: 'Reuters',
      isFilePhoto: true,
    });
  });

  it('lists corrections in descriptions and bumps the version', async () => {
    const editor = await fixture.editor.query(`{ article(slug: "${SAMPLE_SLUG}") { id revision } }`);
    const { id, revision } = dataOf(editor).article;
    const key = await fixture.editor.bearer('EDITOR');
    const update = await fixture.editor.query(
      `mutation($id: ID!, $rev: Int!) { updateArticle(id: $id, expectedRevision: $rev, input: {}, correction: "An earlier version misdated the visit.") { article { revision } } }`,
      { id, rev: revision },
      { authorization: key },
    );
    const newRevision = dataOf(update).updateArticle.article.revision;
    const document = await ninjsOf(SAMPLE_SLUG);
    expect(document.version).toBe(String(newRevision));
    expect(document.descriptions).toContainEqual({
      role: 'correction',
      contentType: 'text/plain',
      value: 'An earlier version misdated the visit.',
    });
    expect(ninjsProblems(document)).toEqual([]);
  });

  it('shows editors a draft’s document as withheld, a withdrawn one as canceled', async () => {
    const drafted = dataOf(await fixture.editor.query(NINJS_QUERY, { slug: 'a-draft-story' })).article.ninjs;
    const withdrawn = dataOf(await fixture.editor.query(NINJS_QUERY, { slug: 'a-withdrawn-story' })).article.ninjs;
    expect([drafted.pubStatus, withdrawn.pubStatus]).toEqual(['withheld', 'canceled']);
    expect(ninjsProblems(drafted)).toEqual([]);
    expect(dataOf(await fixture.reader.query(NINJS_QUERY, { slug: 'a-draft-story' })).article).toBeNull();
  });

  it('is the same through node(id:), whose article arrives without the preloaded source', async () => {
    const id = encodeGlobalId('Article', fixture.sampleArticleId);
    const response = await fixture.reader.query(`query($id: ID!) { node(id: $id) { ... on Article { ninjs } } }`, {
      id,
    });
    expect(dataOf(response).node.ninjs).toEqual(await ninjsOf(SAMPLE_SLUG));
  });
});

describe('GET /ninjs/articles/{slug}', () => {
  it('serves the published article’s document with an ETag, Last-Modified and public caching', async () => {
    const response = await route(SAMPLE_SLUG);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.headers.get('cache-control')).toBe('public, max-age=60');
    expect(response.headers.get('etag')).toMatch(/^"[\w-]+"$/);
    expect(response.headers.get('last-modified')).toMatch(/GMT$/);
    const document = await response.json();
    expect(document).toEqual(await ninjsOf(SAMPLE_SLUG));
    expect(ninjsProblems(document)).toEqual([]);
  });

  it('answers 304 to If-None-Match with the current ETag, 200 to a stale one', async () => {
    const etag = (await route(SAMPLE_SLUG)).headers.get('etag')!;
    const revalidated = await route(SAMPLE_SLUG, { 'if-none-match': `"stale", W/${etag}` });
    expect(revalidated.status).toBe(304);
    expect(await revalidated.text()).toBe('');
    expect((await route(SAMPLE_SLUG, { 'if-none-match': '"stale"' })).status).toBe(200);
  });

  it.each(['no-such-story', 'a-draft-story', 'a-withdrawn-story', 'a-deleted-story'])(
    'answers 404 with a coded JSON error for %s',
    async (slug) => {
      const response = await route(slug);
      expect(response.status).toBe(404);
      const body = await response.json();
      expect(body.errors[0].extensions.code).toBe('NOT_FOUND');
      expect(body.errors[0].message).toContain(slug);
    },
  );
});

describe('the response cache', () => {
  it('evicts a cached document when an entity it names changes, though the answer selects no id', async () => {
    const server = await startTestServer(fixture.db, {
      pubsub: new InProcessPubSub(),
      responseCache: new MemoryCacheStore(16 * 1024 * 1024),
    });
    try {
      const read = async () => {
        const response = await fetch(server.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: NINJS_QUERY, variables: { slug: SAMPLE_SLUG } }),
        });
        const body = await response.json();
        return { cache: response.headers.get('x-response-cache'), people: body.data.article.ninjs.people };
      };
      await read();
      expect((await read()).cache).toBe('hit');
      const { rows } = await fixture.db.pool.query(`SELECT id FROM "Entity" WHERE slug = 'alexander-lukashenko'`);
      const renamed = await server.query(
        'mutation($input: UpsertEntityInput!) { upsertEntity(input: $input) { entity { name } } }',
        {
          input: {
            id: encodeGlobalId('Entity', rows[0].id),
            type: 'PERSON',
            name: 'Aliaksandr Lukashenka',
            slug: 'alexander-lukashenko',
          },
        },
        { authorization: await server.bearer('EDITOR') },
      );
      dataOf(renamed);
      const after = await read();
      expect(after.cache).toBe('miss');
      expect(after.people.map((p: any) => p.name)).toContain('Aliaksandr Lukashenka');
    } finally {
      await server.stop();
    }
  });
});
