// node(id:) and nodes(ids:): decode the global ID and hand it to the owning domain's loader.
import type { GraphQLContext } from '../context.ts';
import { decodeGlobalId, type NodeType } from './global-id.ts';

export type NodeFetcher = (id: string, context: GraphQLContext) => Promise<{ __typename: string } | null>;

/** node(id:) and nodes(ids:) over the fetchers of the domains src/schema.ts assembles. */
export function createNodeResolvers(fetchers: ReadonlyMap<NodeType, NodeFetcher>) {
  async function resolveNode(globalId: string, context: GraphQLContext) {
    const { type, id } = decodeGlobalId(globalId, 'id');
    const fetch = fetchers.get(type);
    return fetch ? fetch(id, context) : null;
  }
  return {
    Query: {
      node: (_: unknown, args: { id: string }, context: GraphQLContext) => resolveNode(args.id, context),
      nodes: (_: unknown, args: { ids: string[] }, context: GraphQLContext) =>
        Promise.all(args.ids.map((id) => resolveNode(id, context))),
    },
    Node: {
      __resolveType: (node: { __typename: string }) => node.__typename,
    },
  };
}
