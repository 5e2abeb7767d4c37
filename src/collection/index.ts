// The collection domain: curated fronts (ordered articles with headline overrides) and hand-picked related stories.
import { type DomainModule, sdlFiles } from '../domain-module.ts';
import {
  collectionMutationResolvers,
  collectionResolvers,
  collectionRootPlans,
  fetchCollectionNode,
} from './collection.resolvers.ts';
import { collectionItemProjection, collectionProjection } from './collection.repository.ts';

export const collectionModule: DomainModule = {
  name: 'collection',
  typeDefs: sdlFiles(import.meta.url, 'collection.graphql', 'collection-mutations.graphql'),
  resolvers: [collectionResolvers, collectionMutationResolvers],
  projections: { Collection: collectionProjection, CollectionItem: collectionItemProjection },
  nodeFetchers: { Collection: fetchCollectionNode },
  rootPlans: collectionRootPlans,
  defaultResolved: { DeleteCollectionPayload: ['deletedCollectionId'] },
};
