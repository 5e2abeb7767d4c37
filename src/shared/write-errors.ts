// Failures of the write path that are the client's to fix, turned into stable codes instead of 500s: draft
// inconsistencies → BAD_USER_INPUT naming the field, unique-constraint clashes → CONFLICT naming the field.
import { GraphQLError } from 'graphql';

import { uniqueViolationFields } from '../db/database-errors.ts';
import { badUserInput, conflict } from './errors.ts';

/** A draft that cannot be stored as given; `path` names the offending field ("quotes.3.speakerKey"). */
export class DraftValidationError extends Error {
  constructor(
    message: string,
    readonly path: string,
  ) {
    super(message);
    this.name = 'DraftValidationError';
  }
}

/** The slug is already used by another article (a CONFLICT, not a malformed input). */
export class SlugTakenError extends DraftValidationError {
  constructor(slug: string) {
    super(`An article with slug "${slug}" already exists.`, 'slug');
    this.name = 'SlugTakenError';
  }
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
      const field =
        error.path === argument || error.path.startsWith(`${argument}.`) ? error.path : `${argument}.${error.path}`;
      const mapped = badUserInput(error.message, argument);
      Object.assign(mapped.extensions, { field });
      throw mapped;
    }
    const fields = uniqueViolationFields(error);
    if (fields) {
      const column = fields.join(',') || 'unknown';
      throw conflict(
        `Another record already has this ${column}; choose another (or retry if you were racing another write).`,
        { field: `${argument}.${column}` },
      );
    }
    throw error;
  }
}
