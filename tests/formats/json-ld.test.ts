// Article.jsonLd: schema.org NewsArticle with the properties Google's Article structured-data documentation
// recommends (it requires none): headline, image, datePublished, dateModified, author (each with @type and name);
// plus publisher, mentions linked to Wikidata, quotations with their speakers and corrections. Drafts yield none.
import type { ArticleDraft } from '../../src/article/article-draft.ts';
import { persistArticleDraft } from '../../src/article/article-writer.ts';
import { bylineAuthors } from '../../src/formats/json-ld/news-article.ts';
import { loadConfig } from '../../src/config.ts';
import { DEFAULT_SITE, installSiteSettings } from '../../src/formats/site.ts';
import { imageServiceFrom } from '../../src/media/renditions.ts';
import { dataOf, openReadFixture, SAMPLE_SLUG, type ReadFixture } from '../read/read-fixture.ts';
import { startTestServer } from '../support/server.ts';

let fixture: ReadFixture;

const JSON_LD_QUERY = `query($slug: String!) { article(slug: $slug) { jsonLd } }`;

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

const draft: ArticleDraft = {
  slug: 'an-embargoed-story',
  headline: 'An embargoed story',
  byline: 'By Jane Doe',
  status: 'DRAFT',
  blocks: [{ kind: 'PARAGRAPH', text: 'Nothing here may reach a search engine yet.' }],
  entities: [],
  mentions: [],
  quotes: [],
  media: [],
};

beforeAll(async () => {
  installSiteSettings({
    publicBaseUrl: 'https://news.example.com/',
    publisherName: 'Example News',
    publisherLogoUrl: 'https://news.example.com/logo.png',
  });
  fixture = await openReadFixture();
  await persistArticleDraft(fixture.db.prisma, draft);
});
afterAll(async () => {
  installSiteSettings(DEFAULT_SITE);
  await fixture.close();
});

async function jsonLdOf(slug: string, server = fixture.reader): Promise<any> {
  return dataOf(await server.query(JSON_LD_QUERY, { slug })).article?.jsonLd;
}

describe('Article.jsonLd', () => {
  it('has every property Google recommends for a NewsArticle, in the shapes it documents', async () => {
    const response = await fixture.reader.query(JSON_LD_QUERY, { slug: SAMPLE_SLUG });
    const ld = dataOf(response).article.jsonLd;
    expect(response.statements).toBe(1);
    expect(ld['@context']).toBe('https://schema.org');
    expect(ld['@type']).toBe('NewsArticle');
    expect(ld.headline).toBe('Belarus President Lukashenko to visit China next week');
    expect(ld.datePublished).toMatch(ISO_INSTANT);
    expect(ld.dateModified).toMatch(ISO_INSTANT);
    expect(Date.parse(ld.dateModified)).toBeGreaterThanOrEqual(Date.parse(ld.datePublished) - 1000);
    expect(ld.image.length).toBeGreaterThan(0);
    for (const image of ld.image) expect(image).toMatchObject({ '@type': 'ImageObject', url: expect.any(String) });
    expect(ld.author.length).toBeGreaterThan(0);
    for (const author of ld.author) {
      expect(['Person', 'Organization']).toContain(author['@type']);
      expect(author.name).toEqual(expect.any(String));
    }
    expect(ld.url).toBe(`https://news.example.com/articles/${SAMPLE_SLUG}`);
  });

  it('names the configured publisher with its logo', async () => {
    expect((await jsonLdOf(SAMPLE_SLUG)).publisher).toEqual({
      '@type': 'NewsMediaOrganization',
      name: 'Example News',
      url: 'https://news.example.com',
      logo: { '@type': 'ImageObject', url: 'https://news.example.com/logo.png' },
    });
  });

  it('credits the photo and links mentioned entities to Wikidata with sameAs', async () => {
    const ld = await jsonLdOf(SAMPLE_SLUG);
    expect(ld.image[0]).toMatchObject({
      creator: { '@type': 'Person', name: 'Andrea Verdelli' },
      copyrightHolder: { '@type': 'Organization', name: 'Reuters' },
    });
    const putin = ld.mentions.find((m: any) => m.name === 'Vladimir Putin');
    expect(putin).toMatchObject({
      '@type': 'Person',
      sameAs: 'https://www.wikidata.org/wiki/Q7747',
      url: 'https://news.example.com/entities/vladimir-putin',
    });
    expect(ld.mentions.find((m: any) => m.name === 'Alexander Lukashenko').sameAs).toBeUndefined();
  });

  it('cites each quote as a Quotation with its speaker as spokenByCharacter and creator', async () => {
    const ld = await jsonLdOf(SAMPLE_SLUG);
    const hua = ld.citation.find((c: any) => c.spokenByCharacter?.name === 'Hua Chunying');
    expect(hua).toMatchObject({ '@type': 'Quotation', text: expect.stringContaining('Xi Jinping') });
    expect(hua.creator).toEqual(hua.spokenByCharacter);
    expect(ld.citation.every((c: any) => c['@type'] === 'Quotation' && c.text)).toBe(true);
  });

  it('lists public corrections as CorrectionComment', async () => {
    await fixture.db.pool.query(
      `INSERT INTO "Correction" (id, "articleId", note) VALUES (gen_random_uuid(), $1, 'The visit is next week, not this week.')`,
      [fixture.sampleArticleId],
    );
    const ld = await jsonLdOf(SAMPLE_SLUG);
    expect(ld.correction).toEqual([
      {
        '@type': 'CorrectionComment',
        text: 'The visit is next week, not this week.',
        datePublished: expect.stringMatching(ISO_INSTANT),
      },
    ]);
  });

  it('never exists for a draft: readers cannot reach it, and editors get null', async () => {
    expect(dataOf(await fixture.reader.query(JSON_LD_QUERY, { slug: draft.slug })).article).toBeNull();
    expect(await jsonLdOf(draft.slug!, fixture.editor)).toBeNull();
  });
});

describe('bylineAuthors', () => {
  it('splits a printed byline into people', () => {
    expect(bylineAuthors("By Paulo Santalucia and Frances d'Emilio").map((a) => a.name)).toEqual([
      'Paulo Santalucia',
      "Frances d'Emilio",
    ]);
    expect(bylineAuthors('Jane Doe, John Roe & Ann Poe').map((a) => a.name)).toEqual([
      'Jane Doe',
      'John Roe',
      'Ann Poe',
    ]);
    expect(bylineAuthors(null)).toEqual([]);
  });
});

describe('Article.jsonLd images', () => {
  it('with an image service, gives each photo in the three aspect ratios Google asks for, 1,200 pixels wide', async () => {
    const imageService = imageServiceFrom(
      loadConfig({ IMAGE_URL_TEMPLATE: 'https://img.example.com/insecure/rs:fill:{width}:{height}/{crop}/{url64}' }),
    );
    const server = await startTestServer(fixture.db, { imageService });
    try {
      const ld = await jsonLdOf(SAMPLE_SLUG, server);
      const sizes = ld.image.map((image: { width: number; height: number }) => [image.width, image.height]);
      expect(sizes).toEqual([
        [1200, 675],
        [1200, 900],
        [1200, 1200],
      ]);
      for (const image of ld.image) {
        expect(image.url).toMatch(/^https:\/\/img\.example\.com\/insecure\/rs:fill:1200:\d+\//);
        expect(image.width * image.height).toBeGreaterThanOrEqual(50_000);
        expect(image.creator).toEqual({ '@type': 'Person', name: 'Andrea Verdelli' });
      }
      expect(new Set(ld.image.map((image: { url: string }) => image.url)).size).toBe(3);
    } finally {
      await server.stop();
    }
  });

  it('without one, gives the stored file once', async () => {
    const ld = await jsonLdOf(SAMPLE_SLUG);
    expect(ld.image).toHaveLength(1);
    expect(ld.image[0].url).toBe(ld.image[0].contentUrl);
  });
});
