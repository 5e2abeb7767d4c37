// Failures of the write path that are the client's to fix, turned into stable codes instead of 500s: draft
// inconsistencies → BAD_USER_INPUT naming the field, unique-constraint clashes → CONFLICT naming the field.
import { GraphQLError } from 'graphql';

import { DraftValidationError, SlugTakenError } from '../article/article-writer.ts';
import { badUserInput, conflict } from './errors.ts';

/** The columns of a violated unique constraint, from a Prisma P2002 (model calls), P2010 (raw SQL) or a raw PostgreSQL 23505 error. */
export function uniqueViolationFields(error: unknown): string[] | null {
  const e = error as { code?: string; meta?: Record<string, unknown>; constraint?: string; message?: string; cause?: unknown };
  const adapterCause = (e?.meta?.driverAdapterError as { cause?: { kind?: string; constraint?: { fields?: string[]; index?: string } } } | undefined)?.cause;
  if (e?.code === 'P2002' || (e?.code === 'P2010' && adapterCause?.kind === 'UniqueConstraintViolation')) {
    const meta = e.meta ?? {};
    if (Array.isArray(meta.target)) return meta.target as string[];
    if (typeof meta.target === 'string') return [meta.target];
    const fields = adapterCause?.constraint?.fields;
    if (fields?.length) return fields.map((f) => f.replace(/"/g, ''));
    const index = adapterCause?.constraint?.index;
    if (index) return [index.replace(/^[A-Za-z]+_|_key$/g, '')];
    return [];
  }
  if (e?.code === '23505') return [e.constraint?.replace(/^[A-Za-z]+_|_key$/g, '') ?? ''];
  if (e?.cause && e.cause !== error) return uniqueViolationFields(e.cause);
  return null;
}

/**
 * Runs a write and maps the client's mistakes: DraftValidationError → BAD_USER_INPUT with `extensions.field`
 * (prefixed by `argument`), a unique clash → CONFLICT with `extensions.field`. Anything else is rethrown.
 */
export async function mapWriteErrors<T>(argument: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof GraphQLError) throw error;
    if (error instanceof SlugTakenError) throw conflict(error.message, { field: `${argument}.slug` });
    if (error instanceof DraftValidationError) {
      const field = error.path === argument || error.path.startsWith(`${argument}.`) ? error.path : `${argument}.${error.path}`;
      const mapped = badUserInput(error.message, argument);
      Object.assign(mapped.extensions, { field });
      throw mapped;
    }
    const fields = uniqueViolationFields(error);
    if (fields) {
      const column = fields.join(',') || 'unknown';
      throw conflict(`Another record already has this ${column}; choose another (or retry if you were racing another write).`, { field: `${argument}.${column}` });
    }
    throw error;
  }
}
