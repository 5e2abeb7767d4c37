// Ingest: `ingestArticle` turns a wire story into an article with its entities, quotes and media credits.
import { type DomainModule, sdlFiles } from '../domain-module.ts';
import { ingestResolvers } from './ingest.resolvers.ts';

export const ingestModule: DomainModule = {
  name: 'ingest',
  typeDefs: sdlFiles(import.meta.url, 'ingest.graphql'),
  resolvers: [ingestResolvers],
  defaultResolved: {
    IngestArticlePayload: ['created', 'unchanged', 'found'],
    IngestFound: ['entities', 'quotes', 'media'],
  },
};
