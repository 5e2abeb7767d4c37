// The search query: one statement per request (src/search/search.repository.ts); fields read what it computed.
import type { QuerySearchArgs, Resolvers } from '../generated/graphql.ts';
import { readLimit, totalCountOf } from '../shared/pagination.ts';
import type { RootPlan } from '../sql/run.ts';
import { selectionOf } from '../sql/selection.ts';
import {
  planSearch,
  searchPage,
  type SearchConnectionPage,
  type SearchFacetsRow,
  type SearchHitRow,
  type SearchItemRow,
} from './search.repository.ts';

function computed<T>(value: T | undefined, field: string): T {
  if (value === undefined) throw new Error(`${field} was selected but not computed with the search.`);
  return value;
}

/** Query.search planned for response mode (src/execution/rendered.ts); its arguments are graphql-js's coercion. */
export const searchRootPlans: Record<string, RootPlan> = {
  search: (args, tree, statement) => planSearch(statement, args as QuerySearchArgs, tree),
};

export const searchResolvers: Resolvers = {
  Query: {
    search: (_, args, context, info) => searchPage(context, args, selectionOf(info)),
  },
  SearchConnection: {
    totalCount: totalCountOf,
    facets: (page: SearchConnectionPage) => computed(page.facets, 'SearchConnection.facets'),
  },
  SearchHit: {
    snippet: (hit: SearchHitRow) => computed(hit.snippet, 'SearchHit.snippet'),
    item: (hit: SearchHitRow) => computed(hit.item, 'SearchHit.item'),
  },
  SearchItem: {
    __resolveType: (item) => (item as SearchItemRow).__typename,
  },
  SearchFacets: {
    sections: (facets: SearchFacetsRow) => computed(facets.sections, 'SearchFacets.sections'),
    types: (facets: SearchFacetsRow) => computed(facets.types, 'SearchFacets.types'),
    tags: (facets: SearchFacetsRow, args) =>
      computed(facets.tags, 'SearchFacets.tags').slice(0, readLimit(args.first, 'first', 10)),
    // The statement fetched as many as the largest `first` asked for; each selection takes its own.
    entities: (facets: SearchFacetsRow, args) =>
      computed(facets.entities, 'SearchFacets.entities').slice(0, readLimit(args.first, 'first', 10)),
  },
};
