// Staged edits and restores over real HTTP: a staged edit of a published story waits, unseen by readers, until it is
// published; a preview shows it; an earlier revision comes back as a new one; stale revisions are CONFLICTs.
import { readFileSync } from 'node:fs';

import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { codes, CREATE_ARTICLE, fields, lukashenkoInput } from './fixtures.ts';

let database: TestDatabase;
let server: TestServer;
let editor: Record<string, string>;

beforeAll(async () => {
  database = await createTestDatabase();
  server = await startTestServer(database);
  editor = { authorization: await server.bearer('EDITOR', 'news desk') };
});
afterAll(async () => {
  await server?.stop();
  await database?.drop();
});

const HEADLINE = 'Belarus President Lukashenko to visit China next week';
const STAGED_HEADLINE = 'Lukashenko arrives in China for a state visit';
const ARRIVAL = 'Lukashenko arrived in Beijing on Tuesday, the Belarusian state news agency Belta said.';

type Shown = { headline: string; revision: number; blocks: Array<{ text: string }>; quotes: Array<{ text: string }> };
const SHOWN = 'headline revision blocks { text } quotes { text }';
const ARTICLE = `query($id: ID!) { article(id: $id) { ${SHOWN} } }`;
const UPDATE = `mutation($id: ID!, $rev: Int!, $input: UpdateArticleInput!, $stage: Boolean) {
  updateArticle(id: $id, expectedRevision: $rev, input: $input, stage: $stage) { article { ${SHOWN} } } }`;
const PUBLISH = `mutation($id: ID!, $rev: Int!) { publishRevision(articleId: $id, revision: $rev) { article { ${SHOWN} } } }`;
const DISCARD = `mutation($id: ID!, $rev: Int!) { discardStagedRevision(articleId: $id, revision: $rev) { article { ${SHOWN} } } }`;
const RESTORE = `mutation($id: ID!, $rev: Int!, $expected: Int!) {
  restoreRevision(articleId: $id, revision: $rev, expectedRevision: $expected) { article { ${SHOWN} } } }`;

const uuidOf = (globalId: string) => Buffer.from(globalId, 'base64url').toString('utf8').split(':')[1];

/** The story with an arrival paragraph added and the partial quote dropped: a new body, as an editor would send it. */
function arrivalInput() {
  const { blocks, entities, mentions, quotes, media } = lukashenkoInput();
  return {
    headline: STAGED_HEADLINE,
    content: {
      blocks: [...blocks, { kind: 'PARAGRAPH', text: ARRIVAL }],
      entities,
      mentions,
      quotes: quotes.slice(0, 1),
      media,
    },
  };
}

async function createPublished(slug: string): Promise<string> {
  const { body } = await server.query<{ createArticle: { article: { id: string } } }>(
    CREATE_ARTICLE,
    { input: lukashenkoInput({ slug, publish: true }) },
    editor,
  );
  expect(body.errors).toBeUndefined();
  return body.data!.createArticle.article.id;
}

async function send<T = Record<string, { article: Shown }>>(
  document: string,
  variables: Record<string, unknown>,
  headers: Record<string, string> = editor,
) {
  return (await server.query<T>(document, variables, headers)).body;
}

async function readerSees(id: string): Promise<Shown> {
  const body = await send<{ article: Shown }>(ARTICLE, { id }, {});
  expect(body.errors).toBeUndefined();
  return body.data!.article;
}

async function stage(id: string, rev: number, input: Record<string, unknown> = arrivalInput()) {
  const body = await send(UPDATE, { id, rev, input, stage: true });
  expect(body.errors).toBeUndefined();
  return body.data!.updateArticle.article;
}

test('a staged edit is invisible to readers until publishRevision; a preview token and an editor see it', async () => {
  const id = await createPublished('staged-then-published');
  const COUNTS = `{ articles { totalCount } quotes(first: 100) { totalCount } search(query: "Beijing arrived") { totalCount } }`;
  const countsBefore = await send(COUNTS, {}, editor);
  const staged = await stage(id, 1);
  // The staged copy is no article of its own to editors either: not listed, its quotes not counted, not searched.
  expect(await send(COUNTS, {}, editor)).toEqual(countsBefore);
  // The payload is the article as readers see it, at the staged revision's number.
  expect([staged.headline, staged.revision]).toEqual([HEADLINE, 2]);
  const reader = await readerSees(id);
  expect([reader.headline, reader.blocks.length, reader.quotes.length]).toEqual([HEADLINE, 5, 2]);
  const listed = await send<{ articles: { edges: Array<{ node: { headline: string } }> } }>(
    '{ articles(first: 50) { edges { node { headline } } } }',
    {},
    editor,
  );
  expect(listed.data!.articles.edges.map((e) => e.node.headline)).not.toContain(STAGED_HEADLINE);

  const { token } = (
    await send<{ createPreviewToken: { token: string } }>(
      'mutation($id: ID!) { createPreviewToken(articleId: $id, expiresIn: 600) { token } }',
      { id },
    )
  ).data!.createPreviewToken;
  const preview = `{ preview { ${SHOWN} slug status publishedAt } articles(first: 50) { edges { node { id headline } } } }`;
  const previewAnswer = (
    await send<{
      preview: Shown & { slug: string; status: string; publishedAt: string };
      articles: { edges: Array<{ node: { id: string; headline: string } }> };
    }>(preview, {}, { authorization: `Preview ${token}` })
  ).data!;
  const previewed = previewAnswer.preview;
  const { article: dated } = (
    await send<{ article: { publishedAt: string } }>('query($id: ID!) { article(id: $id) { publishedAt } }', { id }, {})
  ).data!;
  expect(previewed.publishedAt).toBe(dated.publishedAt);
  // Lists under the token hold the story once, as published: the staged copy is no article of its own.
  const listedUnderToken = previewAnswer.articles.edges.map((e) => e.node);
  expect(listedUnderToken.filter((node) => node.id === id)).toEqual([{ id, headline: HEADLINE }]);
  expect(listedUnderToken.map((node) => node.headline)).not.toContain(STAGED_HEADLINE);
  expect(previewed).toMatchObject({
    headline: STAGED_HEADLINE,
    revision: 2,
    slug: 'staged-then-published',
    status: 'PUBLISHED',
  });
  expect(previewed.blocks.at(-1)!.text).toBe(ARRIVAL);
  expect(previewed.quotes).toHaveLength(1);
  const byEditor = await send<{ preview: Shown }>('query($id: ID) { preview(id: $id) { headline } }', { id });
  expect(byEditor.data!.preview.headline).toBe(STAGED_HEADLINE);

  const STAGED_REVISION = 'query($id: ID!) { article(id: $id) { stagedRevision } }';
  expect((await send(STAGED_REVISION, { id })).data).toEqual({ article: { stagedRevision: 2 } });
  expect((await send(STAGED_REVISION, { id }, {})).data).toEqual({ article: { stagedRevision: null } });

  // A second staged edit builds on the first.
  const again = await stage(id, 2, { standfirst: 'Lukashenko is in Beijing until March 2.' });
  expect(again.revision).toBe(3);
  expect((await readerSees(id)).headline).toBe(HEADLINE);

  const published = await send(PUBLISH, { id, rev: 3 });
  expect(published.errors).toBeUndefined();
  expect(published.data!.publishRevision.article).toMatchObject({ headline: STAGED_HEADLINE, revision: 4 });
  const after = await readerSees(id);
  expect([after.headline, after.blocks.at(-1)!.text, after.quotes.length]).toEqual([STAGED_HEADLINE, ARRIVAL, 1]);
  const revisions = await send<{
    article: { revisions: Array<{ revision: number; staged: boolean; changes: Array<{ field: string }> }> };
  }>('query($id: ID!) { article(id: $id) { revisions { revision staged changes { field } } } }', { id });
  expect(
    revisions.data!.article.revisions.map((r) => [r.revision, r.staged, r.changes.map((c) => c.field).join()]),
  ).toEqual([
    [2, true, 'headline,bodyText,content'],
    [3, true, 'standfirst'],
    [4, false, 'publishedRevision'],
  ]);
  expect((await send(STAGED_REVISION, { id })).data).toEqual({ article: { stagedRevision: null } });
  // The staged copy is gone with the publication.
  expect(await database.prisma.article.count({ where: { stagedFor: { not: null } } })).toBe(0);
});

test('discardStagedRevision drops the staged edit: readers and previews keep the published story', async () => {
  const id = await createPublished('staged-then-discarded');
  await stage(id, 1);
  const discarded = await send(DISCARD, { id, rev: 2 });
  expect(discarded.errors).toBeUndefined();
  expect(discarded.data!.discardStagedRevision.article).toMatchObject({ headline: HEADLINE, revision: 3 });
  const editorPreview = await send<{ preview: Shown }>('query($id: ID) { preview(id: $id) { headline } }', { id });
  expect(editorPreview.data!.preview.headline).toBe(HEADLINE);
  expect((await readerSees(id)).headline).toBe(HEADLINE);
  // With nothing staged any more, the article takes direct edits again.
  const direct = await send(UPDATE, { id, rev: 3, input: { headline: STAGED_HEADLINE } });
  expect(direct.errors).toBeUndefined();
});

test('restoreRevision brings back an earlier version as a new revision; the history stays', async () => {
  const id = await createPublished('restored-story');
  const edited = await send(UPDATE, { id, rev: 1, input: arrivalInput() });
  expect(edited.data!.updateArticle.article.revision).toBe(2);
  const restored = await send(RESTORE, { id, rev: 1, expected: 2 });
  expect(restored.errors).toBeUndefined();
  const original = restored.data!.restoreRevision.article;
  expect([original.headline, original.revision, original.blocks.length, original.quotes.length]).toEqual([
    HEADLINE,
    3,
    5,
    2,
  ]);
  expect(await readerSees(id)).toEqual(original);
  // Restoring is itself a revision: the edit comes back from revision 2.
  const forward = await send(RESTORE, { id, rev: 2, expected: 3 });
  expect(forward.data!.restoreRevision.article).toMatchObject({ headline: STAGED_HEADLINE, revision: 4 });
  expect((await readerSees(id)).blocks.at(-1)!.text).toBe(ARRIVAL);
  const history = await send<{
    article: { revisions: Array<{ revision: number; changes: Array<{ field: string; to: unknown }> }> };
  }>('query($id: ID!) { article(id: $id) { revisions { revision changes { field to } } } }', { id });
  expect(history.data!.article.revisions.map((r) => [r.revision, r.changes.at(-1)])).toEqual([
    [2, { field: 'content', to: { blocks: 6, mentions: 9, quotes: 1, media: 1, entities: 5 } }],
    [3, { field: 'restoredRevision', to: 1 }],
    [4, { field: 'restoredRevision', to: 2 }],
  ]);
  // Entities and speakers survive the round trip: the restored quote is still Hua Chunying's.
  const speaker = await send<{ article: { quotes: Array<{ speaker: { name: string } | null }> } }>(
    'query($id: ID!) { article(id: $id) { quotes { speaker { name } } } }',
    { id },
    {},
  );
  expect(speaker.data!.article.quotes[0].speaker?.name).toBe('Hua Chunying');
});

test('a story replaced by ingest can be brought back', async () => {
  const id = await createPublished('replaced-by-ingest');
  const ingested = await send<{ ingestArticle: { article: { revision: number; headline: string } } }>(
    'mutation($text: String!) { ingestArticle(text: $text, metadata: { slug: "replaced-by-ingest" }, publish: true) { article { revision headline } } }',
    { text: readFileSync(new URL('../../seed/lukashenko-china-visit.txt', import.meta.url), 'utf8') },
  );
  expect(ingested.errors).toBeUndefined();
  const { revision } = ingested.data!.ingestArticle.article;
  expect((await readerSees(id)).blocks.length).not.toBe(5);
  const restored = await send(RESTORE, { id, rev: revision - 1, expected: revision });
  expect(restored.errors).toBeUndefined();
  const back = await readerSees(id);
  expect([back.headline, back.blocks.length, back.quotes.length]).toEqual([HEADLINE, 5, 2]);
});

test('stale revisions are CONFLICTs, as updateArticle has them', async () => {
  const id = await createPublished('staged-conflicts');
  const staleStage = await send(UPDATE, { id, rev: 7, input: { headline: STAGED_HEADLINE }, stage: true });
  expect([codes(staleStage), staleStage.errors?.[0].extensions?.currentRevision]).toEqual([['CONFLICT'], 1]);
  await stage(id, 1);
  const direct = await send(UPDATE, { id, rev: 2, input: { headline: 'A direct edit' } });
  expect([codes(direct), fields(direct), direct.errors?.[0].extensions?.stagedRevision]).toEqual([
    ['CONFLICT'],
    ['stage'],
    2,
  ]);
  const wrongRevision = await send(PUBLISH, { id, rev: 1 });
  expect([codes(wrongRevision), wrongRevision.errors?.[0].extensions?.stagedRevision]).toEqual([['CONFLICT'], 2]);
  const restoreWhileStaged = await send(RESTORE, { id, rev: 1, expected: 2 });
  expect(codes(restoreWhileStaged)).toEqual(['CONFLICT']);
  const staleRestore = await send(RESTORE, { id, rev: 1, expected: 1 });
  expect([codes(staleRestore), fields(staleRestore)]).toEqual([['CONFLICT'], ['expectedRevision']]);

  // A change to the published article that did not go through the staged copy (a quote edit) blocks publishing it.
  const quote = await database.prisma.quote.findFirstOrThrow({ where: { articleId: uuidOf(id) } });
  const editQuote = await send(
    'mutation($id: ID!) { editQuote(id: $id, input: { speakerLabel: "the ministry spokesperson" }) { quote { id } } }',
    { id: Buffer.from(`Quote:${quote.id}`).toString('base64url') },
  );
  expect(editQuote.errors).toBeUndefined();
  const afterQuoteEdit = await send(PUBLISH, { id, rev: 2 });
  expect(codes(afterQuoteEdit)).toEqual(['CONFLICT']);
  expect((await readerSees(id)).headline).toBe(HEADLINE);
  const discarded = await send(DISCARD, { id, rev: 2 });
  expect(discarded.errors).toBeUndefined();
  const again = await send(PUBLISH, { id, rev: 2 });
  expect(codes(again)).toEqual(['CONFLICT']);
});

test('bad input is BAD_USER_INPUT naming the argument; a revision without kept content is not restored', async () => {
  const id = await createPublished('staged-bad-input');
  const badSlug = await send(UPDATE, { id, rev: 1, input: { slug: 'elsewhere' }, stage: true });
  expect([codes(badSlug), fields(badSlug)]).toEqual([['BAD_USER_INPUT'], ['input.slug']]);
  const withCorrection = await send(
    'mutation($id: ID!) { updateArticle(id: $id, expectedRevision: 1, input: {}, correction: "Fixed.", stage: true) { article { id } } }',
    { id },
  );
  expect(codes(withCorrection)).toEqual(['BAD_USER_INPUT']);
  const zero = await send(RESTORE, { id, rev: 0, expected: 1 });
  expect([codes(zero), zero.errors?.[0].extensions?.argumentName]).toEqual([['BAD_USER_INPUT'], 'revision']);
  const current = await send(RESTORE, { id, rev: 1, expected: 1 });
  expect(codes(current)).toEqual(['BAD_USER_INPUT']);
  const badId = await send(PUBLISH, { id: 'nope', rev: 2 });
  expect([codes(badId), badId.errors?.[0].extensions?.argumentName]).toEqual([['BAD_USER_INPUT'], 'articleId']);

  // Revisions written before content was kept have only their field-level changes.
  const edited = await send(UPDATE, { id, rev: 1, input: { headline: STAGED_HEADLINE } });
  expect(edited.errors).toBeUndefined();
  await database.prisma.articleSnapshot.deleteMany({});
  const unkept = await send(RESTORE, { id, rev: 1, expected: 2 });
  expect([codes(unkept), unkept.errors?.[0].extensions?.argumentName]).toEqual([['BAD_USER_INPUT'], 'revision']);
  expect(unkept.errors?.[0].message).toMatch(/cannot be restored/);

  // Drafts are edited directly: staging is for what readers already see.
  const draft = await send<{ createArticle: { article: { id: string } } }>(CREATE_ARTICLE, {
    input: lukashenkoInput({ slug: 'staged-draft' }),
  });
  const draftId = draft.data!.createArticle.article.id;
  const stagedDraft = await send(UPDATE, { id: draftId, rev: 1, input: { headline: STAGED_HEADLINE }, stage: true });
  expect([codes(stagedDraft), fields(stagedDraft)]).toEqual([['CONFLICT'], ['stage']]);
});
