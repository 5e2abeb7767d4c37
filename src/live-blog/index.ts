// The live-blog domain: timestamped entries of LIVE articles, their writes and the subscription for new ones.
import { connectionDefaults, type DomainModule, sdlFiles } from '../domain-module.ts';
import { articleLiveRelations, liveEntryProjection } from './live-blog.repository.ts';
import { fetchLiveEntryNode, liveBlogMutationResolvers, liveBlogResolvers } from './live-blog.resolvers.ts';

export const liveBlogModule: DomainModule = {
  name: 'live-blog',
  typeDefs: sdlFiles(import.meta.url, 'live-blog.graphql'),
  resolvers: [liveBlogResolvers, liveBlogMutationResolvers],
  projections: { LiveEntry: liveEntryProjection },
  relationsOf: { Article: articleLiveRelations },
  nodeFetchers: { LiveEntry: fetchLiveEntryNode },
  defaultResolved: { ...connectionDefaults('LiveEntry'), DeleteLiveEntryPayload: ['deletedId'] },
};
