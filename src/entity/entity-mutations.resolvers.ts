// upsertEntity and mergeEntities.
import type { GraphQLResolveInfo } from 'graphql';

import { announce } from '../article/article-mutations.resolvers.ts';
import { entityInputSchema, parseInput } from '../article/article-mutations.input.ts';
import { requireRole } from '../auth/authorize.ts';
import type { GraphQLContext } from '../context.ts';
import type { MutationMergeEntitiesArgs, MutationUpsertEntityArgs } from '../generated/graphql.ts';
import { notFound } from '../shared/errors.ts';
import { decodeGlobalId, encodeGlobalId } from '../shared/global-id.ts';
import { fieldsOf, selectionOf } from '../sql/selection.ts';
import { mapWriteErrors } from '../shared/write-errors.ts';
import { entityByKey } from './entity.repository.ts';
import { mergeEntities, upsertEntity } from './entity-mutations.repository.ts';

async function payloadEntity(
  parent: { entityId: string },
  _args: unknown,
  context: GraphQLContext,
  info: GraphQLResolveInfo,
) {
  const entity = await entityByKey(context, { id: parent.entityId }, fieldsOf(selectionOf(info), 'Entity'));
  if (!entity) throw notFound('The entity no longer exists.');
  return entity;
}

export const entityMutationResolvers = {
  Mutation: {
    upsertEntity: async (_: unknown, args: MutationUpsertEntityArgs, context: GraphQLContext) => {
      requireRole(context.viewer, 'EDITOR', 'upsertEntity');
      const id = args.input.id ? decodeGlobalId(args.input.id, 'input.id', 'Entity').id : null;
      const values = parseInput(entityInputSchema, { ...args.input, id: undefined }, 'input');
      const result = await mapWriteErrors('input', () => upsertEntity(context.db, { ...values, id }));
      // Answers that show the entity (its own page, articles naming it) are cached: evict them on every instance.
      await announce(context, { changes: [] }, [encodeGlobalId('Entity', result.entityId)]);
      return result;
    },
    mergeEntities: async (_: unknown, args: MutationMergeEntitiesArgs, context: GraphQLContext) => {
      requireRole(context.viewer, 'ADMIN', 'mergeEntities');
      const from = decodeGlobalId(args.from, 'from', 'Entity').id;
      const into = decodeGlobalId(args.into, 'into', 'Entity').id;
      const result = await mapWriteErrors('into', () => mergeEntities(context.db, from, into));
      await announce(context, result, [args.from, args.into]);
      return result;
    },
  },
  EntityPayload: { entity: payloadEntity },
  MergeEntitiesPayload: { entity: payloadEntity },
};
