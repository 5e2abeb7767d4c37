// Failed API keys are limited per client address: a client that presents `burst` unknown or revoked keys is refused
// (429 RATE_LIMITED, Retry-After) before its next key is even looked up, until its bucket refills at `perMinute`.
// Guessing keys is then a matter of centuries, and a client that mistyped its key once is not affected.
import { GraphQLError } from 'graphql';

import { RateLimiter } from '../request-limits.ts';
import { ErrorCode, retryAfterHttp } from '../shared/errors.ts';

export interface FailedAuthenticationLimit {
  /** Failed keys a client may present at once; 0 turns the limit off. */
  burst: number;
  /** How many more failures a client is allowed per minute after its burst. */
  perMinute: number;
}

function isUnauthenticated(error: unknown): boolean {
  return error instanceof GraphQLError && error.extensions?.code === ErrorCode.UNAUTHENTICATED;
}

function tooManyFailures(retryAfterSeconds: number, limit: FailedAuthenticationLimit): GraphQLError {
  return new GraphQLError(
    `Too many failed API keys from this address (${limit.burst} at once, then ${limit.perMinute} per minute); retry in ${retryAfterSeconds} s.`,
    {
      extensions: { code: 'RATE_LIMITED', retryAfter: retryAfterSeconds, http: retryAfterHttp(429, retryAfterSeconds) },
    },
  );
}

/**
 * Wraps an authenticator: `authenticate(address, authorization, attempt)` refuses a client whose failures are used up, and counts
 * the attempt as a failure when it throws UNAUTHENTICATED. Requests without a key never touch the limit.
 */
export function limitFailedAuthentication(limit: FailedAuthenticationLimit) {
  const failures = limit.burst > 0 ? new RateLimiter(limit.perMinute, limit.burst) : null;
  return {
    async authenticate<T>(address: string, authorization: string | undefined, attempt: () => Promise<T>): Promise<T> {
      if (!failures || !authorization?.trim()) return attempt();
      const wait = failures.waitFor(address);
      if (wait > 0) throw tooManyFailures(wait, limit);
      try {
        return await attempt();
      } catch (error) {
        if (isUnauthenticated(error)) failures.take(address);
        throw error;
      }
    },
    close: () => failures?.close(),
  };
}
