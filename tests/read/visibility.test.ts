// Anonymous readers see published, non-deleted articles only, on every path that reaches an article or something
// of it; editors see drafts too; nobody sees deleted articles.
import type { ArticleDraft } from '../../src/article/article-draft.ts';
import { persistArticleDraft } from '../../src/article/article-writer.ts';
import { encodeGlobalId } from '../../src/shared/global-id.ts';
import type { TestServer } from '../support/server.ts';
import { dataOf, openReadFixture, SAMPLE_SLUG, type ReadFixture } from './read-fixture.ts';

let fixture: ReadFixture;
let draftId: string;
let draftQuoteId: string;
let draftMediaId: string;

const DRAFT_SLUG = 'macron-held-secret-talks-with-lukashenko';
const PARAGRAPH =
  '“We talked for hours,” Emmanuel Macron said after meeting Alexander Lukashenko and the envoy Ivo Secretan.';

function draftStory(): ArticleDraft {
  const at = (surface: string) => PARAGRAPH.indexOf(surface);
  const mention = (entityKey: string, surface: string) => ({
    entityKey,
    surface,
    field: 'BODY' as const,
    blockPosition: 1,
    startOffset: at(surface),
    endOffset: at(surface) + surface.length,
  });
  return {
    slug: DRAFT_SLUG,
    headline: 'Macron held secret talks with Lukashenko',
    status: 'DRAFT',
    section: 'news',
    tags: ['belarus'],
    source: 'Newsgraph',
    blocks: [
      { kind: 'MEDIA', text: 'Ivo Secretan and Emmanuel Macron in Paris', mediaKey: 'photo' },
      { kind: 'PARAGRAPH', text: PARAGRAPH },
    ],
    entities: [
      { key: 'macron', type: 'PERSON', name: 'Emmanuel Macron', role: 'French President' },
      { key: 'lukashenko', type: 'PERSON', name: 'Alexander Lukashenko' },
      { key: 'ivo', type: 'PERSON', name: 'Ivo Secretan', role: 'envoy' },
    ],
    mentions: [
      mention('macron', 'Emmanuel Macron'),
      mention('lukashenko', 'Alexander Lukashenko'),
      mention('ivo', 'Ivo Secretan'),
    ],
    quotes: [
      {
        text: 'We talked for hours',
        kind: 'DIRECT',
        speakerKey: 'macron',
        blockPosition: 1,
        startOffset: 1,
        endOffset: 20,
      },
    ],
    media: [
      {
        key: 'photo',
        kind: 'PHOTO',
        url: 'https://media.example.com/drafts/secret-talks.jpg',
        caption: 'Ivo Secretan and Emmanuel Macron in Paris',
        credit: { raw: 'Jane Doe/AP', photographer: 'Jane Doe', distributor: 'AP' },
        role: 'HERO',
        depicts: ['ivo', 'macron'],
      },
    ],
  };
}

beforeAll(async () => {
  fixture = await openReadFixture();
  draftId = (await persistArticleDraft(fixture.db.prisma, draftStory())).articleId;
  const { rows } = await fixture.db.pool.query(
    `SELECT (SELECT id FROM "Quote" WHERE "articleId" = $1) AS quote, (SELECT "mediaId" FROM "ArticleMedia" WHERE "articleId" = $1) AS media`,
    [draftId],
  );
  draftQuoteId = rows[0].quote;
  draftMediaId = rows[0].media;
});
afterAll(() => fixture.close());

/** Everything a client could ask that might reach the draft, as seen by one viewer. */
async function everyPath(server: TestServer) {
  const variables = {
    slug: DRAFT_SLUG,
    id: encodeGlobalId('Article', draftId),
    quote: encodeGlobalId('Quote', draftQuoteId),
    media: encodeGlobalId('Media', draftMediaId),
  };
  // Two documents: one would exceed the query cost limit.
  const roots = dataOf(
    await server.query(
      `query($slug: String!, $id: ID!, $quote: ID!, $media: ID!) {
        bySlug: article(slug: $slug) { slug }
        byId: article(id: $id) { slug }
        node(id: $id) { id }
        quoteNode: node(id: $quote) { id }
        quote(id: $quote) { text }
        media(id: $media) { url }
        articles(first: 100) { totalCount edges { node { slug } } }
        tagged: articles(filter: { tag: "belarus" }) { edges { node { slug } } }
        quotes(filter: { speakerSlug: "emmanuel-macron" }, first: 100) { totalCount edges { node { text } } }
        mediaItems(filter: { depictsSlug: "emmanuel-macron" }) { edges { node { url } } }
      }`,
      variables,
    ),
  );
  const nested = dataOf(
    await server.query(`{
      sample: article(slug: "${SAMPLE_SLUG}") { related { slug } }
      macron: entity(slug: "emmanuel-macron") {
        articles { totalCount edges { node { slug } } }
        quotes { edges { node { text } } }
        mentions(first: 100) { edges { node { article { slug } } } }
        depictedIn { edges { node { url } } }
        coMentioned(first: 100) { articleCount entity { slug } }
      }
    }`),
  );
  const data = { ...roots, ...nested };
  const slugs = (edges: any[]) => edges.map((e) => e.node.slug);
  return {
    bySlug: data.bySlug?.slug ?? null,
    byId: data.byId?.slug ?? null,
    node: data.node !== null,
    quoteNode: data.quoteNode !== null,
    quote: data.quote !== null,
    media: data.media !== null,
    inArticles: slugs(data.articles.edges).includes(DRAFT_SLUG),
    articlesTotal: data.articles.totalCount,
    inTagged: slugs(data.tagged.edges).includes(DRAFT_SLUG),
    quotesTotal: data.quotes.totalCount,
    draftQuoteListed: data.quotes.edges.some((e: any) => e.node.text === 'We talked for hours'),
    mediaListed: data.mediaItems.edges.some((e: any) => e.node.url.includes('secret-talks')),
    inRelated: data.sample.related.map((a: any) => a.slug).includes(DRAFT_SLUG),
    entityArticles: data.macron.articles.totalCount,
    entityQuoteListed: data.macron.quotes.edges.some((e: any) => e.node.text === 'We talked for hours'),
    entityMentionInDraft: data.macron.mentions.edges.some((e: any) => e.node.article.slug === DRAFT_SLUG),
    entityDepicted: data.macron.depictedIn.edges.length,
    coMentionedLukashenko: data.macron.coMentioned.find((c: any) => c.entity.slug === 'alexander-lukashenko')
      ?.articleCount,
    coMentionedEnvoy: data.macron.coMentioned.some((c: any) => c.entity.slug === 'ivo-secretan'),
  };
}

test('anonymous readers never see a draft, on any path', async () => {
  expect(await everyPath(fixture.reader)).toEqual({
    bySlug: null,
    byId: null,
    node: false,
    quoteNode: false,
    quote: false,
    media: false,
    inArticles: false,
    articlesTotal: 1,
    inTagged: false,
    quotesTotal: 6,
    draftQuoteListed: false,
    mediaListed: false,
    inRelated: false,
    entityArticles: 1,
    entityQuoteListed: false,
    entityMentionInDraft: false,
    entityDepicted: 0,
    coMentionedLukashenko: 1,
    coMentionedEnvoy: false,
  });
});

test('editors see drafts on every path', async () => {
  expect(await everyPath(fixture.editor)).toEqual({
    bySlug: DRAFT_SLUG,
    byId: DRAFT_SLUG,
    node: true,
    quoteNode: true,
    quote: true,
    media: true,
    inArticles: true,
    articlesTotal: 2,
    inTagged: true,
    quotesTotal: 7,
    draftQuoteListed: true,
    mediaListed: true,
    inRelated: true,
    entityArticles: 2,
    entityQuoteListed: true,
    entityMentionInDraft: true,
    entityDepicted: 1,
    coMentionedLukashenko: 2,
    coMentionedEnvoy: true,
  });
});

test('a deleted article is gone for everybody', async () => {
  await fixture.db.pool.query(`UPDATE "Article" SET "deletedAt" = now() WHERE id = $1`, [draftId]);
  try {
    const editorView = await everyPath(fixture.editor);
    expect(editorView).toMatchObject({
      bySlug: null,
      node: false,
      quote: false,
      media: false,
      inArticles: false,
      entityArticles: 1,
      coMentionedLukashenko: 1,
    });
  } finally {
    await fixture.db.pool.query(`UPDATE "Article" SET "deletedAt" = NULL WHERE id = $1`, [draftId]);
  }
});

test('a published article withdrawn later disappears for readers', async () => {
  await fixture.db.pool.query(`UPDATE "Article" SET status = 'WITHDRAWN' WHERE slug = $1`, [SAMPLE_SLUG]);
  try {
    const response = await fixture.reader.query(`{ article(slug: "${SAMPLE_SLUG}") { slug } articles { totalCount } }`);
    expect(dataOf(response)).toEqual({ article: null, articles: { totalCount: 0 } });
  } finally {
    await fixture.db.pool.query(`UPDATE "Article" SET status = 'PUBLISHED' WHERE slug = $1`, [SAMPLE_SLUG]);
  }
});

test('a person named only in a draft cannot be looked up by readers, by slug, by name or by search', async () => {
  const lookup = `{
    entity(slug: "ivo-secretan") { name }
    entities(query: "Ivo Sec") { edges { node { name } } }
    search(query: "Secretan", types: [ENTITY]) { edges { node { item { ... on Entity { name } } } } }
  }`;
  expect(dataOf(await fixture.reader.query(lookup))).toEqual({
    entity: null,
    entities: { edges: [] },
    search: { edges: [] },
  });
  const editorView = dataOf(await fixture.editor.query(lookup));
  expect(editorView.entity).toEqual({ name: 'Ivo Secretan' });
  expect(editorView.entities.edges).toHaveLength(1);
  expect(editorView.search.edges).toHaveLength(1);
  // Emmanuel Macron is in the draft too, but also in the published sample: readers still find him.
  expect(dataOf(await fixture.reader.query('{ entity(slug: "emmanuel-macron") { name } }')).entity).toEqual({
    name: 'Emmanuel Macron',
  });
});
