// The GraphQL selection under a field, as the SQL builders read it: parsed once per field, with the fields of
// fragments on a type's interfaces merged in.
import type { GraphQLResolveInfo } from 'graphql';
import { parseResolveInfo, type ResolveTree } from 'graphql-parse-resolve-info';

import { interfacesOf } from './projection.ts';

export type { ResolveTree } from 'graphql-parse-resolve-info';
export type Fields = Record<string, ResolveTree>;

/** The selection of a field, parsed once (fragments, aliases, @skip/@include and argument defaults resolved). */
export function selectionOf(info: GraphQLResolveInfo): ResolveTree {
  return parseResolveInfo(info) as ResolveTree;
}

/** Fields selected on `typeName` under `tree` (including fragments on the type's interfaces). */
export function fieldsOf(tree: ResolveTree | undefined, typeName: string): Fields {
  if (!tree) return {};
  const own = tree.fieldsByTypeName[typeName] ?? {};
  const interfaces = interfacesOf(typeName);
  const extra = interfaces.map((name) => tree.fieldsByTypeName[name]).filter(Boolean);
  return extra.length ? Object.assign({}, ...extra, own) : own;
}

/** All selections of `name` (any alias) among `fields`. */
export function selectionsNamed(fields: Fields, name: string): ResolveTree[] {
  return Object.values(fields).filter((field) => field.name === name);
}

/**
 * Fields selected on the node type through every `edges { node { ... } }` of a connection selection, merged.
 * A relation selected twice under the same response key with different arguments (possible across two `node`
 * aliases) is left out, so both resolve through the fallback loader instead of sharing one preload.
 */
export function connectionNodeFields(tree: ResolveTree, connectionType: string, nodeType: string): Fields {
  const merged: Fields = {};
  const conflicts = new Set<string>();
  for (const edges of selectionsNamed(fieldsOf(tree, connectionType), 'edges')) {
    for (const node of selectionsNamed(fieldsOf(edges, `${connectionType.replace(/Connection$/, '')}Edge`), 'node')) {
      for (const [key, field] of Object.entries(fieldsOf(node, nodeType))) {
        if (merged[key] && JSON.stringify(merged[key]) !== JSON.stringify(field)) conflicts.add(key);
        merged[key] = field;
      }
    }
  }
  for (const key of conflicts) delete merged[key];
  return merged;
}
