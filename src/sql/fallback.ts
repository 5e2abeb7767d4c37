// Relation resolvers: the preloaded JSON when the parent row carries it, and otherwise (node(id:), fragments the
// root could not see, rows from other modules) a per-request DataLoader that runs the same subquery for all such
// parents in one batched statement.
import DataLoader from 'dataloader';
import type { GraphQLResolveInfo } from 'graphql';

import { loaderFor, type GraphQLContext } from '../context.ts';
import { sql, type SQL } from './fragment.ts';
import { projectionOf, type Preloaded } from './projection.ts';
import { runStatement } from './run.ts';
import { selectionOf } from './selection.ts';
import { statementFor } from './statement.ts';

function pathWithoutIndices(info: GraphQLResolveInfo): string {
  const keys: string[] = [];
  for (let path: GraphQLResolveInfo['path'] | undefined = info.path; path; path = path.prev) {
    if (typeof path.key === 'string') keys.push(path.key);
  }
  return keys.reverse().join('.');
}

/**
 * Resolver for a relation field: the preloaded JSON when the parent row carries it, otherwise a DataLoader per
 * request and field position (all parents at the same place in the query share one batched statement).
 */
export function relationResolver<R>(typeName: string, field: string) {
  return (
    parent: Preloaded & { id?: string },
    args: Record<string, unknown>,
    context: GraphQLContext,
    info: GraphQLResolveInfo,
  ): R | Promise<R> => {
    const relation = projectionOf(typeName).relations[field];
    const preloaded = parent.$?.[info.path.key as string];
    const finish = (raw: unknown) => (relation.finish ? relation.finish(raw, args) : raw) as R;
    if (preloaded !== undefined) return finish(preloaded);
    if (relation.byKey) {
      const key = (parent as Record<string, unknown>)[relation.byKey.parentKey] as string | null;
      return key == null ? finish(null) : fallbackLoader(context, info, typeName, field).load(key).then(finish);
    }
    if (!parent.id) throw new Error(`${typeName}.${field} was not preloaded and ${typeName} has no id to load it by.`);
    return fallbackLoader(context, info, typeName, field).load(parent.id).then(finish);
  };
}

function fallbackLoader(
  context: GraphQLContext,
  info: GraphQLResolveInfo,
  typeName: string,
  field: string,
): DataLoader<string, unknown> {
  return loaderFor(context, `${typeName}.${field}@${pathWithoutIndices(info)}`, () => {
    const tree = selectionOf(info);
    return new DataLoader<string, unknown>(async (ids) => {
      const projection = projectionOf(typeName);
      const relation = projection.relations[field];
      const statement = statementFor(context);
      const idList = statement.bind(ids, 'uuid[]');
      let query: SQL;
      if (relation.byKey) query = relation.byKey.sql(statement, idList, tree);
      else {
        if (!projection.table) throw new Error(`${typeName} rows cannot be loaded by id.`);
        const p = statement.alias('p');
        query = sql`SELECT ${p}.id AS k, ${relation.sql(statement, p, tree)} AS v FROM ${projection.table} ${p} WHERE ${p}.id = ANY(${idList})`;
      }
      const rows = await runStatement<{ k: string; v: unknown }>(context, query);
      const byId = new Map(rows.map((row) => [row.k, row.v]));
      return ids.map((id) => byId.get(id) ?? null);
    });
  });
}
