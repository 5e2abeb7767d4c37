// Rich text over real HTTP against real PostgreSQL: marks in the offset space of mentions and quotes, the block kinds
// beyond paragraphs, their sanitised HTML, the input they refuse, links kept by ingest, and revisions of marks.
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { codes, fields, lukashenkoInput } from './fixtures.ts';

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

const BLOCK_FIELDS = `
  position kind text html
  marks { kind start end href }
  embed { provider url title html }
  list { ordered items { text start end } }
  table { headerRows rows { cells { text start end } } }
  linkedArticle { slug headline }
`;

const CREATE = `
  mutation Create($input: CreateArticleInput!) {
    createArticle(input: $input) {
      article {
        id slug revision
        blocks { ${BLOCK_FIELDS} }
        entities { entity { slug } mentions { surface blockPosition startOffset endOffset } }
        quotes { text blockPosition startOffset endOffset }
      }
    }
  }
`;

const READ = `query Read($slug: String!) { article(slug: $slug) { slug blocks { ${BLOCK_FIELDS} } } }`;

type Mark = { kind: string; start: number; end: number; href: string | null };
type Block = {
  position: number;
  kind: string;
  text: string;
  html: string;
  marks: Mark[];
  embed: { provider: string; url: string; title: string | null; html: string | null } | null;
  list: { ordered: boolean; items: Array<{ text: string; start: number; end: number }> } | null;
  table: { headerRows: number; rows: Array<{ cells: Array<{ text: string; start: number; end: number }> }> } | null;
  linkedArticle: { slug: string; headline: string } | null;
};
type Created = {
  id: string;
  slug: string;
  revision: number;
  blocks: Block[];
  entities: Array<{
    entity: { slug: string };
    mentions: Array<{ surface: string; blockPosition: number | null; startOffset: number; endOffset: number }>;
  }>;
  quotes: Array<{ text: string; blockPosition: number; startOffset: number; endOffset: number }>;
};

/** The sample story with a flag (two code points, four UTF-16 units) opening block 1, so offset spaces differ. */
const FLAGGED = '🇧🇾 Belarusian President Alexander Lukashenko will visit China on February 28 for a state visit.';

function input(slug: string, extraBlocks: unknown[] = [], blockOverrides: Record<number, object> = {}) {
  const base = lukashenkoInput({ slug });
  const blocks = (base.blocks as Array<Record<string, unknown>>).map((block, i) => ({
    ...block,
    ...(i === 1 ? { text: FLAGGED } : {}),
    ...blockOverrides[i],
  }));
  return { ...base, blocks: [...blocks, ...extraBlocks] };
}

async function create(variables: Record<string, unknown>) {
  return server.query<{ createArticle: { article: Created } }>(CREATE, variables, editor);
}

async function created(variables: Record<string, unknown>): Promise<Created> {
  const { body } = await create(variables);
  expect(body.errors).toBeUndefined();
  return body.data!.createArticle.article;
}

const at = (text: string, words: string) => ({ start: text.indexOf(words), end: text.indexOf(words) + words.length });

test('marks round-trip and index the block text exactly as mentions and quotes do (UTF-16 code units)', async () => {
  const name = at(FLAGGED, 'Alexander Lukashenko');
  const quoteText = lukashenkoInput().blocks[3]!.text as string;
  const hua = at(quoteText, 'Hua Chunying');
  const article = await created({
    input: input('marks-round-trip', [], {
      1: {
        marks: [
          { kind: 'LINK', ...name, href: 'https://en.wikipedia.org/wiki/Alexander_Lukashenko' },
          { kind: 'STRONG', ...name },
          { kind: 'EMPHASIS', ...at(FLAGGED, 'state visit') },
        ],
      },
      3: { marks: [{ kind: 'EMPHASIS', ...hua }] },
    }),
  });
  const block = article.blocks[1]!;
  expect(block.marks.map((m) => [m.kind, block.text.slice(m.start, m.end), m.href])).toEqual([
    ['LINK', 'Alexander Lukashenko', 'https://en.wikipedia.org/wiki/Alexander_Lukashenko'],
    ['STRONG', 'Alexander Lukashenko', null],
    ['EMPHASIS', 'state visit', null],
  ]);
  // JavaScript's indices, not code points: the flag counts 4.
  expect(name.start).toBe(4 + ' Belarusian President '.length);
  const mention = article.entities
    .find((e) => e.entity.slug === 'alexander-lukashenko')!
    .mentions.find((m) => m.blockPosition === 1)!;
  expect([mention.startOffset, mention.endOffset]).toEqual([name.start, name.end]);
  const huaMention = article.entities.find((e) => e.entity.slug === 'hua-chunying')!.mentions[0]!;
  expect([huaMention.startOffset, huaMention.endOffset]).toEqual([hua.start, hua.end]);
  const quote = article.quotes.find((q) => q.blockPosition === 3)!;
  expect(quoteText.slice(quote.startOffset, quote.endOffset)).toBe(quote.text);
  expect(block.html).toBe(
    '<p>🇧🇾 Belarusian President <a href="https://en.wikipedia.org/wiki/Alexander_Lukashenko"><strong>Alexander Lukashenko</strong></a>' +
      ' will visit China on February 28 for a <em>state visit</em>.</p>',
  );
  // Blocks without marks read as an empty list.
  expect(article.blocks[2]!.marks).toEqual([]);
});

test('embeds, lists, tables and article links are stored and read back, with their HTML sanitised', async () => {
  const target = await created({ input: { ...input('link-target'), publish: true } });
  const article = await created({
    input: input('block-kinds', [
      {
        kind: 'EMBED',
        text: 'The ministry’s statement <script>alert(1)</script>',
        embed: {
          provider: 'x',
          url: 'https://x.com/MFA_China/status/1628990000000000000',
          title: 'Statement',
          html: '<blockquote class="twitter-tweet"><p onclick="steal()">Visit confirmed <a href="javascript:alert(1)">link</a> <img src="https://pbs.twimg.com/x.jpg" onerror="alert(1)"></p></blockquote><script src="https://platform.twitter.com/widgets.js"></script><iframe src="https://evil.example"></iframe>',
        },
      },
      {
        kind: 'LIST',
        list: { ordered: true, items: ['Visit on February 28', 'Talks with Xi Jinping'] },
        marks: [
          {
            kind: 'STRONG',
            start: 'Visit on February 28\nTalks with '.length,
            end: 'Visit on February 28\nTalks with Xi Jinping'.length,
          },
        ],
      },
      {
        kind: 'TABLE',
        table: {
          headerRows: 1,
          rows: [
            ['Date', 'Event'],
            ['February 28', 'State visit <b>begins</b>'],
          ],
        },
      },
      { kind: 'ARTICLE_LINK', text: 'Earlier: the visit announced', article: { slug: target.slug } },
    ]),
  });
  const [embed, list, table, link] = article.blocks.slice(5);
  expect(embed).toMatchObject({ kind: 'EMBED', embed: { provider: 'X', title: 'Statement' } });
  for (const html of [embed!.embed!.html!, embed!.html]) {
    expect(html).not.toMatch(/<script|onerror|onclick|javascript:|<iframe/i);
  }
  expect(embed!.embed!.html).toContain('<img src="https://pbs.twimg.com/x.jpg" />');
  expect(embed!.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  expect(list!.text).toBe('Visit on February 28\nTalks with Xi Jinping');
  expect(list!.list).toEqual({
    ordered: true,
    items: [
      { text: 'Visit on February 28', start: 0, end: 20 },
      { text: 'Talks with Xi Jinping', start: 21, end: 42 },
    ],
  });
  expect(list!.html).toBe('<ol><li>Visit on February 28</li><li>Talks with <strong>Xi Jinping</strong></li></ol>');
  expect(table!.table!.rows[1]!.cells.map((c) => table!.text.slice(c.start, c.end))).toEqual([
    'February 28',
    'State visit <b>begins</b>',
  ]);
  expect(table!.html).toBe(
    '<table><thead><tr><th>Date</th><th>Event</th></tr></thead><tbody><tr><td>February 28</td><td>State visit &lt;b&gt;begins&lt;/b&gt;</td></tr></tbody></table>',
  );
  expect(link!.linkedArticle).toMatchObject({ slug: 'link-target' });
  // The label only: the HTML never shows another article, whose visibility may change under a cached answer.
  expect(link!.html).toBe('<aside><p>Earlier: the visit announced</p></aside>');
});

test('an article link shows readers only an article they may see', async () => {
  const draft = await created({ input: input('embargoed-draft') });
  await created({
    input: { ...input('links-to-draft', [{ kind: 'ARTICLE_LINK', article: { id: draft.id } }]), publish: true },
  });
  const anonymous = await server.query<{ article: { blocks: Block[] } }>(READ, { slug: 'links-to-draft' });
  const block = anonymous.body.data!.article.blocks[5]!;
  expect(block).toMatchObject({ kind: 'ARTICLE_LINK', linkedArticle: null, html: '' });
  const asEditor = await server.query<{ article: { blocks: Block[] } }>(READ, { slug: 'links-to-draft' }, editor);
  expect(asEditor.body.data!.article.blocks[5]).toMatchObject({ linkedArticle: { slug: 'embargoed-draft' }, html: '' });
});

test.each([
  [
    'overlapping marks of one kind',
    {
      1: {
        marks: [
          { kind: 'STRONG', start: 0, end: 20 },
          { kind: 'STRONG', start: 10, end: 30 },
        ],
      },
    },
    'input.blocks.1.marks.1.start',
  ],
  [
    'a mark past the end of the text',
    { 2: { marks: [{ kind: 'EMPHASIS', start: 5, end: 5000 }] } },
    'input.blocks.2.marks.0.end',
  ],
  [
    'a javascript: link',
    { 1: { marks: [{ kind: 'LINK', start: 0, end: 4, href: 'javascript:alert(document.cookie)' }] } },
    'input.blocks.1.marks.0.href',
  ],
  [
    'a data: link hidden by a tab',
    { 1: { marks: [{ kind: 'LINK', start: 0, end: 4, href: 'da\tta:text/html,<script>alert(1)</script>' }] } },
    'input.blocks.1.marks.0.href',
  ],
  ['a link without href', { 1: { marks: [{ kind: 'LINK', start: 0, end: 4 }] } }, 'input.blocks.1.marks.0.href'],
  ['a mark splitting the flag', { 1: { marks: [{ kind: 'CODE', start: 1, end: 3 }] } }, 'input.blocks.1.marks.0.start'],
])('%s is refused with BAD_USER_INPUT naming the path', async (_, overrides, field) => {
  const { body } = await create({ input: input(`refused-${field.replace(/\W/g, '-')}`, [], overrides) });
  expect(codes(body)).toEqual(['BAD_USER_INPUT']);
  expect(fields(body)).toEqual([field]);
});

test.each([
  [
    'an unknown embed provider',
    { kind: 'EMBED', embed: { provider: 'myspace', url: 'https://myspace.com/x' } },
    'input.blocks.5.embed.provider',
  ],
  [
    'an embed off its provider',
    { kind: 'EMBED', embed: { provider: 'YOUTUBE', url: 'https://vimeo.com/1' } },
    'input.blocks.5.embed.url',
  ],
  [
    'an embed on no allowed host',
    { kind: 'EMBED', embed: { url: 'https://evil.example/embed' } },
    'input.blocks.5.embed.url',
  ],
  [
    'an embed over plain http',
    { kind: 'EMBED', embed: { url: 'http://youtube.com/watch?v=1' } },
    'input.blocks.5.embed.url',
  ],
  ['a list with its own text', { kind: 'LIST', text: 'a', list: { items: ['a'] } }, 'input.blocks.5.text'],
  ['a list item over two lines', { kind: 'LIST', list: { items: ['a\nb'] } }, 'input.blocks.5.list.items.0'],
  [
    'a table too wide',
    { kind: 'TABLE', table: { rows: [Array.from({ length: 21 }, (_, i) => `c${i}`)] } },
    'input.blocks.5.table.rows.0',
  ],
  ['a table cell with a tab', { kind: 'TABLE', table: { rows: [['a\tb']] } }, 'input.blocks.5.table.rows.0.0'],
  ['an EMBED block without embed', { kind: 'EMBED', text: 'x' }, 'input.blocks.5.embed'],
  ['list fields on a paragraph', { kind: 'PARAGRAPH', text: 'x', list: { items: ['x'] } }, 'input.blocks.5.list'],
  [
    'a link to no article',
    { kind: 'ARTICLE_LINK', article: { slug: 'no-such-article' } },
    'input.blocks.5.article.slug',
  ],
  [
    'a link by a non-article ID',
    { kind: 'ARTICLE_LINK', article: { id: 'bm90LWFuLWlk' } },
    'input.blocks.5.article.id',
  ],
])('%s is refused with BAD_USER_INPUT naming the path', async (_, block, field) => {
  const { body } = await create({ input: input(`refused-block-${field.replace(/\W/g, '-')}`, [block]) });
  expect(codes(body)).toEqual(['BAD_USER_INPUT']);
  expect(fields(body)).toEqual([field]);
  expect(await database.prisma.article.count({ where: { slug: { startsWith: 'refused-block' } } })).toBe(0);
});

test('a content update that changes only marks makes a revision recording the marks before and after', async () => {
  const article = await created({ input: input('marks-revision') });
  const emphasis = { kind: 'EMPHASIS', ...at(FLAGGED, 'state visit') };
  const content = (marks: unknown[]) => {
    const { blocks, entities, mentions, quotes, media } = input('marks-revision', [], { 1: { marks } });
    return { blocks, entities, mentions, quotes, media };
  };
  const { body } = await server.query<{ updateArticle: { article: { revision: number; revisions: unknown } } }>(
    `mutation U($id: ID!, $rev: Int!, $input: UpdateArticleInput!) {
      updateArticle(id: $id, expectedRevision: $rev, input: $input) {
        article { revision revisions { revision changes { field from to } } }
      }
    }`,
    { id: article.id, rev: article.revision, input: { content: content([emphasis]) } },
    editor,
  );
  expect(body.errors).toBeUndefined();
  const updated = body.data!.updateArticle.article as {
    revision: number;
    revisions: Array<{ revision: number; changes: Array<{ field: string; from: unknown; to: unknown }> }>;
  };
  expect(updated.revision).toBe(article.revision + 1);
  const latest = updated.revisions.find((r) => r.revision === updated.revision)!;
  expect(latest.changes.find((c) => c.field === 'marks')).toEqual({
    field: 'marks',
    from: { 1: [] },
    to: { 1: [emphasis] },
  });
});

test('ingest keeps the links of the wire text as LINK marks over the words that remain', async () => {
  const text = [
    'China welcomes Belarus leader',
    '',
    'Belarusian President Alexander Lukashenko will visit China, the <a href="https://www.fmprc.gov.cn/eng/">Chinese foreign ministry</a> said on Saturday.',
    '',
    'The full text of the [position paper](https://www.fmprc.gov.cn/eng/zxxx/202302/t20230224.html) is online at https://www.fmprc.gov.cn/eng/ and was welcomed by Alexander Lukashenko.',
  ].join('\n');
  const { body } = await server.query<{
    ingestArticle: { article: { blocks: Block[]; entities: Created['entities'] } };
  }>(
    `mutation I($text: String!) {
      ingestArticle(text: $text, metadata: { slug: "ingest-links" }) {
        article { blocks { ${BLOCK_FIELDS} } entities { entity { slug } mentions { surface blockPosition startOffset endOffset } } }
      }
    }`,
    { text },
    editor,
  );
  expect(body.errors).toBeUndefined();
  const { blocks, entities } = body.data!.ingestArticle.article;
  const linked = blocks.flatMap((b) => b.marks.map((m) => [b.position, b.text.slice(m.start, m.end), m.href]));
  expect(linked).toEqual([
    [0, 'Chinese foreign ministry', 'https://www.fmprc.gov.cn/eng/'],
    [1, 'position paper', 'https://www.fmprc.gov.cn/eng/zxxx/202302/t20230224.html'],
    [1, 'https://www.fmprc.gov.cn/eng/', 'https://www.fmprc.gov.cn/eng/'],
  ]);
  expect(blocks[0]!.text).not.toContain('<a');
  expect(blocks[1]!.text).not.toContain('](');
  // Extraction ran on the same text: its mentions point at their words.
  for (const mention of entities.flatMap((e) => e.mentions).filter((m) => m.blockPosition != null)) {
    expect(blocks[mention.blockPosition!]!.text.slice(mention.startOffset, mention.endOffset)).toBe(mention.surface);
  }
});
