// Cache-Control from the schema's @cacheControl hints, worked out once per document instead of once per resolved
// field: Apollo's cacheControl plugin wraps every resolver to collect hints (hundreds of calls on an article page),
// while the hints depend only on the document's fields, so a walk of the parsed document, memoised with it, gives
// the same policy. Semantics follow Apollo's: a root field, or a field returning an object, interface or union, takes
// its hint from the field, else from its type, else maxAge 0 (unless `inheritMaxAge`); scalar fields count only
// when hinted; the answer's maxAge is the least of all, and PRIVATE wins over PUBLIC. For abstract types the
// least hint of the type and every possible object type applies (the walk cannot know which one comes back).
// Only anonymous readers' queries are cacheable at all: for signed-in viewers (who may see drafts) and for
// mutations the policy is `no-store`.
import type { ApolloServerPlugin } from '@apollo/server';
import {
  getNamedType,
  isAbstractType,
  isCompositeType,
  Kind,
  type DirectiveNode,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

import { isAnonymous, type GraphQLContext } from '../context.ts';

interface StaticCachePolicy {
  maxAge: number;
  scope: 'PUBLIC' | 'PRIVATE';
}

interface Hint {
  maxAge?: number;
  scope?: 'PUBLIC' | 'PRIVATE';
  inheritMaxAge?: boolean;
}

function hintFrom(directives: readonly DirectiveNode[] | undefined): Hint | undefined {
  const directive = directives?.find((d) => d.name.value === 'cacheControl');
  if (!directive) return undefined;
  const hint: Hint = {};
  for (const argument of directive.arguments ?? []) {
    const { value } = argument;
    if (argument.name.value === 'maxAge' && value.kind === Kind.INT) hint.maxAge = Number(value.value);
    if (argument.name.value === 'scope' && value.kind === Kind.ENUM) hint.scope = value.value as Hint['scope'];
    if (argument.name.value === 'inheritMaxAge' && value.kind === Kind.BOOLEAN) hint.inheritMaxAge = value.value;
  }
  return hint;
}

function typeHint(type: GraphQLNamedType): Hint | undefined {
  const nodes = [type.astNode, ...(type.extensionASTNodes ?? [])];
  for (const node of nodes) {
    const hint = hintFrom(node?.directives);
    if (hint) return hint;
  }
  return undefined;
}

/** The policy of `operationName` in `document` (the first operation when unnamed); null when not cacheable. */
function staticCachePolicy(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName?: string | null,
): StaticCachePolicy | null {
  const operations = document.definitions.filter(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  const operation = operationName ? operations.find((o) => o.name?.value === operationName) : operations[0];
  if (!operation || operation.operation !== 'query') return null;
  const fragments = new Map(
    document.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((f) => [f.name.value, f]),
  );
  let maxAge = Infinity;
  let scope: 'PUBLIC' | 'PRIVATE' = 'PUBLIC';
  const apply = (hint: Hint) => {
    if (hint.maxAge !== undefined) maxAge = Math.min(maxAge, hint.maxAge);
    if (hint.scope === 'PRIVATE') scope = 'PRIVATE';
  };

  const fieldPolicy = (field: GraphQLField<unknown, unknown>, isRoot: boolean) => {
    const fieldHint = hintFrom(field.astNode?.directives);
    const named = getNamedType(field.type);
    if (!isCompositeType(named) && !isRoot) {
      if (fieldHint) apply(fieldHint);
      return;
    }
    const candidates = isAbstractType(named) ? [named, ...schema.getPossibleTypes(named)] : [named];
    for (const type of candidates) {
      const hint: Hint = { ...typeHint(type), ...fieldHint };
      if (hint.inheritMaxAge && !isRoot) {
        if (hint.scope) apply({ scope: hint.scope });
        continue;
      }
      apply({ maxAge: hint.maxAge ?? 0, scope: hint.scope });
    }
  };

  const visited = new Set<string>();
  const walk = (selectionSet: SelectionSetNode, parent: GraphQLCompositeType, isRoot: boolean) => {
    for (const selection of selectionSet.selections) {
      if (maxAge === 0) return;
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        if (name === '__typename') continue;
        const parents = isAbstractType(parent) ? schema.getPossibleTypes(parent) : [parent];
        for (const type of parents) {
          const field = 'getFields' in type ? type.getFields()[name] : undefined;
          if (!field) {
            // Introspection (__schema, __type) and anything unknown: not cacheable.
            if (name.startsWith('__')) maxAge = 0;
            continue;
          }
          fieldPolicy(field, isRoot);
          const named = getNamedType(field.type);
          if (selection.selectionSet && isCompositeType(named)) walk(selection.selectionSet, named, false);
        }
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const condition = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        if (condition && isCompositeType(condition)) walk(selection.selectionSet, condition, isRoot);
      } else {
        const fragment = fragments.get(selection.name.value);
        const key = `${selection.name.value}@${parent.name}`;
        if (!fragment || visited.has(key)) continue;
        visited.add(key);
        const condition = schema.getType(fragment.typeCondition.name.value);
        if (condition && isCompositeType(condition)) walk(fragment.selectionSet, condition, isRoot);
      }
    }
  };
  const root = schema.getQueryType();
  if (!root) return null;
  walk(operation.selectionSet, root, true);
  return Number.isFinite(maxAge) && maxAge > 0 ? { maxAge, scope } : null;
}

/**
 * Sets each response's Cache-Control from the static policy (use with ApolloServerPluginCacheControlDisabled), and
 * exposes the policy to the response cache through `overallCachePolicy`.
 */
export function cachePolicyPlugin(schema: GraphQLSchema): ApolloServerPlugin<GraphQLContext> {
  // Apollo keeps parsed documents in its document store, so the same DocumentNode comes back for the same text.
  const memo = new WeakMap<DocumentNode, Map<string, StaticCachePolicy | null>>();
  const policyOf = (document: DocumentNode, operationName: string | null | undefined) => {
    let byOperation = memo.get(document);
    if (!byOperation) memo.set(document, (byOperation = new Map()));
    const key = operationName ?? '';
    if (!byOperation.has(key)) byOperation.set(key, staticCachePolicy(schema, document, operationName));
    return byOperation.get(key)!;
  };
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, document, operationName, overallCachePolicy }) {
          const policy = isAnonymous(contextValue.viewer) ? policyOf(document, operationName) : null;
          overallCachePolicy.restrict(policy ?? { maxAge: 0 });
        },
        async willSendResponse({ response, overallCachePolicy, contextValue }) {
          const policy = overallCachePolicy.policyIfCacheable();
          const cacheable = policy && response.body.kind === 'single' && !response.body.singleResult.errors;
          // A preview shows unpublished content to whoever holds the link: no cache on the way may keep it.
          if (contextValue.viewer.preview) response.http.headers.set('cache-control', 'private, no-store');
          if (!response.http.headers.has('cache-control')) {
            response.http.headers.set(
              'cache-control',
              cacheable ? `max-age=${policy.maxAge}, ${policy.scope.toLowerCase()}` : 'no-store',
            );
          }
        },
      };
    },
  };
}
