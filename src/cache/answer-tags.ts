// What a cached answer contains, as tags a change can evict it by. Two kinds:
//   - a record tag, the record's global ID, for every record (Article, Entity, Quote, Media: the types implementing
//     Node) whose id appears anywhere in the answer;
//   - a type tag, `type:<Type>`, where the answer may depend on records of that type that it does not name: a root
//     field listing records (a list, connection or search: any change may add or drop one), a record selected
//     without its `id`, and a nested list of records of the same type as the record holding it (`Article.related`,
//     `Entity.coMentioned`: derived from other records, not owned by the holder).
// A write evicts the record tags of every record it touched and the type tags of their types (touched-records.ts),
// so the invalidation follows from the answer itself, whatever root field or nesting produced it.
import {
  getNamedType,
  isAbstractType,
  isCompositeType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

import { NODE_TYPES, type NodeType } from '../shared/global-id.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// The lengths of base64url("<Type>:" + uuid) over the node types: strings of other lengths are not global IDs.
const globalIdLengths = NODE_TYPES.map((type) => Math.ceil(((type.length + 1 + 36) * 4) / 3));
const MIN_GLOBAL_ID_LENGTH = Math.min(...globalIdLengths);
const MAX_GLOBAL_ID_LENGTH = Math.max(...globalIdLengths);

/** The tag of answers that may show any record of `type` (lists of it, records of it selected without their id). */
export const typeTag = (type: string): string => `type:${type}`;

/** The record type a global ID names, or null when the string is not one of ours. */
function recordTypeOf(value: string): NodeType | null {
  if (value.length < MIN_GLOBAL_ID_LENGTH || value.length > MAX_GLOBAL_ID_LENGTH) return null;
  const decoded = Buffer.from(value, 'base64url').toString('utf8');
  const separator = decoded.indexOf(':');
  const type = decoded.slice(0, separator) as NodeType;
  return separator > 0 && NODE_TYPES.includes(type) && UUID.test(decoded.slice(separator + 1)) ? type : null;
}

/** The tags a change to these records evicts: each record, and its type (lists and id-less selections of it). */
export function evictionTags(globalIds: Iterable<string>): string[] {
  const tags = new Set<string>();
  for (const id of globalIds) {
    const type = recordTypeOf(id);
    if (!type) continue;
    tags.add(id);
    tags.add(typeTag(type));
  }
  return [...tags];
}

/** Every global ID in `data`, however deep; iterative (the answer's depth is bounded, but nothing here relies on it). */
function recordTagsIn(data: unknown): Set<string> {
  const tags = new Set<string>();
  const visit = (value: unknown, stack: object[]) => {
    if (typeof value === 'string') {
      if (value.length >= MIN_GLOBAL_ID_LENGTH && recordTypeOf(value)) tags.add(value);
    } else if (value !== null && typeof value === 'object') {
      stack.push(value);
    }
  };
  const stack: object[] = [];
  visit(data, stack);
  while (stack.length) {
    const value = stack.pop()!;
    if (Array.isArray(value)) for (const item of value) visit(item, stack);
    else for (const key in value) visit((value as Record<string, unknown>)[key], stack);
  }
  return tags;
}

const isListField = (type: GraphQLOutputType): boolean => isListType(isNonNullType(type) ? type.ofType : type);

/** The record types (Node implementations) a value of `type` may be. */
function recordTypes(schema: GraphQLSchema, type: GraphQLNamedType): GraphQLObjectType[] {
  const node = schema.getType('Node');
  if (!node || !isInterfaceType(node)) return [];
  const candidates = isAbstractType(type) ? schema.getPossibleTypes(type) : isObjectType(type) ? [type] : [];
  return candidates.filter((candidate) => candidate.getInterfaces().includes(node));
}

/** Record types reachable from `type` through types that are not records (connection → edge → node). */
function reachableRecordTypes(schema: GraphQLSchema, type: GraphQLNamedType): Set<string> {
  const found = new Set<string>();
  const seen = new Set<string>();
  const pending: GraphQLNamedType[] = [type];
  while (pending.length) {
    const current = pending.pop()!;
    if (seen.has(current.name) || !isCompositeType(current)) continue;
    seen.add(current.name);
    const records = recordTypes(schema, current);
    if (records.length) {
      for (const record of records) found.add(record.name);
      continue;
    }
    if ('getFields' in current)
      for (const field of Object.values(current.getFields())) pending.push(getNamedType(field.type));
  }
  return found;
}

/** Type tags an operation's answers carry whatever their data: memoised per document and operation. */
export function staticTypeTags(schema: GraphQLSchema, document: DocumentNode, operationName?: string | null): string[] {
  const operations = document.definitions.filter(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  const operation = operationName ? operations.find((o) => o.name?.value === operationName) : operations[0];
  const root = schema.getQueryType();
  if (!operation || !root) return [];
  const fragments = new Map(
    document.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((f) => [f.name.value, f]),
  );
  const tags = new Set<string>();
  const appliesTo = (condition: string | undefined, type: GraphQLObjectType) => {
    if (!condition || condition === type.name) return true;
    const conditionType = schema.getType(condition);
    return Boolean(conditionType && isAbstractType(conditionType) && schema.isSubType(conditionType, type));
  };
  const selectsId = (selectionSet: SelectionSetNode | undefined, type: GraphQLObjectType, depth = 0): boolean =>
    depth < 50 &&
    (selectionSet?.selections ?? []).some((selection) => {
      if (selection.kind === Kind.FIELD) return selection.name.value === 'id';
      if (selection.kind === Kind.INLINE_FRAGMENT)
        return (
          appliesTo(selection.typeCondition?.name.value, type) && selectsId(selection.selectionSet, type, depth + 1)
        );
      const fragment = fragments.get(selection.name.value);
      return Boolean(
        fragment &&
        appliesTo(fragment.typeCondition.name.value, type) &&
        selectsId(fragment.selectionSet, type, depth + 1),
      );
    });

  // `holder`: the record types of the nearest record around this selection; `inList`: a list lies between them.
  const visited = new Set<string>();
  const walk = (
    selectionSet: SelectionSetNode,
    parent: GraphQLCompositeType,
    holder: Set<string> | null,
    inList: boolean,
    isRoot: boolean,
  ) => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        const condition = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        if (condition && isCompositeType(condition)) walk(selection.selectionSet, condition, holder, inList, isRoot);
        continue;
      }
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments.get(selection.name.value);
        const key = `${selection.name.value}@${parent.name}@${[...(holder ?? [])].join()}@${inList}@${isRoot}`;
        if (!fragment || visited.has(key)) continue;
        visited.add(key);
        const condition = schema.getType(fragment.typeCondition.name.value);
        if (condition && isCompositeType(condition)) walk(fragment.selectionSet, condition, holder, inList, isRoot);
        continue;
      }
      const field = 'getFields' in parent ? parent.getFields()[selection.name.value] : undefined;
      if (!field) continue;
      const named = getNamedType(field.type);
      if (!isCompositeType(named)) continue;
      const records = recordTypes(schema, named);
      const list = isListField(field.type);
      if (isRoot && (list || !records.length))
        for (const type of reachableRecordTypes(schema, named)) tags.add(typeTag(type));
      if (records.length) {
        for (const record of records) {
          if (!selectsId(selection.selectionSet, record)) tags.add(typeTag(record.name));
          if ((list || inList) && holder?.has(record.name)) tags.add(typeTag(record.name));
        }
        if (selection.selectionSet)
          walk(selection.selectionSet, named, new Set(records.map((r) => r.name)), false, false);
      } else if (selection.selectionSet) {
        walk(selection.selectionSet, named, holder, inList || list || named.name.endsWith('Connection'), false);
      }
    }
  };
  walk(operation.selectionSet, root, null, false, true);
  return [...tags];
}

/** Every tag of an answer: the static type tags of its operation and the record tags of its data. */
export function answerTags(staticTags: string[], data: unknown): string[] {
  const tags = recordTagsIn(data);
  for (const tag of staticTags) tags.add(tag);
  return [...tags];
}
