// Rich text survives the revision machinery: a staged edit's marks are what readers see once it is published, and
// restoring an earlier revision brings its marks back (the content functions copy every block column).
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { CREATE_ARTICLE, lukashenkoInput } from './fixtures.ts';

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

type Mark = { kind: string; start: number; end: number; href: string | null };
type Shown = { revision: number; blocks: Array<{ text: string; marks: Mark[] }> };
const SHOWN = 'revision blocks { text marks { kind start end href } }';

async function send<T>(document: string, variables: Record<string, unknown>, headers = editor): Promise<T> {
  const { body } = await server.query<T>(document, variables, headers);
  expect(body.errors).toBeUndefined();
  return body.data!;
}

/** The sample story's blocks with `marks` on its second block, as an editor sends them. */
function blocksMarked(marks: (text: string) => Mark[]) {
  return (lukashenkoInput().blocks as Array<Record<string, unknown>>).map((block, i) =>
    i === 1 ? { ...block, marks: marks(block.text as string) } : block,
  );
}

const word =
  (kind: string, href: string | null = null) =>
  (text: string) => {
    const start = text.indexOf('Lukashenko');
    return [{ kind, start, end: start + 'Lukashenko'.length, href }];
  };

async function readerMarks(id: string): Promise<Mark[]> {
  const { article } = await send<{ article: Shown }>(`query($id: ID!) { article(id: $id) { ${SHOWN} } }`, { id }, {});
  return article.blocks[1]!.marks;
}

test('a staged edit of the marks reaches readers on publishRevision, and restoreRevision brings the old marks back', async () => {
  const base = lukashenkoInput({ slug: 'staged-marks', publish: true });
  const created = await send<{ createArticle: { article: { id: string } & Shown } }>(CREATE_ARTICLE, {
    input: { ...base, blocks: blocksMarked(word('EMPHASIS')) },
  });
  const id = created.createArticle.article.id;
  const original = await readerMarks(id);
  expect(original.map((m) => m.kind)).toEqual(['EMPHASIS']);

  const { entities, mentions, quotes, media } = lukashenkoInput();
  const staged = await send<{ updateArticle: { article: Shown } }>(
    `mutation($id: ID!, $rev: Int!, $input: UpdateArticleInput!) {
      updateArticle(id: $id, expectedRevision: $rev, input: $input, stage: true) { article { ${SHOWN} } } }`,
    {
      id,
      rev: 1,
      input: {
        content: {
          blocks: blocksMarked(word('LINK', 'https://example.org/lukashenko')),
          entities,
          mentions,
          quotes,
          media,
        },
      },
    },
  );
  // Readers still see the published marks while the edit waits.
  expect(await readerMarks(id)).toEqual(original);

  // The payload is the article as readers see it, at the staged revision's number.
  const stagedRevision = staged.updateArticle.article.revision;
  const published = await send<{ publishRevision: { article: Shown } }>(
    `mutation($id: ID!, $rev: Int!) { publishRevision(articleId: $id, revision: $rev) { article { ${SHOWN} } } }`,
    { id, rev: stagedRevision },
  );
  expect(await readerMarks(id)).toEqual([
    expect.objectContaining({ kind: 'LINK', href: 'https://example.org/lukashenko' }),
  ]);

  await send(
    `mutation($id: ID!, $rev: Int!, $expected: Int!) {
      restoreRevision(articleId: $id, revision: $rev, expectedRevision: $expected) { article { revision } } }`,
    { id, rev: 1, expected: published.publishRevision.article.revision },
  );
  expect(await readerMarks(id)).toEqual(original);
});
