// Feeds and sitemaps as cached documents: computed once, kept in the response cache's store under their path with
// tags that article writes evict, and answered with validators (ETag, Last-Modified) so readers can revalidate.
import { createHash } from 'node:crypto';

import type { Request, Response } from 'express';

import type { CachedResponse } from '../cache/cache-store.ts';
import type { DocumentCache } from '../cache/response-cache.ts';
import { ErrorCode } from '../shared/errors.ts';

/** A document ready to send, or what to answer instead. */
export type Outcome =
  | { kind: 'document'; document: SyndicationDocument }
  | { kind: 'notFound'; message: string }
  | { kind: 'redirect'; location: string };

interface SyndicationDocument {
  body: string;
  contentType: string;
  /** Never earlier than any change that could have altered the body (see docs/decisions/feed-validators.md). */
  lastModified: Date;
  maxAgeSeconds: number;
  /** Cache tags (src/cache/answer-tags.ts) that evict it; also its Surrogate-Key header. */
  tags: string[];
}

interface StoredHeaders {
  contentType: string;
  etag: string;
  lastModified: string;
}

/** A cached document: its headers as one line of JSON, then the body (the store keeps bodies as opaque bytes). */
function encodeEntry(headers: StoredHeaders, body: string): Buffer {
  return Buffer.from(`${JSON.stringify(headers)}\n${body}`);
}

function decodeEntry(bytes: Buffer): { headers: StoredHeaders; body: Buffer } {
  const newline = bytes.indexOf(0x0a);
  return {
    headers: JSON.parse(bytes.toString('utf8', 0, newline)) as StoredHeaders,
    body: bytes.subarray(newline + 1),
  };
}

const strongEtag = (body: string) => `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;

/**
 * RFC 9110 §13.2.2: If-None-Match (weak comparison) decides when present, else If-Modified-Since. Hand-written
 * rather than Express's req.fresh (the `fresh` module), which answers "modified" to any request carrying
 * `Cache-Control: no-cache`, as fetch() adds to every conditional request: an origin still validates those.
 */
function notModified(req: Request, headers: StoredHeaders): boolean {
  const noneMatch = req.headers['if-none-match'];
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  if (noneMatch !== undefined)
    return noneMatch.split(',').some((tag) => tag.trim() === '*' || opaque(tag) === opaque(headers.etag));
  const modifiedSince = Date.parse(req.headers['if-modified-since'] ?? '');
  return !Number.isNaN(modifiedSince) && Date.parse(headers.lastModified) <= modifiedSince;
}

/** Sends a document, or 304 when the request's validators (If-None-Match, else If-Modified-Since) still match. */
function send(
  req: Request,
  res: Response,
  sent: { headers: StoredHeaders; body: Buffer; maxAgeSeconds: number; tags: string[]; cache: 'hit' | 'miss' | null },
): void {
  res.set({
    'content-type': sent.headers.contentType,
    etag: sent.headers.etag,
    'last-modified': sent.headers.lastModified,
    'cache-control': `public, max-age=${Math.max(0, sent.maxAgeSeconds)}`,
    'surrogate-key': sent.tags.join(' '),
    ...(sent.cache ? { 'x-response-cache': sent.cache } : {}),
  });
  if (notModified(req, sent.headers)) return void res.status(304).end();
  res.status(200).end(req.method === 'HEAD' ? undefined : sent.body);
}

function sendProblem(res: Response, status: number, code: string, message: string): void {
  res
    .status(status)
    .set('cache-control', 'no-store')
    .json({ errors: [{ message, extensions: { code } }] });
}

/** A malformed path parameter: answered 400 with BAD_USER_INPUT. */
export class BadPathParameter extends Error {}

/**
 * Answers one syndication request: from the cache when it holds the document, else computed by `compute` (one SQL
 * statement) and stored unless an eviction ran meanwhile. Without a cache (RESPONSE_CACHE=off) every request computes.
 */
export async function answerDocument(
  req: Request,
  res: Response,
  { cache, key, compute }: { cache: DocumentCache | null; key: string; compute: () => Promise<Outcome> },
): Promise<void> {
  const hit = await cache?.get(key);
  if (hit) {
    const { headers, body } = decodeEntry(hit.body);
    const maxAgeSeconds = Math.floor((hit.expiresAt - Date.now()) / 1000);
    return send(req, res, { headers, body, maxAgeSeconds, tags: hit.tags, cache: 'hit' });
  }
  const store = cache?.beginComputing();
  const outcome = await compute();
  if (outcome.kind === 'notFound') return sendProblem(res, 404, ErrorCode.NOT_FOUND, outcome.message);
  if (outcome.kind === 'redirect') return void res.redirect(301, outcome.location);
  const { document } = outcome;
  const headers: StoredHeaders = {
    contentType: document.contentType,
    etag: strongEtag(document.body),
    lastModified: document.lastModified.toUTCString(),
  };
  const entry: CachedResponse = {
    body: encodeEntry(headers, document.body),
    expiresAt: Date.now() + document.maxAgeSeconds * 1000,
    tags: document.tags,
  };
  await store?.(key, entry);
  send(req, res, {
    headers,
    body: Buffer.from(document.body),
    maxAgeSeconds: document.maxAgeSeconds,
    tags: document.tags,
    cache: cache ? 'miss' : null,
  });
}

export function answerBadPath(res: Response, error: BadPathParameter): void {
  sendProblem(res, 400, ErrorCode.BAD_USER_INPUT, error.message);
}

export function answerUnknownPath(res: Response, message: string): void {
  sendProblem(res, 404, ErrorCode.NOT_FOUND, message);
}
