import { encodeGlobalId } from '../../src/shared/global-id.ts';
import { openReadFixture, SAMPLE_SLUG, type ReadFixture } from './read-fixture.ts';

let fixture: ReadFixture;

beforeAll(async () => {
  fixture = await openReadFixture();
});
afterAll(() => fixture.close());

async function expectBadInput(document: string, variables: Record<string, unknown>, argumentName: string) {
  const response = await fixture.reader.query(document, variables);
  expect(response.status).toBe(200);
  expect(response.body.errors).toHaveLength(1);
  expect(response.body.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName });
}

test('asking for more than 100 items is BAD_USER_INPUT naming the argument, at the root and nested', async () => {
  await expectBadInput(`{ articles(first: 101) { edges { cursor } } }`, {}, 'first');
  await expectBadInput(`{ articles(last: 500) { edges { cursor } } }`, {}, 'last');
  await expectBadInput(`{ articles(first: -1) { edges { cursor } } }`, {}, 'first');
  await expectBadInput(`{ articles(first: 5, last: 5) { edges { cursor } } }`, {}, 'last');
  await expectBadInput(
    `query($slug: String!) { entity(slug: $slug) { quotes(first: 101) { edges { cursor } } } }`,
    { slug: 'emmanuel-macron' },
    'first',
  );
  await expectBadInput(
    `query($slug: String!) { article(slug: $slug) { entities(first: 101) { role } } }`,
    { slug: SAMPLE_SLUG },
    'first',
  );
  const ok = await fixture.reader.query(`{ articles(first: 100) { edges { cursor } } }`);
  expect(ok.body.errors).toBeUndefined();
});

test('malformed cursors are BAD_USER_INPUT naming after or before', async () => {
  await expectBadInput(`{ articles(after: "not-a-cursor") { edges { cursor } } }`, {}, 'after');
  await expectBadInput(
    `{ articles(last: 2, before: "WyJhcnRpY2xlOm5ld2VzdCIsImJhZCJd") { edges { cursor } } }`,
    {},
    'before',
  );
  const tampered = Buffer.from(
    JSON.stringify(['article:newest', "2023-01-01T00:00:00'; DROP TABLE x", '00000000-0000-4000-8000-000000000000']),
  ).toString('base64url');
  await expectBadInput(`query($c: String) { articles(after: $c) { edges { cursor } } }`, { c: tampered }, 'after');
});

test('malformed or mistyped IDs are BAD_USER_INPUT naming the argument', async () => {
  await expectBadInput(`{ article(id: "xyz") { headline } }`, {}, 'id');
  await expectBadInput(
    `query($id: ID!) { article(id: $id) { headline } }`,
    { id: encodeGlobalId('Entity', '00000000-0000-4000-8000-000000000000') },
    'id',
  );
  await expectBadInput(`{ node(id: "QXJ0aWNsZTpub3QtYS11dWlk") { id } }`, {}, 'id');
  await expectBadInput(`{ quote(id: "bad") { text } }`, {}, 'id');
  await expectBadInput(`{ media(id: "bad") { url } }`, {}, 'id');
  await expectBadInput(`{ entity(id: "bad") { name } }`, {}, 'id');
  await expectBadInput(`{ articles(filter: { entity: "bad" }) { edges { cursor } } }`, {}, 'filter.entity');
  await expectBadInput(`{ quotes(filter: { article: "bad" }) { edges { cursor } } }`, {}, 'filter.article');
  await expectBadInput(`{ mediaItems(filter: { depicts: "bad" }) { edges { cursor } } }`, {}, 'filter.depicts');
});

test('look-ups need exactly one key, and relevance ordering needs a search term', async () => {
  await expectBadInput(`{ article { headline } }`, {}, 'slug');
  await expectBadInput(
    `query($id: ID) { article(slug: "a", id: $id) { headline } }`,
    { id: encodeGlobalId('Article', '00000000-0000-4000-8000-000000000000') },
    'id',
  );
  await expectBadInput(`{ entity(slug: "a", wikidataId: "Q1") { name } }`, {}, 'wikidataId');
  await expectBadInput(`{ articles(orderBy: RELEVANCE) { edges { cursor } } }`, {}, 'orderBy');
});

test('unknown things are null, not errors', async () => {
  const response = await fixture.reader.query(
    `query($a: ID!, $q: ID!, $m: ID!) { article(id: $a) { id } entity(slug: "nobody") { id } quote(id: $q) { id } media(id: $m) { id } node(id: $a) { id } }`,
    {
      a: encodeGlobalId('Article', '00000000-0000-4000-8000-000000000000'),
      q: encodeGlobalId('Quote', '00000000-0000-4000-8000-000000000000'),
      m: encodeGlobalId('Media', '00000000-0000-4000-8000-000000000000'),
    },
  );
  expect(response.body).toEqual({ data: { article: null, entity: null, quote: null, media: null, node: null } });
});
