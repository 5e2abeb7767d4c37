// What makes two requests "the same page": the normalised document (whitespace, comments and field order of
// arguments' formatting do not matter), the operation name, the variables (key order does not matter) and the role.
import { createHash } from 'node:crypto';

import { parse, print } from 'graphql';

const MAX_MEMOISED_DOCUMENTS = 2000;
/** Raw document text (or an APQ sha256) -> id of its normalised form; parsing happens once per distinct text. */
const documentIds = new Map<string, string | null>();

function remember(raw: string, id: string | null): string | null {
  if (documentIds.size >= MAX_MEMOISED_DOCUMENTS) documentIds.clear();
  documentIds.set(raw, id);
  return id;
}

/** A stable id for the document, the same on every instance (it names shared Redis entries); null if unparsable. */
export function documentId(query: string): string | null {
  const known = documentIds.get(query);
  if (known !== undefined) return known;
  try {
    return remember(
      query,
      createHash('sha1')
        .update(print(parse(query, { noLocation: true })))
        .digest('base64url'),
    );
  } catch {
    return remember(query, null);
  }
}

/** The document id behind an automatic persisted query's hash, once this instance has seen its text. */
export function documentIdForPersistedHash(sha256: string): string | undefined {
  return documentIds.get(`apq:${sha256}`) ?? undefined;
}

export function rememberPersistedHash(sha256: string, query: string): void {
  const id = documentId(query);
  if (id) remember(`apq:${sha256}`, id);
}

/**
 * JSON with object keys sorted, so `{a, b}` and `{b, a}` are one key. Recursive: it only ever sees variables that
 * passed src/variable-limits.ts (depth and size bounded), which /graphql checks before the cache.
 */
function stableJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  const record = value as Record<string, unknown>;
  return `{${Object.keys(record)
    .sort()
    .filter((k) => record[k] !== undefined)
    .map((k) => `${JSON.stringify(k)}:${stableJson(record[k])}`)
    .join(',')}}`;
}

export function responseCacheKey(parts: {
  documentId: string;
  operationName?: string | null;
  variables?: unknown;
  role: string;
}): string {
  return `${parts.role}|${parts.documentId}|${parts.operationName ?? ''}|${parts.variables ? stableJson(parts.variables) : '{}'}`;
}
