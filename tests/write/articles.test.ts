// createArticle, updateArticle and the editorial lifecycle over real HTTP against real PostgreSQL.
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { ARTICLE_FIELDS, codes, CREATE_ARTICLE, fields, lukashenkoInput } from './fixtures.ts';
import { refuseInserts } from '../support/fault-injection.ts';

let database: TestDatabase;
let server: TestServer;
let editor: Record<string, string>;
let admin: Record<string, string>;

beforeAll(async () => {
  database = await createTestDatabase();
  server = await startTestServer(database);
  editor = { authorization: await server.bearer('EDITOR', 'news desk') };
  admin = { authorization: await server.bearer('ADMIN', 'managing editor') };
});
afterAll(async () => {
  await server?.stop();
  await database?.drop();
});

type Article = {
  id: string;
  slug: string;
  status: string;
  revision: number;
  entities: Array<{
    role: string | null;
    mentionCount: number;
    entity: { slug: string; name: string; wikidataId: string | null };
    mentions: Array<{ surface: string; startOffset: number; endOffset: number; field: string }>;
  }>;
  quotes: Array<{ id: string; text: string; startOffset: number; endOffset: number; speaker: { slug: string } | null }>;
  media: Array<{ role: string; media: { credit: Record<string, unknown>; depicted: Array<{ slug: string }> } }>;
};

async function create(overrides: Record<string, unknown> = {}) {
  const { body } = await server.query<{ createArticle: { article: Article } }>(
    CREATE_ARTICLE,
    { input: lukashenkoInput(overrides) },
    editor,
  );
  expect(body.errors).toBeUndefined();
  return body.data!.createArticle.article;
}

async function rowCounts() {
  const p = database.prisma;
  const [articles, blocks, entities, mentions, quotes, media, events] = await Promise.all([
    p.article.count(),
    p.articleBlock.count(),
    p.entity.count(),
    p.mention.count(),
    p.quote.count(),
    p.media.count(),
    p.changeEvent.count(),
  ]);
  return { articles, blocks, entities, mentions, quotes, media, events };
}

const UPDATE = `
  mutation Update($id: ID!, $rev: Int!, $input: UpdateArticleInput!, $correction: String) {
    updateArticle(id: $id, expectedRevision: $rev, input: $input, correction: $correction) { article { id headline revision } }
  }
`;

test('createArticle stores the article with its entities, mentions, quotes and credited media, as a draft', async () => {
  const article = await create({ slug: 'lukashenko-visit-create' });
  expect(article).toMatchObject({ slug: 'lukashenko-visit-create', status: 'DRAFT', revision: 1 });
  const xi = article.entities.find((e) => e.entity.slug === 'xi-jinping')!;
  expect(xi).toMatchObject({ role: 'Chinese President', mentionCount: 3, entity: { wikidataId: 'Q15031' } });
  // Offsets left out were found in the text.
  const quote = article.quotes[0];
  expect(quote.speaker?.slug).toBe('hua-chunying');
  expect(quote.startOffset).toBe(1);
  expect(quote.endOffset).toBe(1 + quote.text.length);
  expect(article.media[0]).toMatchObject({
    role: 'HERO',
    media: { credit: { photographer: 'Andrea Verdelli', pool: true, distributor: 'Reuters', isFilePhoto: true } },
  });
  expect(article.media[0].media.depicted.map((d) => d.slug).sort()).toEqual(['alexander-lukashenko', 'xi-jinping']);
});

test('entities are matched to existing ones by Wikidata QID, slug or name + type instead of being duplicated', async () => {
  await create({ slug: 'lukashenko-visit-match-1' });
  const before = await database.prisma.entity.count();
  const article = await create({
    slug: 'lukashenko-visit-match-2',
    entities: lukashenkoInput().entities.map((e) =>
      e.key === 'xi'
        ? { ...e, name: 'Xi Jinping (President of China)' } // same QID, other name
        : e.key === 'hua'
          ? { ...e, name: 'Someone else entirely', slug: 'hua-chunying' } // by slug
          : e,
    ),
  });
  expect(await database.prisma.entity.count()).toBe(before);
  expect(article.entities.map((e) => e.entity.slug)).toEqual(
    expect.arrayContaining(['xi-jinping', 'hua-chunying', 'alexander-lukashenko']),
  );
  // Neither QID nor slug: the name in another case, and a stored alias.
  const byName = await create({
    slug: 'lukashenko-visit-match-3',
    entities: lukashenkoInput().entities.map((e) =>
      e.key === 'putin'
        ? { ...e, wikidataId: undefined, name: 'VLADIMIR PUTIN', slug: 'putin-by-name' }
        : e.key === 'lukashenko'
          ? { ...e, name: 'Lukashenko', aliases: [], slug: 'lukashenko-by-alias' }
          : e,
    ),
  });
  expect(await database.prisma.entity.count()).toBe(before);
  expect(byName.entities.map((e) => e.entity.slug)).toEqual(
    expect.arrayContaining(['vladimir-putin', 'alexander-lukashenko']),
  );
});

test('a createArticle that fails mid-way leaves zero rows behind', async () => {
  const fresh = await createTestDatabase();
  const freshServer = await startTestServer(fresh);
  try {
    // Quotes are written last: the write fails at its very end.
    await refuseInserts(fresh.pool, 'Quote');
    const empty = await (async () => {
      const p = fresh.prisma;
      return Promise.all([
        p.article.count(),
        p.entity.count(),
        p.mention.count(),
        p.media.count(),
        p.changeEvent.count(),
      ]);
    })();
    expect(empty).toEqual([0, 0, 0, 0, 0]);
    const { body } = await freshServer.query(
      CREATE_ARTICLE,
      { input: lukashenkoInput() },
      { authorization: await freshServer.bearer('EDITOR') },
    );
    expect(codes(body)).toEqual(['INTERNAL_SERVER_ERROR']);
    const p = fresh.prisma;
    const after = await Promise.all([
      p.article.count(),
      p.articleBlock.count(),
      p.entity.count(),
      p.mention.count(),
      p.articleEntity.count(),
      p.media.count(),
      p.mediaDepiction.count(),
      p.changeEvent.count(),
    ]);
    expect(after).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
  } finally {
    await freshServer.stop();
    await fresh.drop();
  }
});

test('bad input is BAD_USER_INPUT naming the offending field, and nothing is written', async () => {
  const before = await rowCounts();
  const cases: Array<[Record<string, unknown>, string]> = [
    [{ slug: 'Not A Slug!' }, 'input.slug'],
    [{ headline: '' }, 'input.headline'],
    [{ headline: 'x'.repeat(301) }, 'input.headline'],
    [{ tags: Array.from({ length: 31 }, (_, i) => `tag-${i}`) }, 'input.tags'],
    [{ canonicalUrl: 'not a url' }, 'input.canonicalUrl'],
    [{ quotes: [{ text: 'words nobody said', blockPosition: 3 }] }, 'input.quotes.0.text'],
    [{ quotes: [{ text: 'all-weather', blockPosition: 4, speakerKey: 'nobody' }] }, 'input.quotes.0.speakerKey'],
    [{ mentions: [{ entityKey: 'xi', surface: 'Xi', blockPosition: 99 }] }, 'input.mentions.0.blockPosition'],
    [
      {
        entities: [{ key: 'xi', type: 'PERSON', name: 'Xi Jinping', wikidataId: 'not-a-qid' }],
        mentions: [],
        quotes: [],
        media: [],
        blocks: [{ kind: 'PARAGRAPH', text: 'Xi.' }],
      },
      'input.entities.0.wikidataId',
    ],
  ];
  for (const [overrides, field] of cases) {
    const { status, body } = await server.query(
      CREATE_ARTICLE,
      { input: lukashenkoInput({ slug: 'never-stored', ...overrides }) },
      editor,
    );
    expect({ field, codes: codes(body), fields: fields(body) }).toEqual({
      field,
      codes: ['BAD_USER_INPUT'],
      fields: [field],
    });
    expect(status).toBeLessThan(500);
  }
  expect(await rowCounts()).toEqual(before);
});

test('a slug that is already taken is a CONFLICT naming input.slug, not a 500', async () => {
  await create({ slug: 'taken-slug' });
  const { body } = await server.query(CREATE_ARTICLE, { input: lukashenkoInput({ slug: 'taken-slug' }) }, editor);
  expect(codes(body)).toEqual(['CONFLICT']);
  expect(fields(body)).toEqual(['input.slug']);
});

test('two createArticle with one new slug at the same moment: one stores it, the others get CONFLICT naming input.slug', async () => {
  const results = await Promise.all(
    Array.from({ length: 4 }, () =>
      server.query<{ createArticle: { article: Article } }>(
        CREATE_ARTICLE,
        { input: lukashenkoInput({ slug: 'raced-slug' }) },
        editor,
      ),
    ),
  );
  const stored = results.filter((r) => !r.body.errors);
  expect(stored).toHaveLength(1);
  for (const refused of results.filter((r) => r.body.errors)) {
    expect(codes(refused.body)).toEqual(['CONFLICT']);
    expect(fields(refused.body)).toEqual(['input.slug']);
  }
  expect(await database.prisma.article.count({ where: { slug: 'raced-slug' } })).toBe(1);
});

test('mutations need a key: UNAUTHENTICATED without one, FORBIDDEN for readers, and deleting needs ADMIN', async () => {
  const anonymous = await server.query(CREATE_ARTICLE, { input: lukashenkoInput({ slug: 'anonymous-try' }) });
  expect(codes(anonymous.body)).toEqual(['UNAUTHENTICATED']);
  const reader = await server.query(
    CREATE_ARTICLE,
    { input: lukashenkoInput({ slug: 'reader-try' }) },
    { authorization: await server.bearer('READER') },
  );
  expect(codes(reader.body)).toEqual(['FORBIDDEN']);

  const article = await create({ slug: 'to-be-deleted' });
  const DELETE = 'mutation Delete($id: ID!) { deleteArticle(id: $id) { deletedArticleId revision } }';
  expect(codes((await server.query(DELETE, { id: article.id }, editor)).body)).toEqual(['FORBIDDEN']);
  const deleted = await server.query<{ deleteArticle: { deletedArticleId: string } }>(
    DELETE,
    { id: article.id },
    admin,
  );
  expect(deleted.body.data?.deleteArticle.deletedArticleId).toBe(article.id);
  const gone = await server.query(`query { article(id: "${article.id}") { id } }`, {}, editor);
  expect(gone.body.data).toEqual({ article: null });
  expect(codes((await server.query(DELETE, { id: article.id }, admin)).body)).toEqual(['NOT_FOUND']);
});

test('concurrent updates with the same expected revision: exactly one wins, the other gets CONFLICT with the current revision', async () => {
  const article = await create({ slug: 'contested-story' });
  const headlines = [
    'Lukashenko heads to Beijing',
    'Belarus leader to visit Xi',
    'Lukashenko’s China trip confirmed',
    'Minsk and Beijing set state visit',
  ];
  const results = await Promise.all(
    headlines.map((headline) =>
      server.query<{ updateArticle: { article: { revision: number; headline: string } } }>(
        UPDATE,
        { id: article.id, rev: 1, input: { headline } },
        editor,
      ),
    ),
  );
  const winners = results.filter((r) => !r.body.errors);
  const losers = results.filter((r) => r.body.errors);
  expect(winners).toHaveLength(1);
  expect(winners[0].body.data!.updateArticle.article.revision).toBe(2);
  expect(losers).toHaveLength(headlines.length - 1);
  for (const loser of losers) {
    expect(loser.body.errors![0].extensions).toMatchObject({ code: 'CONFLICT', currentRevision: 2 });
  }
  const stored = await database.prisma.article.findUniqueOrThrow({ where: { slug: 'contested-story' } });
  expect(stored).toMatchObject({ revision: 2, headline: winners[0].body.data!.updateArticle.article.headline });
  expect(await database.prisma.articleRevision.count({ where: { articleId: stored.id } })).toBe(1);
});

test('each update stores a revision (who, when, what) readable as article.revisions, and corrections are public', async () => {
  const article = await create({ slug: 'corrected-story' });
  const first = await server.query(
    UPDATE,
    {
      id: article.id,
      rev: 1,
      input: { headline: 'Belarus President Lukashenko to visit China on Tuesday', section: 'world' },
    },
    editor,
  );
  expect(first.body.errors).toBeUndefined();
  const second = await server.query(
    UPDATE,
    { id: article.id, rev: 2, input: {}, correction: 'An earlier version misstated the date of the visit.' },
    editor,
  );
  expect(second.body.errors).toBeUndefined();
  await server.query(
    'mutation P($id: ID!) { publishArticle(id: $id) { article { status } } }',
    { id: article.id },
    editor,
  );

  const HISTORY = `query H($id: ID!) { article(id: $id) { revision revisions { revision at editor changes { field from to } } corrections { note at } } }`;
  const { body } = await server.query<{
    article: {
      revision: number;
      revisions: Array<{
        revision: number;
        editor: string;
        changes: Array<{ field: string; from: unknown; to: unknown }>;
      }>;
      corrections: Array<{ note: string }>;
    };
  }>(HISTORY, { id: article.id }, editor);
  expect(body.errors).toBeUndefined();
  const history = body.data!.article;
  expect(history.revision).toBe(4);
  expect(history.revisions.map((r) => r.revision)).toEqual([2, 3, 4]);
  expect(history.revisions[0]).toMatchObject({
    editor: 'news desk',
    changes: expect.arrayContaining([
      {
        field: 'headline',
        from: 'Belarus President Lukashenko to visit China next week',
        to: 'Belarus President Lukashenko to visit China on Tuesday',
      },
      { field: 'section', from: 'news', to: 'world' },
    ]),
  });
  expect(history.revisions[2].changes).toContainEqual({ field: 'status', from: 'DRAFT', to: 'PUBLISHED' });
  expect(history.corrections).toEqual([
    { note: 'An earlier version misstated the date of the visit.', at: expect.any(String) },
  ]);

  // Readers see the correction on the published article, but not the editorial history.
  const reader = await server.query<{ article: { corrections: unknown[]; revisions: unknown } }>(HISTORY, {
    id: article.id,
  });
  expect(reader.status).toBe(200);
  expect(reader.body.data?.article.corrections).toHaveLength(1);
  expect(reader.body.data?.article.revisions).toBeNull();
  expect(codes(reader.body)).toEqual(['UNAUTHENTICATED']);
});

test('a stale expectedRevision is refused with CONFLICT and extensions.currentRevision', async () => {
  const article = await create({ slug: 'stale-edit' });
  await server.query(UPDATE, { id: article.id, rev: 1, input: { byline: 'Staff and agencies' } }, editor);
  const stale = await server.query(UPDATE, { id: article.id, rev: 1, input: { byline: 'Reuters' } }, editor);
  expect(stale.body.errors?.[0].extensions).toMatchObject({
    code: 'CONFLICT',
    currentRevision: 2,
    field: 'expectedRevision',
  });
});

test('updating the content replaces blocks, mentions and quotes together and keeps offsets consistent', async () => {
  const article = await create({ slug: 'content-replaced' });
  const input = lukashenkoInput();
  const content = {
    blocks: input.blocks.slice(1, 3),
    entities: input.entities.filter((e) => ['lukashenko', 'putin'].includes(e.key)),
    mentions: [
      { entityKey: 'lukashenko', surface: 'Lukashenko', blockPosition: 1 },
      { entityKey: 'putin', surface: 'Vladimir Putin', blockPosition: 1 },
    ],
    quotes: [],
    media: [],
  };
  const { body } = await server.query<{ updateArticle: { article: { revision: number } } }>(
    UPDATE,
    { id: article.id, rev: 1, input: { content } },
    editor,
  );
  expect(body.errors).toBeUndefined();
  const { body: read } = await server.query<{ article: Article & { blocks: unknown[] } }>(
    `query { article(slug: "content-replaced") { ${ARTICLE_FIELDS} } }`,
    {},
    editor,
  );
  expect(read.data!.article.blocks).toHaveLength(2);
  expect(read.data!.article.quotes).toEqual([]);
  expect(read.data!.article.entities.map((e) => e.entity.slug).sort()).toEqual([
    'alexander-lukashenko',
    'vladimir-putin',
  ]);
});

test('publish, unpublish and withdraw move the article through its states; withdrawing needs a reason and a published article', async () => {
  const article = await create({ slug: 'lifecycle-story' });
  const STATUS = `mutation S($id: ID!) { publishArticle(id: $id) { article { status revision publishedAt } } }`;
  const published = await server.query<{
    publishArticle: { article: { status: string; publishedAt: string | null; revision: number } };
  }>(STATUS, { id: article.id }, editor);
  expect(published.body.data!.publishArticle.article).toMatchObject({ status: 'PUBLISHED', revision: 2 });
  expect(published.body.data!.publishArticle.article.publishedAt).not.toBeNull();
  // Publishing again changes nothing.
  const again = await server.query<{ publishArticle: { article: { revision: number } } }>(
    STATUS,
    { id: article.id },
    editor,
  );
  expect(again.body.data!.publishArticle.article.revision).toBe(2);

  const WITHDRAW = `mutation W($id: ID!, $reason: String!) { withdrawArticle(id: $id, reason: $reason) { article { status withdrawnReason } } }`;
  expect(fields((await server.query(WITHDRAW, { id: article.id, reason: '  ' }, editor)).body)).toEqual(['reason']);
  const withdrawn = await server.query<{ withdrawArticle: { article: { status: string; withdrawnReason: string } } }>(
    WITHDRAW,
    { id: article.id, reason: 'The visit was postponed; the report was premature.' },
    editor,
  );
  expect(withdrawn.body.data!.withdrawArticle.article).toEqual({
    status: 'WITHDRAWN',
    withdrawnReason: 'The visit was postponed; the report was premature.',
  });

  const UNPUBLISH = `mutation U($id: ID!) { unpublishArticle(id: $id) { article { status } } }`;
  const draft = await server.query<{ unpublishArticle: { article: { status: string } } }>(
    UNPUBLISH,
    { id: article.id },
    editor,
  );
  expect(draft.body.data!.unpublishArticle.article.status).toBe('DRAFT');
  expect(
    codes((await server.query(WITHDRAW, { id: article.id, reason: 'Drafts cannot be withdrawn.' }, editor)).body),
  ).toEqual(['CONFLICT']);

  const stored = await database.prisma.article.findUniqueOrThrow({ where: { slug: 'lifecycle-story' } });
  const kinds = (
    await database.prisma.changeEvent.findMany({ where: { articleId: stored.id }, orderBy: { id: 'asc' } })
  ).map((e) => e.kind);
  expect(kinds).toEqual(['CREATED', 'PUBLISHED', 'WITHDRAWN', 'UNPUBLISHED']);
});

test('an unknown article ID is NOT_FOUND and a malformed one BAD_USER_INPUT', async () => {
  const missing = Buffer.from('Article:00000000-0000-7000-8000-000000000000').toString('base64url');
  expect(
    codes((await server.query(UPDATE, { id: missing, rev: 1, input: { headline: 'Nothing here' } }, editor)).body),
  ).toEqual(['NOT_FOUND']);
  expect(
    codes((await server.query(UPDATE, { id: 'garbage', rev: 1, input: { headline: 'Nothing here' } }, editor)).body),
  ).toEqual(['BAD_USER_INPUT']);
});
