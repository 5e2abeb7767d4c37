// Assembles the executable schema from the domains in DOMAINS: their SDL, resolvers, node fetchers and SQL
// projections (root plans: src/execution/root-plans.ts). Each domain declares what it contributes in its index.ts.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { makeExecutableSchema } from '@graphql-tools/schema';
import type { GraphQLSchema } from 'graphql';

import { articleModule } from './article/index.ts';
import { authorModule } from './author/index.ts';
import { translationModule } from './translation/index.ts';
import { cacheModule } from './cache/index.ts';
import { collectionModule } from './collection/index.ts';
import { type DomainModule, mergedProjections } from './domain-module.ts';
import { entityModule } from './entity/index.ts';
import { feedModule } from './feed/index.ts';
import { formatsModule } from './formats/index.ts';
import { assertEveryFieldResolves } from './field-resolution.ts';
import { ingestModule } from './ingest/index.ts';
import { liveBlogModule } from './live-blog/index.ts';
import { mediaModule } from './media/index.ts';
import { previewModule } from './preview/index.ts';
import { quoteModule } from './quote/index.ts';
import { schedulingModule } from './scheduling/index.ts';
import { revisionModule } from './revision/index.ts';
import { searchModule } from './search/index.ts';
import type { NodeType } from './shared/global-id.ts';
import { sharedModule } from './shared/index.ts';
import { taxonomyModule } from './taxonomy/index.ts';
import { createNodeResolvers, type NodeFetcher } from './shared/node.resolvers.ts';
import { webhooksModule } from './webhooks/index.ts';
import { installProjections } from './sql/projection.ts';

/** Every domain of the API. A domain left out of this list contributes nothing. */
export const DOMAINS: readonly DomainModule[] = [
  sharedModule,
  cacheModule,
  feedModule,
  articleModule,
  entityModule,
  quoteModule,
  mediaModule,
  authorModule,
  translationModule,
  taxonomyModule,
  collectionModule,
  liveBlogModule,
  searchModule,
  ingestModule,
  webhooksModule,
  formatsModule,
  schedulingModule,
  previewModule,
  revisionModule,
];

const SRC = path.dirname(fileURLToPath(import.meta.url));

/** The domains' SDL, in the order of their paths under src/ (the order of types in introspection). */
export function loadTypeDefs(domains: readonly DomainModule[] = DOMAINS): string[] {
  return domains
    .flatMap((domain) => domain.typeDefs)
    .map((file) => path.relative(SRC, file))
    .sort()
    .map((file) => readFileSync(path.join(SRC, file), 'utf8'));
}

function nodeFetchersOf(domains: readonly DomainModule[]): Map<NodeType, NodeFetcher> {
  return new Map(
    domains.flatMap((domain) => Object.entries(domain.nodeFetchers ?? {}) as Array<[NodeType, NodeFetcher]>),
  );
}

/**
 * The executable schema of `domains`; throws UnresolvedFieldsError, naming each field, when a field resolves to
 * nothing (src/field-resolution.ts), so a broken field stops the server at start.
 */
export function buildSchema(domains: readonly DomainModule[] = DOMAINS): GraphQLSchema {
  const schema = makeExecutableSchema({
    typeDefs: loadTypeDefs(domains),
    resolvers: [createNodeResolvers(nodeFetchersOf(domains)), ...domains.flatMap((domain) => domain.resolvers)],
  });
  assertEveryFieldResolves(schema, domains);
  installProjections(mergedProjections(domains));
  return schema;
}
