// Articles in several languages: each searched with its own language's stemming, filtered by language, linked as
// translations of one another and found by slug and language; readers never see an unpublished translation.
import type { ArticleDraft } from '../../src/article/article-draft.ts';
import { persistArticleDraft } from '../../src/article/article-writer.ts';
import { encodeGlobalId } from '../../src/shared/global-id.ts';
import { dataOf, openReadFixture, type ReadFixture } from '../read/read-fixture.ts';
import type { TestServer } from '../support/server.ts';
import { CREATE_ARTICLE, lukashenkoInput } from '../write/fixtures.ts';

let fixture: ReadFixture;
const ids: Record<string, string> = {};

function story(slug: string, language: string, headline: string, body: string, status = 'PUBLISHED'): ArticleDraft {
  return {
    slug,
    headline,
    language,
    status: status as ArticleDraft['status'],
    publishedAt: status === 'PUBLISHED' ? '2023-04-01T09:00:00.000Z' : null,
    section: 'world',
    source: 'Newsgraph',
    blocks: [{ kind: 'PARAGRAPH', text: body }],
    entities: [],
    mentions: [],
    quotes: [],
    media: [],
  };
}

beforeAll(async () => {
  fixture = await openReadFixture();
  const stories = [
    story(
      'camargue-horse-fair',
      'en',
      'Camargue horse fair draws record crowds',
      'Breeders showed their grey horses; a stall called Les Chevaux sold saddles.',
    ),
    story(
      'foire-aux-chevaux-camargue',
      'fr',
      'La foire aux chevaux de Camargue bat un record',
      'Les éleveurs ont présenté leurs chevaux gris devant une foule record.',
    ),
    story(
      'pferdemesse-camargue',
      'de',
      'Pferdemesse in der Camargue',
      'Mehrere Regierungen schickten Vertreter zur Messe der grauen Pferde.',
      'DRAFT',
    ),
    story(
      'feria-caballos-camargue',
      'es',
      'Feria de caballos en la Camarga',
      'Los criadores mostraron sus caballos grises ante una multitud récord.',
    ),
    story(
      'cronica-caballos-camargue',
      'es',
      'Crónica de la feria de Camarga',
      'Una segunda crónica en español.',
      'DRAFT',
    ),
  ];
  for (const draft of stories) ids[draft.slug!] = (await persistArticleDraft(fixture.db.prisma, draft)).articleId;
});
afterAll(() => fixture.close());

const gid = (slug: string) => encodeGlobalId('Article', ids[slug]);

async function searchSlugs(server: TestServer, query: string, filter?: Record<string, unknown>): Promise<string[]> {
  const data = dataOf(
    await server.query(
      `query S($q: String!, $f: SearchFilter) { search(query: $q, filter: $f, types: [ARTICLE]) { edges { node { item { ... on Article { slug } } } } } }`,
      { q: query, f: filter },
    ),
  );
  return data.search.edges.map((edge: { node: { item: { slug: string } } }) => edge.node.item.slug).sort();
}

async function link(articleSlug: string, originalSlug: string) {
  return fixture.editor.query(
    `mutation L($a: ID!, $o: ID!) { linkTranslation(articleId: $a, translationOfId: $o) { article { slug translationOf { slug } } } }`,
    { a: gid(articleSlug), o: gid(originalSlug) },
  );
}

const ARTICLE_IN = `query A($slug: String!, $language: String) {
  article(slug: $slug, language: $language) { slug language translationOf { slug } translations { slug language headline } }
}`;

test('a French article is found by a French stemmed form ("cheval" finds "chevaux") that English stemming misses', async () => {
  // The English story prints "Les Chevaux" too, but parsed as English "chevaux" is not a form of "cheval".
  expect(await searchSlugs(fixture.reader, 'cheval')).toEqual(['foire-aux-chevaux-camargue']);
  expect(await searchSlugs(fixture.reader, 'chevaux')).toEqual(['camargue-horse-fair', 'foire-aux-chevaux-camargue']);
  const articles = dataOf(
    await fixture.reader.query(`{ articles(filter: { query: "cheval" }) { edges { node { slug } } } }`),
  ).articles.edges.map((edge: { node: { slug: string } }) => edge.node.slug);
  expect(articles).toEqual(['foire-aux-chevaux-camargue']);
});

test('a German article is found by a German stemmed form ("Regierung" finds "Regierungen")', async () => {
  expect(await searchSlugs(fixture.editor, 'Regierung')).toEqual(['pferdemesse-camargue']);
  expect(await searchSlugs(fixture.editor, 'Regierung', { language: 'de' })).toEqual(['pferdemesse-camargue']);
  // Anonymous readers do not find the German draft.
  expect(await searchSlugs(fixture.reader, 'Regierung')).toEqual([]);
});

test('English articles are still matched with English stemming ("horses" finds "horse")', async () => {
  expect(await searchSlugs(fixture.reader, 'horses', { language: 'en' })).toEqual(['camargue-horse-fair']);
});

test('the language filter keeps only articles in that language, in search and in articles', async () => {
  expect(await searchSlugs(fixture.reader, 'camargue', { language: 'fr' })).toEqual(['foire-aux-chevaux-camargue']);
  expect(await searchSlugs(fixture.reader, 'chevaux', { language: 'en' })).toEqual(['camargue-horse-fair']);
  const spanish = dataOf(
    await fixture.reader.query(`{ articles(filter: { language: "es" }) { edges { node { slug language } } } }`),
  ).articles.edges;
  expect(spanish).toEqual([{ node: { slug: 'feria-caballos-camargue', language: 'es' } }]);
});

test('linked translations list one another; article(slug, language) answers with the translation in that language', async () => {
  expect(dataOf(await link('foire-aux-chevaux-camargue', 'camargue-horse-fair')).linkTranslation.article).toEqual({
    slug: 'foire-aux-chevaux-camargue',
    translationOf: { slug: 'camargue-horse-fair' },
  });
  // Linking to a translation joins the group of its original.
  dataOf(await link('feria-caballos-camargue', 'foire-aux-chevaux-camargue'));
  dataOf(await link('pferdemesse-camargue', 'camargue-horse-fair'));

  const french = dataOf(await fixture.reader.query(ARTICLE_IN, { slug: 'camargue-horse-fair', language: 'fr' }));
  expect(french.article).toMatchObject({
    slug: 'foire-aux-chevaux-camargue',
    translationOf: { slug: 'camargue-horse-fair' },
  });
  // The German draft is no translation a reader sees, by either path; an editor sees it.
  expect(french.article.translations.map((t: { slug: string }) => t.slug)).toEqual([
    'camargue-horse-fair',
    'feria-caballos-camargue',
  ]);
  expect(
    dataOf(await fixture.reader.query(ARTICLE_IN, { slug: 'camargue-horse-fair', language: 'de' })).article,
  ).toBeNull();
  const asEditor = dataOf(await fixture.editor.query(ARTICLE_IN, { slug: 'feria-caballos-camargue', language: 'en' }));
  expect(asEditor.article.translations.map((t: { language: string }) => t.language)).toEqual(['de', 'es', 'fr']);
  // Without a language, the slug's own article.
  expect(dataOf(await fixture.reader.query(ARTICLE_IN, { slug: 'foire-aux-chevaux-camargue' })).article.slug).toBe(
    'foire-aux-chevaux-camargue',
  );
});

test('a page listing translations costs one SQL statement', async () => {
  const response = await fixture.reader.query(ARTICLE_IN, { slug: 'camargue-horse-fair', language: 'fr' });
  expect(dataOf(response).article).not.toBeNull();
  expect(response.statements).toBe(1);
});

test('unlinking takes an article out of its group; unlinking an original hands the group to its earliest translation', async () => {
  dataOf(await link('foire-aux-chevaux-camargue', 'camargue-horse-fair'));
  dataOf(
    await fixture.editor.query(`mutation U($a: ID!) { unlinkTranslation(articleId: $a) { article { slug } } }`, {
      a: gid('camargue-horse-fair'),
    }),
  );
  const english = dataOf(await fixture.editor.query(ARTICLE_IN, { slug: 'camargue-horse-fair' })).article;
  expect(english).toMatchObject({ translationOf: null, translations: [] });
  const french = dataOf(await fixture.editor.query(ARTICLE_IN, { slug: 'foire-aux-chevaux-camargue' })).article;
  expect(french.translationOf).toBeNull();
  expect(french.translations.map((t: { language: string }) => t.language)).toEqual(['de', 'es']);
});

test('a language code the server does not know, and links that would break a group, are refused with BAD_USER_INPUT', async () => {
  const refused = [
    await fixture.reader.query(ARTICLE_IN, { slug: 'camargue-horse-fair', language: 'xx' }),
    await fixture.reader.query(`{ articles(filter: { language: "klingon" }) { edges { node { slug } } } }`),
    await fixture.reader.query(`{ search(query: "cheval", filter: { language: "zz" }) { totalCount } }`),
    await fixture.editor.query(CREATE_ARTICLE, { input: lukashenkoInput({ slug: 'une-depeche', language: 'qq' }) }),
    await link('camargue-horse-fair', 'camargue-horse-fair'),
    // A group holds one article per language: a second Spanish one cannot join.
    await link('feria-caballos-camargue', 'camargue-horse-fair').then((response) => {
      dataOf(response);
      return link('cronica-caballos-camargue', 'camargue-horse-fair');
    }),
  ];
  expect(refused.map((response) => response.body.errors?.[0]?.extensions?.code)).toEqual(
    refused.map(() => 'BAD_USER_INPUT'),
  );
});
