// Reads answered by PostgreSQL's own JSON. When every field a query selects has an exact SQL rendering, each root
// field's plan (root-plans.ts) builds a statement in response mode (src/sql/render.ts) that yields its response JSON, in
// the query's key order, and that text is sent as it came. No rows parsed into objects, no resolvers, no
// re-serialisation: the part of a request that grows with the response is left to PostgreSQL. Any other operation
// (a field without a rendering, a mutation, bad arguments) is executed by resolvers, from the start.
import type { GatewayGraphQLRequestContext } from '@apollo/server-gateway-interface';
import {
  type DocumentNode,
  type ExecutionResult,
  type FormattedExecutionResult,
  type FragmentDefinitionNode,
  type FieldNode,
  getNamedType,
  type GraphQLObjectType,
  type GraphQLSchema,
  isNonNullType,
  isObjectType,
  isUnionType,
  Kind,
  type SelectionSetNode,
  visit,
  BREAK,
} from 'graphql';
import { collectFields, collectSubfields } from 'graphql/execution/collectFields.js';
import { getArgumentValues } from 'graphql/execution/values.js';

import { canSeeUnpublished, type GraphQLContext } from '../context.ts';
import { NoSearchSlot } from '../db/search-admission.ts';
import { NotRenderable, RenderedStatement, RESOLVERS_MUST_ANSWER } from '../sql/render.ts';
import { runStatement, type RootPlan } from '../sql/run.ts';
import type { ResolveTree } from '../sql/selection.ts';
import { SqlStatement } from '../sql/statement.ts';
import { ROOT_PLANS } from './root-plans.ts';

/** Unions whose fields render each member's selection from a type column of their own (search hits' items). */
const RENDERED_UNIONS = new Set(['SearchItem']);

const RENDERED_JSON = Symbol('response JSON rendered by PostgreSQL');

/** What renderedExecution keeps per parsed document. */
interface DocumentState {
  fragments: Record<string, FragmentDefinitionNode>;
  /** Operations (by name) found not renderable: not tried again. */
  declined: Set<string>;
  /**
   * The selection under a root field (by operation name and response key) when nothing under it reads a variable:
   * the same at every request of the document, so it is collected once (collecting it per request is about a fifth of
   * what an article page allocates per request); null when it reads one and is collected every time.
   */
  selections: Map<string, ResolveTree | null>;
}

/** `data` whose JSON text is already written: Apollo carries it to `stringifyResult` untouched. */
type RenderedData = { [RENDERED_JSON]: string };

function isRendered(data: unknown): data is RenderedData {
  return typeof data === 'object' && data !== null && RENDERED_JSON in data;
}

/** The result as JSON text (Apollo's `stringifyResult` adds its newline): rendered `data` is spliced in as is. */
export function resultJson(result: FormattedExecutionResult): string {
  if (!isRendered(result.data)) return JSON.stringify(result);
  const rendered = result.data[RENDERED_JSON];
  const members = Object.entries(result).flatMap(([key, value]) =>
    value === undefined ? [] : [`${JSON.stringify(key)}:${key === 'data' ? rendered : JSON.stringify(value)}`],
  );
  return `{${members.join(',')}}`;
}

/** `data` as objects, for the few who read it after execution (the response cache's invalidation tags). */
export function dataObject(data: unknown): Record<string, unknown> | null | undefined {
  return isRendered(data)
    ? (JSON.parse(data[RENDERED_JSON]) as Record<string, unknown>)
    : (data as Record<string, unknown> | null | undefined);
}

/**
 * Operations answered from rendered JSON, declined while building (a field without a rendering), and handed to
 * resolvers after the statement ran (a value marked RESOLVERS_MUST_ANSWER) or failed. Counted only where one is
 * given (ServerOptions.renderedOutcomes): the tests check each path with it.
 */
export interface RenderedOutcomes {
  rendered: number;
  declined: number;
  handedToResolvers: number;
  failed: number;
  lastFailure: string;
}

export const noRenderedOutcomes = (): RenderedOutcomes => ({
  rendered: 0,
  declined: 0,
  handedToResolvers: 0,
  failed: 0,
  lastFailure: '',
});

type Context = GatewayGraphQLRequestContext<GraphQLContext>;

/** Answers an operation from rendered JSON, or undefined when resolvers must execute it. */
export type RenderedExecution = (
  requestContext: Context,
  variables: Record<string, unknown>,
) => Promise<ExecutionResult | undefined>;

/**
 * Returns the operation's result when it could be answered from rendered JSON; undefined when resolvers must
 * execute it (before any statement has run, or after one failed: resolvers then report the failure their way).
 */
export function renderedExecution(
  schema: GraphQLSchema,
  outcomes: RenderedOutcomes = noRenderedOutcomes(),
  plans: ReadonlyMap<string, RootPlan> = ROOT_PLANS,
): RenderedExecution {
  const queryType = schema.getQueryType()!;
  const documents = new WeakMap<DocumentNode, DocumentState>();
  const stateOf = (document: DocumentNode): DocumentState => {
    let state = documents.get(document);
    if (!state) {
      const fragments: Record<string, FragmentDefinitionNode> = {};
      for (const definition of document.definitions)
        if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
      documents.set(document, (state = { fragments, declined: new Set(), selections: new Map() }));
    }
    return state;
  };
  return async ({ document, operation, operationName, context }, variables) => {
    if (!operation || operation.operation !== 'query') return undefined;
    const operationKey = operationName ?? '';
    const { fragments, declined, selections } = stateOf(document);
    if (declined.has(operationKey)) {
      outcomes.declined += 1;
      return undefined;
    }
    const members: Array<{ key: string; json?: string; planned?: RenderedStatement; nullable: boolean }> = [];
    try {
      for (const [key, nodes] of collectFields(schema, fragments, variables, queryType, operation.selectionSet)) {
        const name = nodes[0].name.value;
        if (name === '__typename') {
          members.push({ key, json: JSON.stringify(queryType.name), nullable: false });
          continue;
        }
        const field = queryType.getFields()[name];
        const plan = plans.get(name);
        if (!plan || !field) throw new NotRenderable(`Query.${name}`);
        const selectionKey = `${operationKey}\u0000${key}`;
        let kept = selections.get(selectionKey);
        if (kept === undefined)
          selections.set(
            selectionKey,
            (kept = readsVariables(nodes, fragments)
              ? null
              : collectedSelection(schema, fragments, variables, queryType, key, nodes)),
          );
        const selection = kept
          ? { ...kept, args: getArgumentValues(field, nodes[0], variables) as ResolveTree['args'] }
          : collectedSelection(schema, fragments, variables, queryType, key, nodes);
        const planned = plan(
          selection.args,
          selection,
          new SqlStatement(canSeeUnpublished(context.viewer), schema, true, context.viewer.preview?.articleIds),
        );
        members.push({ key, planned, nullable: !isNonNullType(field.type) });
      }
    } catch (error) {
      if (!(error instanceof NotRenderable)) {
        outcomes.lastFailure = (error as Error).message;
      } else {
        context.logger.debug(
          { operation: operationName ?? null, field: error.message },
          'not rendered in SQL: answered by resolvers',
        );
        outcomes.declined += 1;
        declined.add(operationKey);
      }
      return undefined;
    }
    try {
      await Promise.all(
        members.map(async (member) => {
          if (!member.planned) return;
          const rows = await runStatement<{ v: string }>(context, member.planned.fragment, member.planned.options);
          if (rows[0]) member.planned.readRow?.(rows[0]);
          member.json = rows[0]?.v ?? 'null';
        }),
      );
    } catch (error) {
      // Resolvers run the operation again and report a failure of their own (an outage) their way; a rendering
      // bug would only show as slowness, so it is logged.
      // Refused a search slot: resolvers report it at once (context.searchRefused), nothing to log.
      if (!(error instanceof NoSearchSlot))
        context.logger.warn(
          { err: error, operation: operationName ?? null },
          'rendered statement failed: answered by resolvers',
        );
      outcomes.failed += 1;
      outcomes.lastFailure = (error as Error).message;
      return undefined;
    }
    // A non-null root without a value is an error to report, as is any marked value: resolvers do that.
    if (
      members.some(
        (member) => (member.json === 'null' && !member.nullable) || member.json!.includes(RESOLVERS_MUST_ANSWER),
      )
    ) {
      outcomes.handedToResolvers += 1;
      return undefined;
    }
    outcomes.rendered += 1;
    const data: RenderedData = {
      [RENDERED_JSON]: `{${members.map((member) => `${JSON.stringify(member.key)}:${member.json}`).join(',')}}`,
    };
    return { data };
  };
}

/** Whether an argument or directive under `fieldNodes`, or in a fragment spread there, reads a variable. */
function readsVariables(
  fieldNodes: ReadonlyArray<FieldNode>,
  fragments: Record<string, FragmentDefinitionNode>,
): boolean {
  const spread = new Set<string>();
  const reads = (selectionSet: SelectionSetNode): boolean => {
    let found = false;
    visit(selectionSet, {
      Variable() {
        found = true;
        return BREAK;
      },
      FragmentSpread(node) {
        const fragment = fragments[node.name.value];
        if (!fragment || spread.has(node.name.value)) return;
        spread.add(node.name.value);
        if (reads(fragment.selectionSet)) {
          found = true;
          return BREAK;
        }
      },
    });
    return found;
  };
  return fieldNodes.some((node) => node.selectionSet !== undefined && reads(node.selectionSet));
}

/**
 * The selection under a field as graphql-js's executor collects it for the field's (object) type: fragments on the
 * type or its interfaces applied, @skip/@include decided, `__typename` kept, keys in response order. Abstract
 * types have no rendering (which object each value is would be known only from its row), but for RENDERED_UNIONS,
 * collected for each member type.
 */
function collectedSelection(
  schema: GraphQLSchema,
  fragments: Record<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>,
  parentType: GraphQLObjectType,
  key: string,
  fieldNodes: ReadonlyArray<FieldNode>,
): ResolveTree {
  const name = fieldNodes[0].name.value;
  if (name === '__typename') return { name, alias: key, args: {}, fieldsByTypeName: {} };
  const field = parentType.getFields()[name];
  const type = getNamedType(field.type);
  const fieldsByTypeName: ResolveTree['fieldsByTypeName'] = {};
  const objectTypes = isObjectType(type)
    ? [type]
    : isUnionType(type) && RENDERED_UNIONS.has(type.name)
      ? type.getTypes()
      : [];
  if (objectTypes.length) {
    for (const objectType of objectTypes) {
      const fields: Record<string, ResolveTree> = {};
      for (const [subKey, nodes] of collectSubfields(schema, fragments, variables, objectType, fieldNodes))
        fields[subKey] = collectedSelection(schema, fragments, variables, objectType, subKey, nodes);
      fieldsByTypeName[objectType.name] = fields;
    }
  } else if (fieldNodes[0].selectionSet) {
    throw new NotRenderable(`${parentType.name}.${name}: abstract type ${type.name}`);
  }
  return {
    name,
    alias: key,
    args: getArgumentValues(field, fieldNodes[0], variables) as ResolveTree['args'],
    fieldsByTypeName,
  };
}
