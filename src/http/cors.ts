// Which web pages on other origins may call the API (CORS), for HTTP and for WebSocket upgrades alike.
// docs/operations/browsers.md states the policy; CSRF prevention (Apollo's) stays on behind it for every request.
import type { IncomingMessage } from 'node:http';

import cors from 'cors';
import type { RequestHandler } from 'express';

/** Exact origins (`https://app.example.com`), `*` for any origin, or `local` for pages served from this machine. */
export type AllowedOrigins = 'local' | readonly string[];

/** Pages served from this machine on any port: the development default (a Vite, Next or Storybook dev server). */
const LOCAL_ORIGIN = /^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d{1,5})?$/;

/** Chromium caps a preflight's lifetime at 2 h; a changed origin list reaches browsers within that. */
const PREFLIGHT_MAX_AGE_SECONDS = 7200;

/**
 * Request headers a page may send: the content type (JSON is not a CORS-safelisted type), an API key, Apollo's
 * CSRF-prevention headers (which Apollo Client sends on GET), and Apollo Client's client-awareness headers.
 */
const ALLOWED_REQUEST_HEADERS = [
  'content-type',
  'authorization',
  'apollo-require-preflight',
  'x-apollo-operation-name',
  'apollographql-client-name',
  'apollographql-client-version',
];

/** Response headers a page's script may read besides the CORS-safelisted ones. */
const EXPOSED_RESPONSE_HEADERS = ['retry-after', 'x-response-cache'];

/** The development default: every local origin; in production, only the origins configured. */
export function defaultAllowedOrigins(production: boolean): AllowedOrigins {
  return production ? [] : 'local';
}

function isOriginAllowed(origin: string, allowed: AllowedOrigins): boolean {
  if (allowed === 'local') return LOCAL_ORIGIN.test(origin);
  return allowed.includes('*') || allowed.includes(origin);
}

/**
 * CORS headers for allowed origins and the answer to every preflight (204). An origin not allowed gets no
 * Access-Control-Allow-Origin, so the browser withholds the answer from the page. Credentials (cookies) are never
 * allowed: the API authenticates by `Authorization: Bearer <key>`, which a page sends explicitly, so no ambient
 * credential can be ridden by another site. `Vary: Origin` keeps shared caches from mixing answers across origins.
 */
export function corsMiddleware(allowed: AllowedOrigins): RequestHandler {
  return cors({
    origin: (origin, callback) => callback(null, origin !== undefined && isOriginAllowed(origin, allowed)),
    methods: ['GET', 'POST'],
    allowedHeaders: ALLOWED_REQUEST_HEADERS,
    exposedHeaders: EXPOSED_RESPONSE_HEADERS,
    credentials: false,
    maxAge: PREFLIGHT_MAX_AGE_SECONDS,
    optionsSuccessStatus: 204,
  });
}

/**
 * WebSocket upgrades carry no CORS: a browser opens them to any origin and sends its page's `Origin`. The same
 * list applies: a page on an origin that is neither allowed nor this server's own is refused; clients that are not
 * browsers send no `Origin` and are let through (they authenticate with connectionParams like everyone else).
 */
export function isWebSocketOriginAllowed(request: IncomingMessage, allowed: AllowedOrigins): boolean {
  const origin = request.headers.origin;
  if (!origin) return true;
  if (isOriginAllowed(origin, allowed)) return true;
  try {
    return new URL(origin).host === request.headers.host;
  } catch {
    return false;
  }
}

/** `CORS_ORIGINS` as written: comma-separated origins, or `*`; an entry that is not an origin is an error. */
export function parseAllowedOrigins(text: string): string[] {
  const entries = text
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  for (const entry of entries) {
    if (entry === '*') continue;
    let origin: string | undefined;
    try {
      origin = new URL(entry).origin;
    } catch {
      origin = undefined;
    }
    if (origin !== entry)
      throw new Error(`"${entry}" is not an origin (scheme://host[:port], no path or trailing slash)`);
  }
  return entries;
}
