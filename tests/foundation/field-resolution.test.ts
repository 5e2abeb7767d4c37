// The start-up check that every SDL field resolves (src/field-resolution.ts), on the real domain list and on
// domain lists broken the ways a change can break them: a resolver removed or renamed, a field added to the SDL
// alone, a projection column or declaration left behind.
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { makeExecutableSchema } from '@graphql-tools/schema';

import { articleModule } from '../../src/article/index.ts';
import type { DomainModule } from '../../src/domain-module.ts';
import { fieldResolutionProblems, UnresolvedFieldsError } from '../../src/field-resolution.ts';
import { buildSchema, DOMAINS, loadTypeDefs } from '../../src/schema.ts';
import { sharedModule } from '../../src/shared/index.ts';
import { createNodeResolvers } from '../../src/shared/node.resolvers.ts';
import { jsonColumns } from '../../src/sql/projection.ts';

const SRC = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../src');

/** DOMAINS with `domain` replaced by `replacement`. */
const replacing = (domain: DomainModule, replacement: DomainModule) =>
  DOMAINS.map((d) => (d === domain ? replacement : d));

/** The article module with `Article.<field>`'s resolver removed (or renamed to `renamedTo`). */
function articleWithoutResolver(field: string, renamedTo?: string): DomainModule {
  const resolvers = articleModule.resolvers.map((map) => {
    const article = map.Article as Record<string, unknown> | undefined;
    if (!article || !(field in article)) return map;
    const { [field]: resolver, ...rest } = article;
    return { ...map, Article: renamedTo ? { ...rest, [renamedTo]: resolver } : rest };
  });
  return { ...articleModule, resolvers };
}

function problemsWithExtraSdl(sdl: string, domains: readonly DomainModule[] = DOMAINS): string[] {
  const schema = makeExecutableSchema({
    typeDefs: [...loadTypeDefs(domains), sdl],
    resolvers: [createNodeResolvers(new Map()), ...domains.flatMap((d) => d.resolvers)],
  });
  return fieldResolutionProblems(schema, domains);
}

test('every field of the assembled schema has a resolver, a projection column or a default-resolved declaration', () => {
  expect(fieldResolutionProblems(buildSchema(), DOMAINS)).toEqual([]);
});

test('every SDL file under src/ belongs to exactly one domain, so the schema and codegen read the same files', () => {
  const files = readdirSync(SRC, { recursive: true, encoding: 'utf8' }).filter(
    (file) => file.endsWith('.graphql') && !file.startsWith('generated'),
  );
  const claimed = DOMAINS.flatMap((domain) => domain.typeDefs.map((file) => path.relative(SRC, file)));
  expect([...claimed].sort()).toEqual([...files].sort());
});

test('removing the resolver of a relation stops the schema from building, naming the field', () => {
  const build = () => buildSchema(replacing(articleModule, articleWithoutResolver('quotes')));
  expect(build).toThrow(UnresolvedFieldsError);
  expect(build).toThrow(
    'Article.quotes is a relation of the Article projection but has no resolver (use relationResolver).',
  );
});

test('removing the resolver of a field rendered in SQL names the field', () => {
  const build = () => buildSchema(replacing(articleModule, articleWithoutResolver('readingTimeMinutes')));
  expect(build).toThrow('Article.readingTimeMinutes is rendered in SQL but has no resolver for row mode.');
});

test('renaming a resolver to a field the SDL does not have stops the schema from building, naming it', () => {
  expect(() => buildSchema(replacing(articleModule, articleWithoutResolver('quotes', 'quotez')))).toThrow(
    /Article\.quotez/,
  );
});

test('a field added to the SDL alone is named, with what it lacks', () => {
  expect(problemsWithExtraSdl('extend type Article { dateline: String }')).toEqual([
    'Article.dateline has no resolver and is not a column of the Article projection.',
  ]);
  expect(problemsWithExtraSdl('type Byline { name: String } extend type Query { byline: Byline }')).toEqual([
    'Query.byline has no resolver.',
    "Byline.name has no resolver and is not declared in its domain's defaultResolved.",
  ]);
});

test("a bogus field in a domain's SDL file stops buildSchema, as the server calls it at start", () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'field-resolution-'));
  try {
    const file = path.join(dir, 'article-extra.graphql');
    writeFileSync(file, 'extend type Article {\n  "Not backed by anything."\n  bogus: String\n}\n');
    const withBogus: DomainModule = { ...articleModule, typeDefs: [...articleModule.typeDefs, file] };
    expect(() => buildSchema(replacing(articleModule, withBogus))).toThrow(
      'The schema has fields that resolve to nothing (see docs/adding-a-field.md):\n  Article.bogus has no resolver and is not a column of the Article projection.',
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a column dropped from a projection names the field that read it', () => {
  const projection = articleModule.projections!.Article;
  const names = [...projection.columns.names].filter((name) => name !== 'headline');
  const withoutHeadline: DomainModule = {
    ...articleModule,
    projections: {
      ...articleModule.projections,
      Article: { ...projection, columns: jsonColumns(names, [...projection.columns.timestamps]) },
    },
  };
  expect(fieldResolutionProblems(buildSchema(), replacing(articleModule, withoutHeadline))).toEqual([
    'Article.headline has no resolver and is not a column of the Article projection.',
  ]);
});

test('declarations that name fields the schema does not have are reported, so a rename leaves nothing stale', () => {
  const projection = articleModule.projections!.Article;
  const stale: DomainModule = {
    ...articleModule,
    projections: {
      ...articleModule.projections,
      Article: { ...projection, relations: { ...projection.relations, quotations: projection.relations.quotes } },
    },
  };
  const shared: DomainModule = {
    ...sharedModule,
    defaultResolved: { PageInfo: [...sharedModule.defaultResolved!.PageInfo, 'totalPages'] },
  };
  const domains = replacing(sharedModule, shared).map((d) => (d === articleModule ? stale : d));
  expect(fieldResolutionProblems(buildSchema(), domains)).toEqual([
    'The Article projection declares quotations, which is not a field of Article.',
    'PageInfo.totalPages is declared default-resolved but is not in the schema.',
  ]);
});
