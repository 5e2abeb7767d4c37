// The change feed: `changes` and `collectionChanges` (polling, by cursor) and the `articlePublished` subscription.
import { connectionDefaults, type DomainModule, sdlFiles } from '../domain-module.ts';
import { changeFeedResolvers } from './change-feed.resolvers.ts';

export const feedModule: DomainModule = {
  name: 'feed',
  typeDefs: sdlFiles(import.meta.url, 'change-feed.graphql'),
  resolvers: [changeFeedResolvers],
  defaultResolved: {
    ...connectionDefaults('ArticleChange'),
    ArticleChange: ['cursor', 'kind', 'revision', 'at'],
    ...connectionDefaults('CollectionChange'),
    CollectionChange: ['cursor', 'kind', 'revision', 'at'],
  },
};
