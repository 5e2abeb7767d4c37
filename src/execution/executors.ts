// How Apollo executes operations. Production answers reads from PostgreSQL's rendered JSON where every selected
// field has a rendering (rendered.ts) and compiles the rest with graphql-jit (jit.ts). The tests compare that with
// graphql-js's own interpreter, and the bench measures each executor alone (bench/executor-server.ts).
import type { GatewayInterface } from '@apollo/server-gateway-interface';
import type { GraphQLSchema } from 'graphql';

import { jitGateway } from './jit.ts';
import { renderedExecution, type RenderedOutcomes } from './rendered.ts';

/**
 * 'sql': reads whose every field has an SQL rendering are answered with PostgreSQL's JSON, the rest as 'jit'.
 * 'jit': compiled per document by graphql-jit. 'graphql-js': interpreted by graphql-js.
 */
export type GraphQLExecutorName = 'sql' | 'jit' | 'graphql-js';

/** What ApolloServer is given to execute with: our schema behind a gateway, or the schema itself (graphql-js). */
export function apolloExecution(
  schema: GraphQLSchema,
  executor: GraphQLExecutorName = 'sql',
  outcomes?: RenderedOutcomes,
): { gateway: GatewayInterface } | { schema: GraphQLSchema } {
  switch (executor) {
    case 'graphql-js':
      return { schema };
    case 'jit':
      return { gateway: jitGateway(schema) };
    case 'sql':
      return { gateway: jitGateway(schema, { answerFirst: renderedExecution(schema, outcomes) }) };
  }
}
