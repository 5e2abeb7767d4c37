// The one place domain failures become GraphQL errors with a stable `extensions.code`.
import { GraphQLError } from 'graphql';

export const ErrorCode = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  NOT_FOUND: 'NOT_FOUND',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  CONFLICT: 'CONFLICT',
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/**
 * A document the schema refuses, coded as Apollo codes it over HTTP; the WebSocket server's validation errors come
 * uncoded, and an uncoded error is answered as an internal one.
 */
export function validationFailed(error: GraphQLError): GraphQLError {
  const { nodes, source, positions, path, originalError } = error;
  return new GraphQLError(error.message, {
    nodes,
    source,
    positions,
    path,
    originalError,
    extensions: { ...error.extensions, code: 'GRAPHQL_VALIDATION_FAILED' },
  });
}

/** Bad input, naming the argument (or input path) at fault. */
export function badUserInput(message: string, argumentName?: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: ErrorCode.BAD_USER_INPUT, ...(argumentName ? { argumentName } : {}) },
  });
}

/** The `http` extension of an error the client should retry after `seconds`: Apollo answers with its status and header. */
export function retryAfterHttp(status: number, seconds: number): { status: number; headers: Record<string, string> } {
  // Apollo reads error headers as a Map; graphql-yoga's type augmentation (pulled in by render-graphiql) says Record.
  const headers = new Map([['retry-after', String(seconds)]]) as unknown as Record<string, string>;
  return { status, headers };
}

export function notFound(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.NOT_FOUND } });
}

export function unauthenticated(
  message = 'This operation needs an API key: send `Authorization: Bearer <key>`.',
): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.UNAUTHENTICATED, http: { status: 401 } } });
}

export function forbidden(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.FORBIDDEN, http: { status: 403 } } });
}

export function conflict(message: string, extra: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.CONFLICT, ...extra } });
}

/** The request cannot be served now, the client should retry: SERVICE_UNAVAILABLE (a 503 with Retry-After). */
export class ServiceUnavailable extends GraphQLError {
  constructor(message = 'The database is unavailable; try again shortly.') {
    super(message, { extensions: { code: ErrorCode.SERVICE_UNAVAILABLE } });
  }
}
