// Entity upsert and merge, quote and media mutations, over real HTTP against real PostgreSQL.
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { codes, CREATE_ARTICLE, fields, lukashenkoInput } from './fixtures.ts';

let database: TestDatabase;
let server: TestServer;
let editor: Record<string, string>;
let admin: Record<string, string>;

beforeAll(async () => {
  database = await createTestDatabase();
  server = await startTestServer(database);
  editor = { authorization: await server.bearer('EDITOR', 'news desk') };
  admin = { authorization: await server.bearer('ADMIN', 'data desk') };
});
afterAll(async () => {
  await server?.stop();
  await database?.drop();
});

const gid = (type: string, id: string) => Buffer.from(`${type}:${id}`).toString('base64url');
const UPSERT =
  'mutation U($input: UpsertEntityInput!) { upsertEntity(input: $input) { created entity { id slug name aliases wikidataId } } }';
const MERGE =
  'mutation M($from: ID!, $into: ID!) { mergeEntities(from: $from, into: $into) { movedMentions movedQuotes affectedArticles entity { slug aliases } } }';

async function createArticle(overrides: Record<string, unknown>) {
  const { body } = await server.query<{ createArticle: { article: { id: string; quotes: Array<{ id: string }> } } }>(
    CREATE_ARTICLE,
    { input: lukashenkoInput(overrides) },
    editor,
  );
  expect(body.errors).toBeUndefined();
  return body.data!.createArticle.article;
}

test('upsertEntity creates, then updates by slug; renaming keeps the old slug resolving', async () => {
  const created = await server.query<{ upsertEntity: { created: boolean; entity: { id: string; slug: string } } }>(
    UPSERT,
    { input: { type: 'PERSON', name: 'Mykhailo Podolyak', description: 'Adviser to the Ukrainian president' } },
    editor,
  );
  expect(created.body.data?.upsertEntity).toMatchObject({ created: true, entity: { slug: 'mykhailo-podolyak' } });
  const id = created.body.data!.upsertEntity.entity.id;
  const renamed = await server.query<{
    upsertEntity: { created: boolean; entity: { slug: string; aliases: string[] } };
  }>(
    UPSERT,
    { input: { id, type: 'PERSON', name: 'Mykhailo Podolyak', slug: 'mykhailo-podoliak', aliases: ['Podolyak'] } },
    editor,
  );
  expect(renamed.body.data?.upsertEntity).toMatchObject({
    created: false,
    entity: { slug: 'mykhailo-podoliak', aliases: ['Podolyak'] },
  });
  const old = await server.query<{ entity: { id: string } }>('{ entity(slug: "mykhailo-podolyak") { id } }');
  expect(old.body.data?.entity?.id).toBe(id);
});

test('upsertEntity reports a taken slug or Wikidata ID as CONFLICT naming the field, and a bad one as BAD_USER_INPUT', async () => {
  await server.query(UPSERT, { input: { type: 'PERSON', name: 'Qin Gang', wikidataId: 'Q1361474' } }, editor);
  const other = await server.query<{ upsertEntity: { entity: { id: string } } }>(
    UPSERT,
    { input: { type: 'PERSON', name: 'Sergei Aleinik' } },
    editor,
  );
  const aleinik = other.body.data!.upsertEntity.entity.id;
  const slugClash = await server.query(
    UPSERT,
    { input: { id: aleinik, type: 'PERSON', name: 'Sergei Aleinik', slug: 'qin-gang' } },
    editor,
  );
  expect({ codes: codes(slugClash.body), fields: fields(slugClash.body) }).toEqual({
    codes: ['CONFLICT'],
    fields: ['input.slug'],
  });
  const qidClash = await server.query(
    UPSERT,
    { input: { id: aleinik, type: 'PERSON', name: 'Sergei Aleinik', wikidataId: 'Q1361474' } },
    editor,
  );
  expect({ codes: codes(qidClash.body), fields: fields(qidClash.body) }).toEqual({
    codes: ['CONFLICT'],
    fields: ['input.wikidataId'],
  });
  const bad = await server.query(
    UPSERT,
    { input: { type: 'PERSON', name: 'Sergei Aleinik', slug: 'Sergei Aleinik' } },
    editor,
  );
  expect({ codes: codes(bad.body), fields: fields(bad.body) }).toEqual({
    codes: ['BAD_USER_INPUT'],
    fields: ['input.slug'],
  });
});

test('mergeEntities moves every mention and quote, keeps the old slug as a redirect, and needs ADMIN', async () => {
  // One story links the canonical Xi (by QID); another was entered with a duplicate "President Xi" entity.
  await createArticle({ slug: 'xi-canonical' });
  const duplicateInput = lukashenkoInput({ slug: 'xi-duplicate' });
  duplicateInput.entities = duplicateInput.entities.map((e) =>
    e.key === 'xi' ? { key: 'xi', type: 'PERSON', name: 'President Xi', role: 'Chinese President' } : e,
  );
  await createArticle(duplicateInput);
  const xi = await database.prisma.entity.findUniqueOrThrow({ where: { wikidataId: 'Q15031' } });
  const dup = await database.prisma.entity.findUniqueOrThrow({ where: { slug: 'president-xi' } });
  const count = async (entityId: string) => ({
    mentions: await database.prisma.mention.count({ where: { entityId } }),
    quotes: await database.prisma.quote.count({ where: { speakerId: entityId } }),
  });
  const [before, beforeDup] = [await count(xi.id), await count(dup.id)];
  expect(beforeDup.mentions).toBeGreaterThan(0);
  expect(beforeDup.quotes).toBeGreaterThan(0);
  const totalMentions = await database.prisma.mention.count();
  const totalQuotes = await database.prisma.quote.count();

  const byEditor = await server.query(MERGE, { from: gid('Entity', dup.id), into: gid('Entity', xi.id) }, editor);
  expect(codes(byEditor.body)).toEqual(['FORBIDDEN']);
  const merged = await server.query<{
    mergeEntities: {
      movedMentions: number;
      movedQuotes: number;
      affectedArticles: number;
      entity: { slug: string; aliases: string[] };
    };
  }>(MERGE, { from: gid('Entity', dup.id), into: gid('Entity', xi.id) }, admin);
  expect(merged.body.errors).toBeUndefined();
  expect(merged.body.data!.mergeEntities).toMatchObject({
    movedMentions: beforeDup.mentions,
    movedQuotes: beforeDup.quotes,
    affectedArticles: 1,
    entity: { slug: 'xi-jinping' },
  });
  expect(merged.body.data!.mergeEntities.entity.aliases).toContain('President Xi');

  expect(await count(xi.id)).toEqual({
    mentions: before.mentions + beforeDup.mentions,
    quotes: before.quotes + beforeDup.quotes,
  });
  expect(await database.prisma.mention.count()).toBe(totalMentions);
  expect(await database.prisma.quote.count()).toBe(totalQuotes);
  expect(await database.prisma.entity.findUnique({ where: { id: dup.id } })).toBeNull();
  // Both articles are on Xi's page, and the old slug lands there.
  const page = await server.query<{ entity: { slug: string; articles: { edges: unknown[] } } }>(
    '{ entity(slug: "president-xi") { slug articles { edges { node { slug } } } } }',
    {},
    editor,
  );
  expect(page.body.data!.entity).toMatchObject({ slug: 'xi-jinping' });
  expect(page.body.data!.entity.articles.edges).toHaveLength(2);
  // The affected article is announced in the change feed.
  const duplicateArticle = await database.prisma.article.findUniqueOrThrow({ where: { slug: 'xi-duplicate' } });
  expect(
    (await database.prisma.changeEvent.findMany({ where: { articleId: duplicateArticle.id } })).map((e) => e.kind),
  ).toContain('UPDATED');

  const self = await server.query(MERGE, { from: gid('Entity', xi.id), into: gid('Entity', xi.id) }, admin);
  expect(codes(self.body)).toEqual(['BAD_USER_INPUT']);
});

test('quotes can be added without offsets, edited, re-attributed to another speaker and removed, each a new revision', async () => {
  const article = await createArticle({ slug: 'quote-editing' });
  const putin = await database.prisma.entity.findUniqueOrThrow({ where: { wikidataId: 'Q7747' } });
  const hua = await database.prisma.entity.findUniqueOrThrow({ where: { slug: 'hua-chunying' } });
  const ADD =
    'mutation A($input: AddQuoteInput!) { addQuote(input: $input) { quote { id text startOffset endOffset speaker { slug } } article { revision } } }';
  const added = await server.query<{
    addQuote: {
      quote: { id: string; startOffset: number; endOffset: number; speaker: { slug: string } };
      article: { revision: number };
    };
  }>(
    ADD,
    {
      input: {
        articleId: article.id,
        text: 'state visit',
        kind: 'PARTIAL',
        speakerId: gid('Entity', hua.id),
        blockPosition: 1,
      },
    },
    editor,
  );
  expect(added.body.errors).toBeUndefined();
  const paragraph = lukashenkoInput().blocks[1].text;
  const at = paragraph.indexOf('state visit');
  expect(added.body.data!.addQuote).toMatchObject({
    quote: { startOffset: at, endOffset: at + 'state visit'.length, speaker: { slug: 'hua-chunying' } },
    article: { revision: 2 },
  });
  const quoteId = added.body.data!.addQuote.quote.id;

  const notThere = await server.query(
    ADD,
    { input: { articleId: article.id, text: 'words nobody said', blockPosition: 1 } },
    editor,
  );
  expect({ codes: codes(notThere.body), fields: fields(notThere.body) }).toEqual({
    codes: ['BAD_USER_INPUT'],
    fields: ['input.text'],
  });

  const EDIT =
    'mutation E($id: ID!, $input: EditQuoteInput!) { editQuote(id: $id, input: $input) { quote { text startOffset kind } article { revision } } }';
  const edited = await server.query<{ editQuote: { quote: { text: string; startOffset: number; kind: string } } }>(
    EDIT,
    { id: quoteId, input: { text: 'a state visit', kind: 'PARTIAL' } },
    editor,
  );
  expect(edited.body.data!.editQuote.quote).toEqual({
    text: 'a state visit',
    startOffset: paragraph.indexOf('a state visit'),
    kind: 'PARTIAL',
  });

  const ATTRIBUTE =
    'mutation R($id: ID!, $speaker: ID) { attributeQuote(id: $id, speakerId: $speaker, speakerLabel: "Putin") { quote { speakerLabel speaker { slug } } article { revision } } }';
  const reattributed = await server.query<{
    attributeQuote: { quote: { speakerLabel: string; speaker: { slug: string } }; article: { revision: number } };
  }>(ATTRIBUTE, { id: quoteId, speaker: gid('Entity', putin.id) }, editor);
  expect(reattributed.body.data!.attributeQuote).toEqual({
    quote: { speakerLabel: 'Putin', speaker: { slug: 'vladimir-putin' } },
    article: { revision: 4 },
  });

  const removed = await server.query<{ removeQuote: { article: { revision: number } } }>(
    'mutation X($id: ID!) { removeQuote(id: $id) { removedQuoteId article { revision } } }',
    { id: quoteId },
    editor,
  );
  expect(removed.body.data!.removeQuote.article.revision).toBe(5);
  expect(
    await database.prisma.quote.findUnique({
      where: { id: Buffer.from(quoteId, 'base64url').toString().split(':')[1] },
    }),
  ).toBeNull();
});

test('media can be attached with a structured credit, given depicted entities, and detached unless a block shows it', async () => {
  const article = await createArticle({ slug: 'media-editing' });
  const ATTACH = `mutation A($article: ID!, $media: MediaInput) { attachMedia(articleId: $article, media: $media, role: INLINE) {
    media { id credit { photographer pool distributor raw } } article { revision media { role position media { url } } } } }`;
  const attached = await server.query<{
    attachMedia: {
      media: { id: string; credit: Record<string, unknown> };
      article: { revision: number; media: Array<{ position: number }> };
    };
  }>(
    ATTACH,
    {
      article: article.id,
      media: {
        url: 'https://images.example.org/2023/02/minsk-airport.jpg',
        caption: 'Lukashenko leaves Minsk',
        credit: {
          raw: 'Alexander Kazakov/Sputnik/Kremlin Pool via AP',
          photographer: 'Alexander Kazakov',
          pool: true,
          distributor: 'AP',
        },
      },
    },
    editor,
  );
  expect(attached.body.errors).toBeUndefined();
  expect(attached.body.data!.attachMedia.media.credit).toEqual({
    photographer: 'Alexander Kazakov',
    pool: true,
    distributor: 'AP',
    raw: 'Alexander Kazakov/Sputnik/Kremlin Pool via AP',
  });
  expect(attached.body.data!.attachMedia.article.media.map((m) => m.position)).toEqual([0, 1]);
  const mediaId = attached.body.data!.attachMedia.media.id;

  const lukashenko = await database.prisma.entity.findUniqueOrThrow({ where: { slug: 'alexander-lukashenko' } });
  const DEPICT =
    'mutation D($media: ID!, $ids: [ID!]!) { setMediaDepictions(mediaId: $media, entityIds: $ids) { media { depicted { slug } } } }';
  const depicted = await server.query<{ setMediaDepictions: { media: { depicted: Array<{ slug: string }> } } }>(
    DEPICT,
    { media: mediaId, ids: [gid('Entity', lukashenko.id)] },
    editor,
  );
  expect(depicted.body.data!.setMediaDepictions.media.depicted).toEqual([{ slug: 'alexander-lukashenko' }]);
  const unknownEntity = await server.query(
    DEPICT,
    { media: mediaId, ids: [gid('Entity', '00000000-0000-7000-8000-000000000000')] },
    editor,
  );
  expect({ codes: codes(unknownEntity.body), fields: fields(unknownEntity.body) }).toEqual({
    codes: ['BAD_USER_INPUT'],
    fields: ['entityIds.0'],
  });

  const DETACH =
    'mutation X($article: ID!, $media: ID!) { detachMedia(articleId: $article, mediaId: $media) { article { media { media { url } } } } }';
  const detached = await server.query<{ detachMedia: { article: { media: unknown[] } } }>(
    DETACH,
    { article: article.id, media: mediaId },
    editor,
  );
  expect(detached.body.data!.detachMedia.article.media).toHaveLength(1);
  // The hero photo is shown by block 0: detaching it would leave the block dangling.
  const hero = await database.prisma.media.findFirstOrThrow({
    where: { url: 'https://images.example.org/2023/02/xi-lukashenko-handshake.jpg' },
  });
  const refused = await server.query(DETACH, { article: article.id, media: gid('Media', hero.id) }, editor);
  expect(codes(refused.body)).toEqual(['CONFLICT']);
});
