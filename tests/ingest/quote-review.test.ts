// Precision-first attribution: the status policy, what readers and editors see of a quote awaiting review on every
// read path, the review queue, the two editor decisions, and re-ingest keeping them. Real HTTP, real PostgreSQL.
import { createExtractor } from '../../src/ingest/extractor.ts';
import { summarizeDraft } from '../../src/ingest/ingest-cli.ts';
import { decideAttributionStatus } from '../../src/quote/attribution-policy.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

const STORY = `Harbour council approves new ferry terminal

PORTSMOUTH, England (Reuters) - The city council approved a new ferry terminal on Tuesday after a four-hour debate.

"This will bring hundreds of jobs to the harbour," Gerald Vance, the council leader, said.

Opposition councillor Priya Nair voted against the plan, and residents fear more traffic on the coast road. "The roads cannot take it," she told reporters.

Construction is due to start in the spring and take two years.
`;
const EDITED_STORY = STORY.replace('in the spring', 'in the summer');
const REVIEWED_WORDS = 'The roads cannot take it,';

let database: TestDatabase;
let server: TestServer;
let editor: Record<string, string>;

beforeAll(async () => {
  database = await createTestDatabase();
  server = await startTestServer(database);
  editor = { authorization: await server.bearer('EDITOR', 'night desk') };
});
afterAll(async () => {
  await server?.stop();
  await database?.drop();
});

const INGEST = `mutation I($text: String!, $slug: String!) {
  ingestArticle(text: $text, metadata: { slug: $slug }, publish: true) { unchanged article { id revision quotes { id text } } } }`;
const QUOTE_FIELDS =
  'id text attributionStatus attributionRule needsReview speakerConfirmed speakerLabel speaker { name } proposedSpeaker { name } proposedSpeakerLabel';

async function ingest(text: string, slug: string) {
  const { body } = await server.query<{
    ingestArticle: {
      unchanged: boolean;
      article: { id: string; revision: number; quotes: Array<{ id: string; text: string }> };
    };
  }>(INGEST, { text, slug }, editor);
  expect(body.errors).toBeUndefined();
  return body.data!.ingestArticle;
}

type QuoteView = {
  text: string;
  attributionStatus: string;
  needsReview: boolean;
  speakerConfirmed: boolean;
  speakerLabel: string | null;
  speaker: { name: string } | null;
  proposedSpeaker: { name: string } | null;
  proposedSpeakerLabel: string | null;
};
const byText = (quotes: QuoteView[], words: string) => quotes.find((q) => q.text === words)!;

describe('the attribution status policy', () => {
  test('a name beside a speech verb is confident, whatever the sieve', () => {
    expect(
      decideAttributionStatus({
        rule: 'quote-then-speaker/name',
        confidence: 0.95,
        hasSpeaker: true,
        speakerType: 'PERSON',
      }).status,
    ).toBe('CONFIDENT');
    expect(
      decideAttributionStatus({
        rule: 'according-to/name',
        confidence: 0.85,
        hasSpeaker: true,
        speakerType: 'ORGANIZATION',
      }).status,
    ).toBe('CONFIDENT');
  });
  test('a pronoun is confident only while it continues a confidently quoted speaker', () => {
    const pronoun = { rule: 'quote-then-speaker/pronoun', confidence: 0.85, hasSpeaker: true, speakerType: 'PERSON' };
    expect(decideAttributionStatus({ ...pronoun, continuesConfidentSpeaker: true }).status).toBe('CONFIDENT');
    expect(decideAttributionStatus({ ...pronoun, continuesConfidentSpeaker: false }).status).toBe('NEEDS_REVIEW');
  });
  test('a quote-only paragraph continues its speaker, a paragraph with other text goes to review', () => {
    const continuation = {
      rule: 'paragraph-continues',
      confidence: 0.75,
      hasSpeaker: true,
      speakerType: 'PERSON',
      continuesConfidentSpeaker: true,
    };
    expect(decideAttributionStatus({ ...continuation, quoteOnlyParagraph: true }).status).toBe('CONFIDENT');
    expect(decideAttributionStatus({ ...continuation, quoteOnlyParagraph: false }).status).toBe('NEEDS_REVIEW');
  });
  test('a sentence subject, or a place picked by anything but a named speech tag, needs review; no speaker is unattributed', () => {
    expect(
      decideAttributionStatus({
        rule: 'sentence-subject',
        confidence: 0.45,
        hasSpeaker: true,
        speakerType: 'PERSON',
        continuesConfidentSpeaker: true,
      }).status,
    ).toBe('NEEDS_REVIEW');
    expect(
      decideAttributionStatus({
        rule: 'same-paragraph',
        confidence: 0.8,
        hasSpeaker: true,
        speakerType: 'PLACE',
        continuesConfidentSpeaker: true,
      }).status,
    ).toBe('NEEDS_REVIEW');
    expect(decideAttributionStatus({ rule: 'none', confidence: 0, hasSpeaker: false }).status).toBe('UNATTRIBUTED');
  });
});

describe('quotes awaiting review', () => {
  let articleId: string;
  let reviewedQuoteId: string;
  beforeAll(async () => {
    const { article } = await ingest(STORY, 'ferry-terminal');
    articleId = article.id;
    reviewedQuoteId = article.quotes.find((q) => q.text === REVIEWED_WORDS)!.id;
  });

  async function readEverywhere(headers: Record<string, string> = {}, target: TestServer = server) {
    const document = `query($a: ID!, $q: ID!) {
      article(id: $a) { quotes { ${QUOTE_FIELDS} } }
      quote(id: $q) { ${QUOTE_FIELDS} }
      node(id: $q) { ... on Quote { ${QUOTE_FIELDS} } }
      quotes(filter: { article: $a }) { edges { node { ${QUOTE_FIELDS} } } }
      search(query: "roads", types: [QUOTE]) { edges { node { item { ... on Quote { ${QUOTE_FIELDS} } } } } }
      entity(slug: "priya-nair") { quotes { totalCount } }
    }`;
    const { body } = await target.query<{
      article: { quotes: QuoteView[] };
      quote: QuoteView;
      node: QuoteView;
      quotes: { edges: Array<{ node: QuoteView }> };
      search: { edges: Array<{ node: { item: QuoteView } }> };
      entity: { quotes: { totalCount: number } };
    }>(document, { a: articleId, q: reviewedQuoteId }, headers);
    expect(body.errors).toBeUndefined();
    const data = body.data!;
    return {
      views: [
        byText(data.article.quotes, REVIEWED_WORDS),
        data.quote,
        data.node,
        byText(
          data.quotes.edges.map((e) => e.node),
          REVIEWED_WORDS,
        ),
        byText(
          data.search.edges.map((e) => e.node.item),
          REVIEWED_WORDS,
        ),
      ],
      confident: byText(data.article.quotes, 'This will bring hundreds of jobs to the harbour,'),
      speakerQuoteCount: data.entity.quotes.totalCount,
    };
  }

  test('anonymous readers see the words but no speaker, on every read path (SQL-rendered and DataLoader)', async () => {
    const dataloaders = await startTestServer(database, { joinRelations: false });
    try {
      for (const target of [server, dataloaders]) {
        const { views, confident, speakerQuoteCount } = await readEverywhere({}, target);
        for (const view of views) {
          expect(view).toMatchObject({
            attributionStatus: 'NEEDS_REVIEW',
            needsReview: true,
            speakerConfirmed: false,
            speaker: null,
            speakerLabel: null,
            proposedSpeaker: null,
            proposedSpeakerLabel: null,
          });
        }
        expect(confident).toMatchObject({
          attributionStatus: 'CONFIDENT',
          needsReview: false,
          speaker: { name: 'Gerald Vance' },
        });
        expect(speakerQuoteCount).toBe(0);
        // A query answered whole in SQL (the rendered path) says the same.
        const rendered = await target.query<{ quote: unknown; quotes: { edges: Array<{ node: unknown }> } }>(
          'query($q: ID!, $a: ID!) { quote(id: $q) { speaker { name } speakerLabel proposedSpeaker { name } proposedSpeakerLabel } quotes(filter: { article: $a }, first: 5) { edges { node { speaker { name } proposedSpeaker { name } } } } }',
          { q: reviewedQuoteId, a: articleId },
        );
        expect(rendered.body.data!.quote).toEqual({
          speaker: null,
          speakerLabel: null,
          proposedSpeaker: null,
          proposedSpeakerLabel: null,
        });
        expect(rendered.body.data!.quotes.edges.map((e) => e.node)).toContainEqual({
          speaker: null,
          proposedSpeaker: null,
        });
        expect(
          rendered.body.data!.quotes.edges.every(
            (e) => (e.node as { proposedSpeaker: unknown }).proposedSpeaker === null,
          ),
        ).toBe(true);
      }
    } finally {
      await dataloaders.stop();
    }
  });

  test('editors see the proposed speaker and find the quote in the review queue, newest first; readers may not ask for the queue', async () => {
    const { views } = await readEverywhere(editor);
    for (const view of views)
      expect(view).toMatchObject({
        speaker: null,
        proposedSpeaker: { name: 'Priya Nair' },
        proposedSpeakerLabel: 'she',
      });
    const QUEUE =
      '{ quotes(filter: { needsReview: true }, first: 10) { totalCount edges { node { text article { slug } } } } }';
    const queue = await server.query<{ quotes: { totalCount: number; edges: Array<{ node: { text: string } }> } }>(
      QUEUE,
      {},
      editor,
    );
    expect(queue.body.data!.quotes.edges.map((e) => e.node.text)).toEqual([REVIEWED_WORDS]);
    const anonymous = await server.query(QUEUE);
    expect(anonymous.body.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
  });
});

describe('editor decisions', () => {
  const CONFIRM = `mutation C($id: ID!) { confirmQuoteSpeaker(id: $id) { quote { ${QUOTE_FIELDS} } article { revision } } }`;
  const SET = `mutation S($id: ID!, $speaker: ID) { setQuoteSpeaker(id: $id, speakerId: $speaker, speakerLabel: "Vance") { quote { ${QUOTE_FIELDS} } article { revision } } }`;

  test('confirmQuoteSpeaker publishes the proposed speaker as a new revision and empties the queue; readers then see it', async () => {
    const { article } = await ingest(STORY, 'ferry-confirm');
    const quoteId = article.quotes.find((q) => q.text === REVIEWED_WORDS)!.id;
    const confirmed = await server.query<{ confirmQuoteSpeaker: { quote: QuoteView; article: { revision: number } } }>(
      CONFIRM,
      { id: quoteId },
      editor,
    );
    expect(confirmed.body.errors).toBeUndefined();
    expect(confirmed.body.data!.confirmQuoteSpeaker.quote).toMatchObject({
      speaker: { name: 'Priya Nair' },
      speakerLabel: 'she',
      speakerConfirmed: true,
      needsReview: false,
      attributionStatus: 'NEEDS_REVIEW',
    });
    expect(confirmed.body.data!.confirmQuoteSpeaker.article.revision).toBe(article.revision + 1);
    const reader = await server.query<{ quote: QuoteView }>(`query($q: ID!) { quote(id: $q) { ${QUOTE_FIELDS} } }`, {
      q: quoteId,
    });
    expect(reader.body.data!.quote).toMatchObject({
      speaker: { name: 'Priya Nair' },
      speakerConfirmed: true,
      proposedSpeaker: null,
    });
    const revision = await database.prisma.articleRevision.findFirstOrThrow({
      where: { articleId: Buffer.from(article.id, 'base64url').toString().split(':')[1] },
      orderBy: { revision: 'desc' },
    });
    expect(JSON.stringify(revision)).toContain('confirmed');
    const anonymous = await server.query(CONFIRM, { id: quoteId });
    expect(anonymous.body.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
  });

  test('setQuoteSpeaker names another speaker, and re-ingesting the edited story keeps that decision', async () => {
    const { article } = await ingest(STORY, 'ferry-set');
    const quoteId = article.quotes.find((q) => q.text === REVIEWED_WORDS)!.id;
    const vance = await database.prisma.entity.findFirstOrThrow({ where: { name: 'Gerald Vance' } });
    const set = await server.query<{ setQuoteSpeaker: { quote: QuoteView; article: { revision: number } } }>(
      SET,
      { id: quoteId, speaker: Buffer.from(`Entity:${vance.id}`).toString('base64url') },
      editor,
    );
    expect(set.body.errors).toBeUndefined();
    expect(set.body.data!.setQuoteSpeaker.quote).toMatchObject({
      speaker: { name: 'Gerald Vance' },
      speakerLabel: 'Vance',
      speakerConfirmed: true,
    });

    const again = await ingest(EDITED_STORY, 'ferry-set');
    expect(again.unchanged).toBe(false);
    const newId = again.article.quotes.find((q) => q.text === REVIEWED_WORDS)!.id;
    const reader = await server.query<{ quote: QuoteView }>(`query($q: ID!) { quote(id: $q) { ${QUOTE_FIELDS} } }`, {
      q: newId,
    });
    expect(reader.body.data!.quote).toMatchObject({
      speaker: { name: 'Gerald Vance' },
      speakerLabel: 'Vance',
      speakerConfirmed: true,
      needsReview: false,
    });
  });
});

describe('the evidence behind a continuation', () => {
  test('a place named away from the quote is never published as its speaker', () => {
    expect(
      decideAttributionStatus({
        rule: 'speaker-then-quote/name',
        confidence: 0.9,
        hasSpeaker: true,
        speakerType: 'PLACE',
      }).status,
    ).toBe('NEEDS_REVIEW');
    expect(
      decideAttributionStatus({
        rule: 'quote-then-speaker/name',
        confidence: 0.95,
        hasSpeaker: true,
        speakerType: 'PLACE',
      }).status,
    ).toBe('CONFIDENT');
  });
});

test('the dry-run summary gives each quote needsReview beside its speaker, confidence and rule', () => {
  const summary = summarizeDraft(createExtractor('rules').extract(STORY));
  expect(summary.quotes.map(({ speaker, rule, needsReview }) => ({ speaker, rule, needsReview }))).toEqual([
    { speaker: 'Gerald Vance', rule: 'quote-then-speaker/name', needsReview: false },
    { speaker: 'Priya Nair', rule: 'quote-then-speaker/pronoun', needsReview: true },
  ]);
  expect(summary.quotes.every((q) => typeof q.confidence === 'number')).toBe(true);
});
