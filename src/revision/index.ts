// The revision domain: staged edits of published articles (kept on a hidden copy until published) and restoring
// the content of an earlier revision.
import { type DomainModule, sdlFiles } from '../domain-module.ts';
import { revisionResolvers } from './revision.resolvers.ts';

export const revisionModule: DomainModule = {
  name: 'revision',
  typeDefs: sdlFiles(import.meta.url, 'revision.graphql'),
  resolvers: [revisionResolvers],
};
