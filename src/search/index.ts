// The search domain: full-text search over articles, quotes and entities, with facets, in one statement.
import { connectionDefaults, type DomainModule, sdlFiles } from '../domain-module.ts';
import { searchResolvers, searchRootPlans } from './search.resolvers.ts';

export const searchModule: DomainModule = {
  name: 'search',
  typeDefs: sdlFiles(import.meta.url, 'search.graphql'),
  resolvers: [searchResolvers],
  rootPlans: searchRootPlans,
  defaultResolved: {
    ...connectionDefaults('Search'),
    SearchHit: ['score'],
    SectionFacet: ['value', 'count', 'section'],
    EntityFacet: ['entity', 'count'],
    TagFacet: ['value', 'tag', 'count'],
    TypeFacet: ['type', 'count'],
  },
};
