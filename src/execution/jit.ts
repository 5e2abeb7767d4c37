// GraphQL execution compiled per document with graphql-jit instead of graphql-js's interpreter: the read pages
// resolve hundreds of fields from one SQL result, and graphql-js spends more CPU walking them than the rest of the
// request. Apollo Server takes a custom executor only through its gateway interface; this "gateway" serves our own
// schema, unchanged, and compiles each parsed document once (Apollo's document store hands back the same
// DocumentNode for the same query text, so the compiled query is found again by identity).
import type {
  GatewayExecutionResult,
  GatewayExecutor,
  GatewayGraphQLRequestContext,
  GatewayInterface,
} from '@apollo/server-gateway-interface';
import {
  type DocumentNode,
  execute,
  type ExecutionResult,
  GraphQLError,
  type GraphQLSchema,
  printSchema,
  valueFromASTUntyped,
} from 'graphql';
import { getVariableValues } from 'graphql/execution/values.js';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';

import type { GraphQLContext } from '../context.ts';
import type { RenderedExecution } from './rendered.ts';

/** `answerFirst`: tried on every operation with its checked variables; compiled execution when it answers nothing. */
export interface JitOptions {
  answerFirst?: RenderedExecution;
}

type Compiled = CompiledQuery<Record<string, unknown>, Record<string, unknown>> | ExecutionResult;

function jitExecutor(schema: GraphQLSchema, options: JitOptions = {}): GatewayExecutor {
  const rendered = options.answerFirst;
  const compiled = new WeakMap<DocumentNode, Map<string, Compiled>>();
  const compiledFor = (document: DocumentNode, operationName: string | undefined): Compiled => {
    let byOperation = compiled.get(document);
    if (!byOperation) compiled.set(document, (byOperation = new Map()));
    let query = byOperation.get(operationName ?? '');
    if (!query)
      byOperation.set(operationName ?? '', (query = compileQuery(schema, document, operationName) as Compiled));
    return query;
  };
  return async (requestContext) => {
    // No operation to run (an operation name that names none): graphql-js words the refusal, as without the compiler.
    if (!requestContext.operation) {
      const { document, operationName, context, request } = requestContext;
      return (await execute({
        schema,
        document,
        operationName: operationName ?? request.operationName,
        contextValue: context,
        variableValues: request.variables,
      })) as GatewayExecutionResult;
    }
    const query = compiledFor(
      requestContext.document,
      requestContext.operationName ?? requestContext.request.operationName,
    );
    if (!isCompiledQuery(query)) return query as GatewayExecutionResult;
    // Variables are checked by graphql-js, so a bad one is refused exactly as without the compiler (Apollo turns
    // these errors into 400 BAD_USER_INPUT by their shape); graphql-jit then gets them with their defaults filled
    // in, which it does not do itself for a non-null variable.
    const definitions = requestContext.operation.variableDefinitions ?? [];
    const inputs: Record<string, unknown> = { ...requestContext.request.variables };
    const checked = getVariableValues(schema, definitions, inputs);
    if (checked.errors) return { errors: checked.errors };
    for (const definition of definitions) {
      const name = definition.variable.name.value;
      if (inputs[name] === undefined && definition.defaultValue)
        inputs[name] = valueFromASTUntyped(definition.defaultValue);
    }
    if (rendered) {
      const result = await rendered(requestContext as GatewayGraphQLRequestContext<GraphQLContext>, checked.coerced);
      if (result) return result as GatewayExecutionResult;
    }
    const result = await query.query(undefined, requestContext.context, inputs);
    return (
      result.errors ? { ...result, errors: result.errors.map(asGraphQLError) } : result
    ) as GatewayExecutionResult;
  };
}

/**
 * graphql-jit's errors are read-only look-alikes of GraphQLError; Apollo's error plugins (graphql-armor's
 * suggestion masking) rewrite messages in place, so each becomes graphql-js's own, with the same content.
 */
function asGraphQLError(error: GraphQLError): GraphQLError {
  const copy = new GraphQLError(error.message, {
    path: error.path,
    originalError: error.originalError,
    extensions: error.extensions,
  });
  if (error.locations) Object.assign(copy, { locations: error.locations });
  return copy;
}

/** Our schema behind Apollo's gateway interface, executed by jitExecutor. */
export function jitGateway(schema: GraphQLSchema, options: JitOptions = {}): GatewayInterface {
  return {
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: printSchema(schema) });
      return () => undefined;
    },
    async load() {
      return { executor: jitExecutor(schema, options) };
    },
    async stop() {},
  };
}
