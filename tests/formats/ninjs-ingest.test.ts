// ninjs in: the standard's eight example documents import cleanly; a document's people, organisations and places
// become entities over what extraction finds (the document winning); associations become media with credits;
// importing is idempotent by uri + version; a document failing the schema is refused naming where.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { isNewerVersion, ninjsDraft } from '../../src/formats/ninjs/ninjs-ingest.ts';
import { ninjsProblems } from '../../src/formats/ninjs/ninjs-schema.ts';
import { htmlParagraphs, readNinjsStory } from '../../src/formats/ninjs/ninjs-story.ts';
import { loadStoryFiles } from '../../src/ingest/ingest-cli.ts';
import { extractStory } from '../../src/ingest/ingest.service.ts';
import { dataOf, openReadFixture, SAMPLE_SLUG, type ReadFixture } from '../read/read-fixture.ts';

const FIXTURES = path.join(import.meta.dirname, '../fixtures/ninjs');
const EXAMPLES = readdirSync(FIXTURES)
  .filter((file) => file.endsWith('.json'))
  .sort();

const GIGLIO_BODY = 'Rescuers on Giglio worked through the night. Giglio officials said the hull was stable.';

let fixture: ReadFixture;

beforeAll(async () => {
  fixture = await openReadFixture();
});
afterAll(() => fixture.close());

const INGEST = `mutation($text: String!, $format: IngestFormat, $publish: Boolean) {
  ingestArticle(text: $text, format: $format, publish: $publish) {
    created unchanged found { entities media }
    article { slug headline revision status ninjs
      entities { role entity { name type wikidataId } }
      media { role media { url caption credit { photographer distributor pool isFilePhoto copyrightHolder } } } }
  }
}`;

async function ingest(document: unknown, variables: Record<string, unknown> = {}) {
  const text = typeof document === 'string' ? document : JSON.stringify(document);
  return fixture.editor.query(INGEST, { text, publish: true, ...variables });
}

const entity = (article: any, name: string) => article.entities.find((e: any) => e.entity.name === name);

describe('importing ninjs', () => {
  it('imports every example document of the standard, each exported again as valid ninjs 3.1', async () => {
    const outcomes: Record<string, string> = {};
    for (const file of EXAMPLES) {
      const payload = dataOf(await ingest(readFileSync(path.join(FIXTURES, file), 'utf8'))).ingestArticle;
      outcomes[file] = payload.created ? 'created' : payload.unchanged ? 'unchanged' : 'updated';
      expect(payload.article.status).toBe('PUBLISHED');
      expect(ninjsProblems(payload.article.ninjs)).toEqual([]);
    }
    // 004 is 001 again (same uri, same versionCreated, no version): the same version changes nothing.
    expect(outcomes).toEqual({
      '001_simple_example.json': 'created',
      '002_renditions_example.json': 'created',
      '003_associations_example.json': 'created',
      '004_simple_text_article.json': 'unchanged',
      '005_complex_text_article.json': 'created',
      '006_photo_only.json': 'created',
      '007_multimedia.json': 'created',
      '008_event.json': 'created',
    });
  });

  it('makes the document’s people, organisations and places entities, with Wikidata ids from their URIs', async () => {
    const document = JSON.parse(readFileSync(path.join(FIXTURES, '005_complex_text_article.json'), 'utf8'));
    const { article } = dataOf(await ingest({ ...document, uri: 'urn:test:complex' })).ingestArticle;
    expect(entity(article, 'Francesco Schettino').entity).toEqual({
      name: 'Francesco Schettino',
      type: 'PERSON',
      wikidataId: 'Q4421821',
    });
    expect(entity(article, 'Costa Crociere SpA').entity.type).toBe('ORGANIZATION');
    expect(entity(article, 'Tuscany').entity.type).toBe('PLACE');
    // Entities only extraction found are kept beside the document's.
    expect(entity(article, 'Domenico Pepe')).toBeDefined();
  });

  it('lets the document’s annotations win over extraction: type, Wikidata id and stated role', () => {
    const story = readNinjsStory({
      uri: 'urn:test:giglio',
      headlines: [{ value: 'Salvage crews reach Giglio wreck' }],
      bodies: [{ value: GIGLIO_BODY }],
      places: [{ name: 'Giglio', rel: 'mentions', uri: 'http://www.wikidata.org/entity/Q208142' }],
    });
    const extracted = extractStory(story.text);
    expect(extracted.entities.find((e) => e.name === 'Giglio')?.type).toBe('ORGANIZATION');
    const draft = ninjsDraft(story, { slug: 'salvage-crews-reach-giglio-wreck' });
    expect(draft.entities.filter((e) => e.name === 'Giglio')).toEqual([
      expect.objectContaining({ type: 'PLACE', wikidataId: 'Q208142' }),
    ]);
  });

  it('stores the annotations: Wikidata ids, and entities only the document names with their role', async () => {
    const body = GIGLIO_BODY;
    const { article } = dataOf(
      await ingest({
        uri: 'urn:test:giglio',
        version: '1',
        headlines: [{ value: 'Salvage crews reach Giglio wreck' }],
        bodies: [{ contentType: 'text/plain', value: body }],
        places: [{ name: 'Giglio', rel: 'mentions', uri: 'http://www.wikidata.org/entity/Q208142' }],
        people: [{ name: 'Nick Sloane', rel: 'salvage master' }],
      }),
    ).ingestArticle;
    expect(entity(article, 'Giglio')).toMatchObject({ entity: { wikidataId: 'Q208142' } });
    // Named only in the document: added, with its role in this story.
    expect(entity(article, 'Nick Sloane')).toMatchObject({ role: 'salvage master', entity: { type: 'PERSON' } });
  });

  it('stores associations as media with their rendition, caption and credit', async () => {
    const document = JSON.parse(readFileSync(path.join(FIXTURES, '007_multimedia.json'), 'utf8'));
    const { article } = dataOf(await ingest({ ...document, uri: 'urn:test:multimedia' })).ingestArticle;
    expect(article.media).toHaveLength(2);
    expect(article.media[0]).toMatchObject({
      role: 'HERO',
      media: {
        url: 'http://hosted.ap.org/photos/2/2643c588-dc8d-4923-bebd-e3b904edbb3a-big.jpg',
        caption: expect.stringContaining('The Costa Concordia cruise ship lies on its side'),
        credit: { photographer: 'Paulo Santalucia' },
      },
    });
    expect(article.media[1].role).toBe('INLINE');
  });

  it('reads back its own export: entities with Wikidata ids and the structured credit survive the round trip', async () => {
    const exported = await (
      await fetch(fixture.reader.url.replace(/\/graphql$/, `/ninjs/articles/${SAMPLE_SLUG}`))
    ).json();
    const payload = dataOf(await ingest(exported)).ingestArticle;
    expect(payload.created).toBe(true);
    expect(payload.article.slug).toMatch(new RegExp(`^${SAMPLE_SLUG}-[0-9a-f]{8}$`));
    expect(payload.article.headline).toBe(exported.headlines[0].value);
    expect(entity(payload.article, 'Vladimir Putin')).toMatchObject({
      role: 'Russian President',
      entity: { wikidataId: 'Q7747' },
    });
    expect(payload.article.media[0].media.credit).toMatchObject({
      photographer: 'Andrea Verdelli',
      pool: true,
      distributor: 'Reuters',
      isFilePhoto: true,
    });
  });
});

describe('idempotence by uri and version', () => {
  const item = (version: string, headline: string) => ({
    uri: 'urn:test:versioned-item',
    version,
    headlines: [{ value: headline }],
    bodies: [{ value: 'The minister confirmed the visit on Monday.' }],
  });

  it('changes nothing for the same or an older version, and updates the article for a newer one', async () => {
    const first = dataOf(await ingest(item('2', 'Minister confirms visit'))).ingestArticle;
    expect(first.created).toBe(true);
    const again = dataOf(await ingest(item('2', 'Minister confirms visit'))).ingestArticle;
    expect(again).toMatchObject({ created: false, unchanged: true, article: { revision: first.article.revision } });
    // Same version, different content: the version decides, nothing is written.
    const sameVersion = dataOf(await ingest(item('2', 'Minister confirms visit, aides say'))).ingestArticle;
    expect(sameVersion).toMatchObject({ unchanged: true, article: { headline: 'Minister confirms visit' } });
    const older = dataOf(await ingest(item('1', 'Minister may visit'))).ingestArticle;
    expect(older).toMatchObject({ unchanged: true, article: { headline: 'Minister confirms visit' } });
    const newer = dataOf(await ingest(item('10', 'Minister arrives'))).ingestArticle;
    expect(newer).toMatchObject({
      created: false,
      unchanged: false,
      article: { slug: first.article.slug, headline: 'Minister arrives', revision: first.article.revision + 1 },
    });
  });
});

describe('bad documents', () => {
  it('refuses a document that fails the schema with BAD_USER_INPUT listing each failing path', async () => {
    const response = await ingest({ uri: 'urn:test:bad', headlines: [{ role: 'main' }], pubStatus: 'live', extra: 1 });
    const [error] = response.body.errors!;
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'text' });
    const fields = (error.extensions!.issues as Array<{ field: string }>).map((issue) => issue.field);
    expect(fields).toEqual(expect.arrayContaining(['text.headlines.0', 'text.pubStatus', 'text']));
    expect(fields).toContain(error.extensions!.field);
    expect(error.message).toContain('/pubStatus must be one of usable, withheld, canceled');
    expect(response.body.data).toBeNull();
  });

  it('refuses text that is not JSON when the format says NINJS, and nesting too deep to check', async () => {
    const notJson = await ingest('Headline\n\nA paragraph.', { format: 'NINJS' });
    expect(notJson.body.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'text' });
    let deep: unknown = { uri: 'urn:test:deep', name: 'x' };
    for (let i = 0; i < 40; i++) deep = { uri: `urn:test:deep${i}`, name: 'x', associations: [deep] };
    const tooDeep = await ingest(deep);
    expect(tooDeep.body.errors![0].message).toContain('nested more than 32 levels deep');
  });
});

describe('npm run ingest', () => {
  it('loads ninjs files beside plain-text stories', async () => {
    const files = ['003_associations_example.json', '006_photo_only.json'].map((file) => path.join(FIXTURES, file));
    const outcomes = await loadStoryFiles(fixture.db.prisma, files, { publish: true });
    expect(outcomes.map((o) => o.ok && o.outcome)).toEqual(['unchanged', 'unchanged']);
  });
});

describe('reading a ninjs document', () => {
  it('compares versions as integers, else as instants, else any other string as newer', () => {
    expect(isNewerVersion('10', '9')).toBe(true);
    expect(isNewerVersion('9', '10')).toBe(false);
    expect(isNewerVersion('2013-07-09T10:39:00Z', '2013-07-09T10:37:00Z')).toBe(true);
    expect(isNewerVersion('2013-07-09T10:37:00Z', '2013-07-09T10:37:00Z')).toBe(false);
    expect(isNewerVersion('b', 'a')).toBe(true);
  });

  it('reads an HTML body as one paragraph per block element, entities decoded, tags dropped', () => {
    expect(
      htmlParagraphs('<p>Rome &amp; Milan</p> <h2>Trial</h2><p>He said <em>nothing</em>.<br/>Then left.</p>'),
    ).toEqual(['Rome & Milan', 'Trial', 'He said nothing.', 'Then left.']);
  });
});
