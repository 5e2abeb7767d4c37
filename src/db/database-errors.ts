// Database failures recognised by what they are, not by their wording: PostgreSQL's SQLSTATE, the socket's errno
// code, Prisma's error code or its driver adapter's error kind, looked up along the error's causes (Prisma and
// GraphQL wrap the driver's error). node-postgres raises a few failures of its own with no code at all; their
// fixed wording is listed here, the one place that reads error messages.

/** A failure as this module sees it: any of the places a driver, Prisma or graphql-js put a code or a cause. */
interface ErrorLike {
  code?: unknown;
  originalCode?: unknown;
  kind?: unknown;
  message?: unknown;
  cause?: unknown;
  originalError?: unknown;
  meta?: { driverAdapterError?: unknown };
}

/**
 * The database cannot be reached or is going away: SQLSTATE class 08 (connection exception) and 57P01-57P03
 * (admin shutdown, crash shutdown, cannot connect now); the socket refused or reset; Prisma's P1001 and its
 * adapter's DatabaseNotReachable.
 */
const UNAVAILABLE_CODES = new Set([
  '57P01',
  '57P02',
  '57P03',
  'ECONNREFUSED',
  'ECONNRESET',
  'P1001',
  'DatabaseNotReachable',
  'ConnectionClosed',
]);
const CONNECTION_EXCEPTION_CLASS = '08';

/** node-postgres's own connection failures, which carry no code (pg's client and pg-pool). */
const UNAVAILABLE_DRIVER_WORDING = /Connection terminated|timeout exceeded when trying to connect|not queryable/i;

/** query_canceled: PostgreSQL cancelled the statement at `statement_timeout`. */
const STATEMENT_TIMEOUT_CODE = '57014';
/** node-postgres gave up waiting for an answer (`query_timeout`): no code either. */
const STATEMENT_TIMEOUT_DRIVER_WORDING = /Query read timeout/i;

/**
 * Text PostgreSQL cannot store or parse: character_not_in_repertoire (22021: a null byte, an invalid byte
 * sequence) and untranslatable_character (22P05: an unsupported Unicode escape in JSON).
 */
const UNSTORABLE_TEXT_CODES = new Set(['22021', '22P05']);

const UNIQUE_VIOLATION = '23505';

/** The error and every error it wraps, outermost first (cycles and depth bounded). */
function causes(error: unknown): ErrorLike[] {
  const found: ErrorLike[] = [];
  const pending: unknown[] = [error];
  while (pending.length && found.length < 16) {
    const next = pending.shift();
    if (typeof next !== 'object' || next === null || found.includes(next as ErrorLike)) continue;
    const e = next as ErrorLike;
    found.push(e);
    pending.push(e.cause, e.originalError, e.meta?.driverAdapterError);
  }
  return found;
}

/** Every code the error and its causes carry: SQLSTATEs, errno codes, Prisma codes, adapter kinds. */
function codesOf(error: unknown): string[] {
  return causes(error).flatMap((e) =>
    [e.code, e.originalCode, e.kind].filter((code): code is string => typeof code === 'string'),
  );
}

const worded = (error: unknown, wording: RegExp) =>
  causes(error).some((e) => typeof e.message === 'string' && wording.test(e.message));

/** Connection-level failures of PostgreSQL: the client should retry, not report a bug. */
export function isDatabaseUnavailable(error: unknown): boolean {
  return (
    codesOf(error).some(
      (code) => UNAVAILABLE_CODES.has(code) || (code.length === 5 && code.startsWith(CONNECTION_EXCEPTION_CLASS)),
    ) || worded(error, UNAVAILABLE_DRIVER_WORDING)
  );
}

/** PostgreSQL cancelled the statement at `statement_timeout` (57014), or pg gave up waiting (`query_timeout`). */
export function isStatementTimeout(error: unknown): boolean {
  return codesOf(error).includes(STATEMENT_TIMEOUT_CODE) || worded(error, STATEMENT_TIMEOUT_DRIVER_WORDING);
}

/** An argument held text PostgreSQL cannot store or search (22021, 22P05): the client's input, not our bug. */
export function isUnstorableText(error: unknown): boolean {
  return codesOf(error).some((code) => UNSTORABLE_TEXT_CODES.has(code));
}

/** The constraint's columns from its name as Prisma names unique indexes (`Article_slug_key` → `slug`). */
const columnsOfConstraint = (name: string) => name.replace(/^[A-Za-z]+_|_key$/g, '');

/**
 * The columns of a violated unique constraint (SQLSTATE 23505), from a raw PostgreSQL error, a Prisma P2002 (model
 * calls) or a P2010 (raw SQL) carrying its adapter's UniqueConstraintViolation; null when the error is not one.
 */
export function uniqueViolationFields(error: unknown): string[] | null {
  const e = error as { code?: string; meta?: Record<string, unknown>; constraint?: string; cause?: unknown };
  const adapterCause = (
    e?.meta?.driverAdapterError as
      { cause?: { kind?: string; constraint?: { fields?: string[]; index?: string } } } | undefined
  )?.cause;
  if (e?.code === 'P2002' || (e?.code === 'P2010' && adapterCause?.kind === 'UniqueConstraintViolation')) {
    const meta = e.meta ?? {};
    if (Array.isArray(meta.target)) return meta.target as string[];
    if (typeof meta.target === 'string') return [meta.target];
    const fields = adapterCause?.constraint?.fields;
    if (fields?.length) return fields.map((f) => f.replace(/"/g, ''));
    const index = adapterCause?.constraint?.index;
    if (index) return [columnsOfConstraint(index)];
    return [];
  }
  if (e?.code === UNIQUE_VIOLATION) return [e.constraint ? columnsOfConstraint(e.constraint) : ''];
  if (e?.cause && e.cause !== error) return uniqueViolationFields(e.cause);
  return null;
}
