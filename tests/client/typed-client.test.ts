// A client project's view of the API: documents written with the client preset's `graphql()` and the example
// operations, typed by codegen (src/generated/client/) with the scalar mapping of docs/api/typed-clients.md, and run
// over HTTP. The type assertions make `tsc` fail when a custom scalar is typed `unknown` again; the runtime checks
// show that the mapped types are what the server sends.
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';

import { graphql } from '../../src/generated/client/index.ts';
import { ArticlePageDocument, type ArticlePageQuery } from '../../src/generated/client/graphql.ts';
import { openReadFixture, SAMPLE_SLUG, type ReadFixture } from '../read/read-fixture.ts';
import type { TestServer } from '../support/server.ts';

/** Compile-time equality of two types: `assertType<Equal<A, B>>()` fails `tsc` unless A and B are the same. */
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function assertType<T extends true>(): T | void {}

const ClientTotals = graphql(/* GraphQL */ `
  query ClientTotals($slug: String!) {
    article(slug: $slug) {
      canonicalUrl
      wordCount
      updatedAt
      quotes {
        id
      }
    }
    quotes(first: 1) {
      totalCount
    }
    entities(first: 1) {
      totalCount
    }
  }
`);

const ClientCorrection = graphql(/* GraphQL */ `
  mutation ClientCorrection($id: ID!, $expectedRevision: Int!) {
    updateArticle(id: $id, expectedRevision: $expectedRevision, input: { byline: "Agencies" }) {
      article {
        revision
        revisions {
          at
          changes {
            field
            from
            to
          }
        }
      }
    }
  }
`);

/** What a typed client does: send the document, get back the result type codegen gave it. */
async function run<Result, Variables>(
  server: TestServer,
  document: TypedDocumentNode<Result, Variables>,
  variables: Variables,
): Promise<Result> {
  const { body } = await server.query<Result>(print(document), variables as Record<string, unknown>);
  if (body.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(body.errors)}`);
  return body.data as Result;
}

let fixture: ReadFixture;
beforeAll(async () => {
  fixture = await openReadFixture();
});
afterAll(() => fixture?.close());

test('the client preset types DateTime and URL as strings and every NonNegativeInt (totalCount) as a number', async () => {
  const data = await run(fixture.reader, ClientTotals, { slug: SAMPLE_SLUG });
  type Article = NonNullable<typeof data.article>;
  assertType<Equal<typeof data.quotes.totalCount, number>>();
  assertType<Equal<typeof data.entities.totalCount, number>>();
  assertType<Equal<Article['wordCount'], number>>();
  assertType<Equal<Article['updatedAt'], string>>();
  assertType<Equal<Article['canonicalUrl'], string | null>>();

  const totals: number[] = [data.quotes.totalCount, data.entities.totalCount, data.article!.wordCount];
  for (const total of totals) expect(Number.isInteger(total) && total >= 0).toBe(true);
  expect(data.quotes.totalCount).toBeGreaterThanOrEqual(data.article!.quotes.length);
  expect(new Date(data.article!.updatedAt).toISOString()).toBe(data.article!.updatedAt);
});

test('the example article page, typed by the client preset, answers with the mapped scalar types', async () => {
  const data: ArticlePageQuery = await run(fixture.reader, ArticlePageDocument, { slug: SAMPLE_SLUG });
  type Article = NonNullable<ArticlePageQuery['article']>;
  assertType<Equal<Article['publishedAt'], string | null>>();
  assertType<Equal<Article['media'][number]['media']['url'], string>>();
  assertType<Equal<Article['entities'][number]['mentionCount'], number>>();

  const article = data.article!;
  expect(typeof article.publishedAt).toBe('string');
  expect(article.media.length).toBeGreaterThan(0);
  for (const item of article.media) expect(new URL(item.media.url).href).toBeTruthy();
  for (const link of article.entities) expect(Number.isInteger(link.mentionCount)).toBe(true);
});

test('a typed mutation reads revision change sets as JSON values', async () => {
  const id = Buffer.from(`Article:${fixture.sampleArticleId}`).toString('base64url');
  const revision = (await fixture.db.prisma.article.findUniqueOrThrow({ where: { id: fixture.sampleArticleId } }))
    .revision;
  const data = await run(fixture.editor, ClientCorrection, { id, expectedRevision: revision });
  type Change = NonNullable<typeof data.updateArticle.article.revisions>[number]['changes'][number];
  assertType<Equal<Change['from'], unknown>>();
  assertType<Equal<NonNullable<typeof data.updateArticle.article.revisions>[number]['at'], string>>();

  const last = data.updateArticle.article.revisions!.at(-1)!;
  expect(last.changes).toContainEqual(expect.objectContaining({ field: 'byline', to: 'Agencies' }));
});
