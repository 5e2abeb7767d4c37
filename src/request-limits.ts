// The limits every request meets before it costs anything: document size and shape (graphql-armor plus graphql-js's
// own token limit), body size, HTTP timeouts and an optional per-client rate. docs/api/errors.md ("Limits") lists them.
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { GraphQLError, type ValidationRule } from 'graphql';

export interface RequestLimits {
  /** Deepest selection nesting (article → quotes → speaker → ... counts one per level). */
  maxDepth: number;
  /** graphql-armor's static cost (objects 2, scalars 1, ×1.5 per level). */
  maxCost: number;
  maxAliases: number;
  maxDirectives: number;
  /** Lexical tokens in one document; enforced by graphql-js's parser itself. */
  maxTokens: number;
  /** `__schema` selections in one document (a full introspection is one). */
  maxIntrospectionQueries: number;
  /** JSON request body, in bytes. */
  bodyLimitBytes: number;
  /** Node's http `requestTimeout`: the whole request, headers and body, must arrive within it. */
  requestTimeoutMs: number;
  /** Node's http `headersTimeout`: the request's headers must arrive within it (at most requestTimeoutMs). */
  headersTimeoutMs: number;
  /** Requests per minute and client IP on /graphql; 0 turns the limiter off. */
  rateLimitPerMinute: number;
  /** Requests a client may send at once before the per-minute rate applies. */
  rateLimitBurst: number;
  /** Failed API keys a client address may present at once before 429 RATE_LIMITED; 0 turns the limit off. */
  authFailureBurst: number;
  /** Failed API keys allowed per minute and client address once the burst is used. */
  authFailuresPerMinute: number;
  /** On shutdown, how long in-flight requests may take before their connections are closed. */
  shutdownGraceMs: number;
}

export const DEFAULT_LIMITS: RequestLimits = {
  maxDepth: 12,
  maxCost: 5000,
  maxAliases: 15,
  maxDirectives: 50,
  maxTokens: 2000,
  maxIntrospectionQueries: 1,
  bodyLimitBytes: 1024 * 1024,
  requestTimeoutMs: 30_000,
  headersTimeoutMs: 10_000,
  rateLimitPerMinute: 0,
  rateLimitBurst: 60,
  authFailureBurst: 20,
  authFailuresPerMinute: 10,
  shutdownGraceMs: 10_000,
};

/** The limits set in the environment (config.ts names); unset ones keep DEFAULT_LIMITS. */
export function limitsFromConfig(config: {
  GRAPHQL_MAX_DEPTH?: number;
  GRAPHQL_MAX_COST?: number;
  GRAPHQL_MAX_ALIASES?: number;
  GRAPHQL_MAX_DIRECTIVES?: number;
  GRAPHQL_MAX_TOKENS?: number;
  HTTP_BODY_LIMIT_BYTES?: number;
  HTTP_REQUEST_TIMEOUT_MS?: number;
  HTTP_HEADERS_TIMEOUT_MS?: number;
  RATE_LIMIT_PER_MINUTE?: number;
  RATE_LIMIT_BURST?: number;
  AUTH_FAILURE_BURST?: number;
  AUTH_FAILURES_PER_MINUTE?: number;
  SHUTDOWN_GRACE_MS?: number;
}): Partial<RequestLimits> {
  const limits: Partial<RequestLimits> = {
    maxDepth: config.GRAPHQL_MAX_DEPTH,
    maxCost: config.GRAPHQL_MAX_COST,
    maxAliases: config.GRAPHQL_MAX_ALIASES,
    maxDirectives: config.GRAPHQL_MAX_DIRECTIVES,
    maxTokens: config.GRAPHQL_MAX_TOKENS,
    bodyLimitBytes: config.HTTP_BODY_LIMIT_BYTES,
    requestTimeoutMs: config.HTTP_REQUEST_TIMEOUT_MS,
    headersTimeoutMs: config.HTTP_HEADERS_TIMEOUT_MS,
    rateLimitPerMinute: config.RATE_LIMIT_PER_MINUTE,
    rateLimitBurst: config.RATE_LIMIT_BURST,
    authFailureBurst: config.AUTH_FAILURE_BURST,
    authFailuresPerMinute: config.AUTH_FAILURES_PER_MINUTE,
    shutdownGraceMs: config.SHUTDOWN_GRACE_MS,
  };
  return Object.fromEntries(Object.entries(limits).filter(([, value]) => value !== undefined));
}

/**
 * graphql-armor's document rules plus ours (introspection). armor's token limit is left off: armor enforces it in an Apollo `parsingDidStart` hook
 * that re-parses the document and throws, which Apollo answers with HTTP 500 (for every syntax error, not only the
 * limit). graphql-js enforces the same limit in Apollo's own parse (`parseOptions.maxTokens`): 400, GRAPHQL_PARSE_FAILED.
 */
export function documentProtection(limits: RequestLimits) {
  const armor = new ApolloArmor({
    maxDepth: { n: limits.maxDepth },
    costLimit: { maxCost: limits.maxCost },
    maxAliases: { n: limits.maxAliases },
    maxDirectives: { n: limits.maxDirectives },
    maxTokens: { enabled: false },
    // armor would mask suggestions in development too, and only over HTTP: see src/shared/field-suggestions.ts.
    blockFieldSuggestion: { enabled: false },
  }).protect();
  return {
    ...armor,
    validationRules: [...armor.validationRules, maxIntrospectionRule(limits.maxIntrospectionQueries)],
  };
}

/**
 * armor's depth and cost rules skip `__schema`, so fifteen aliased full introspections would pass them; one per
 * document is all a tool needs.
 */
function maxIntrospectionRule(max: number): ValidationRule {
  return (context) => {
    let seen = 0;
    return {
      Field(node) {
        if (node.name.value !== '__schema') return;
        seen += 1;
        if (seen === max + 1) {
          context.reportError(
            new GraphQLError(`Introspection limit of ${max} \`__schema\` selection per document exceeded.`, {
              nodes: [node],
            }),
          );
        }
      },
    };
  };
}

/** Per-key token buckets: `burst` requests at once, refilled at `perMinute`. Memory stays bounded by pruning. */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly refillPerMs: number;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly perMinute: number,
    private readonly burst: number,
    private readonly maxKeys = 100_000,
  ) {
    this.refillPerMs = perMinute / 60_000;
    // A bucket that has refilled completely carries no information: forget it.
    this.timer = setInterval(() => this.prune(), 60_000);
    this.timer.unref();
  }

  /** Seconds until `key` has a token (0: it has one now); takes nothing. */
  waitFor(key: string, now = Date.now()): number {
    const bucket = this.buckets.get(key);
    if (!bucket) return 0;
    const tokens = Math.min(this.burst, bucket.tokens + (now - bucket.at) * this.refillPerMs);
    return tokens >= 1 ? 0 : Math.max(1, Math.ceil((1 - tokens) / this.refillPerMs / 1000));
  }

  /** Takes one token; returns 0 when allowed, otherwise the seconds until one is available. */
  take(key: string, now = Date.now()): number {
    let bucket = this.buckets.get(key);
    if (!bucket) {
      if (this.buckets.size >= this.maxKeys) this.prune(now);
      if (this.buckets.size >= this.maxKeys) this.buckets.delete(this.buckets.keys().next().value!);
      bucket = { tokens: this.burst, at: now };
      this.buckets.set(key, bucket);
    }
    bucket.tokens = Math.min(this.burst, bucket.tokens + (now - bucket.at) * this.refillPerMs);
    bucket.at = now;
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / this.refillPerMs / 1000));
  }

  private prune(now = Date.now()): void {
    for (const [key, bucket] of this.buckets) {
      if (bucket.tokens + (now - bucket.at) * this.refillPerMs >= this.burst) this.buckets.delete(key);
    }
  }

  close(): void {
    clearInterval(this.timer);
  }
}
