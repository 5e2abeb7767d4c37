// The entity domain: named entities, their mentions and co-mentions, and the entity mutations.
import { connectionDefaults, type DomainModule, sdlFiles } from '../domain-module.ts';
import { entityMutationResolvers } from './entity-mutations.resolvers.ts';
import { coMentionedEntityProjection, entityProjection, mentionProjection } from './entity.repository.ts';
import { entityResolvers, entityRootPlans, fetchEntityNode } from './entity.resolvers.ts';

export const entityModule: DomainModule = {
  name: 'entity',
  typeDefs: sdlFiles(import.meta.url, 'entity.graphql', 'entity-mutations.graphql'),
  resolvers: [entityResolvers, entityMutationResolvers],
  projections: { Entity: entityProjection, CoMentionedEntity: coMentionedEntityProjection, Mention: mentionProjection },
  nodeFetchers: { Entity: fetchEntityNode },
  rootPlans: entityRootPlans,
  defaultResolved: {
    ...connectionDefaults('Entity'),
    ...connectionDefaults('Mention'),
    EntityPayload: ['created'],
    MergeEntitiesPayload: ['movedMentions', 'movedQuotes', 'affectedArticles'],
  },
};
