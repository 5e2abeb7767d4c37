// Formats: the article in the industry's exchange formats (ninjs 3.1, schema.org JSON-LD); ninjs import lives in
// src/formats/ninjs/ and is reached through ingest.
import { type DomainModule, sdlFiles } from '../domain-module.ts';
import { formatsResolvers } from './formats.resolvers.ts';

export const formatsModule: DomainModule = {
  name: 'formats',
  typeDefs: sdlFiles(import.meta.url, 'formats.graphql'),
  resolvers: [formatsResolvers],
};
