// What every domain builds on: the Node interface, scalars and PageInfo. `node(id:)` is assembled in
// src/schema.ts from the node fetchers of all domains.
import { type DomainModule, sdlFiles } from '../domain-module.ts';
import { scalarResolvers } from './scalars.ts';

export const sharedModule: DomainModule = {
  name: 'shared',
  typeDefs: sdlFiles(import.meta.url, 'base.graphql'),
  resolvers: [scalarResolvers],
  defaultResolved: { PageInfo: ['hasNextPage', 'hasPreviousPage', 'startCursor', 'endCursor'] },
};
