// Assembles the executable schema from each domain's SDL and resolvers.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { makeExecutableSchema } from '@graphql-tools/schema';
import type { GraphQLSchema } from 'graphql';

import { articleMutationResolvers } from './article/article-mutations.resolvers.ts';
import { articleResolvers } from './article/article.resolvers.ts';
import { entityMutationResolvers } from './entity/entity-mutations.resolvers.ts';
import { entityResolvers } from './entity/entity.resolvers.ts';
import { changeFeedResolvers } from './feed/change-feed.resolvers.ts';
import { ingestResolvers } from './ingest/ingest.resolvers.ts';
import { mediaMutationResolvers } from './media/media-mutations.resolvers.ts';
import { mediaResolvers } from './media/media.resolvers.ts';
import { quoteMutationResolvers } from './quote/quote-mutations.resolvers.ts';
import { quoteResolvers } from './quote/quote.resolvers.ts';
import { searchResolvers } from './search/search.resolvers.ts';
import { nodeResolvers } from './shared/node.resolvers.ts';
import { scalarResolvers } from './shared/scalars.ts';

const SRC = path.dirname(fileURLToPath(import.meta.url));

/** Every `*.graphql` file under src/, in a fixed order (codegen.yml reads the same files). */
export function loadTypeDefs(): string[] {
  return readdirSync(SRC, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.graphql') && !file.startsWith('generated'))
    .sort()
    .map((file) => readFileSync(path.join(SRC, file), 'utf8'));
}

export function buildSchema(): GraphQLSchema {
  return makeExecutableSchema({
    typeDefs: loadTypeDefs(),
    // One entry per domain; each domain's resolvers sit beside its SDL.
    resolvers: [scalarResolvers, nodeResolvers, changeFeedResolvers, articleResolvers, entityResolvers, quoteResolvers, mediaResolvers,
      articleMutationResolvers, entityMutationResolvers, quoteMutationResolvers, mediaMutationResolvers, searchResolvers, ingestResolvers],
  });
}
