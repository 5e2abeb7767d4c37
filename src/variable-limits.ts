// Bounds on the shape of a request's `variables`, checked before anything walks them. The cache key (stableJson)
// and any other code that recurses over client JSON rely on this check: with it, recursion depth over variables is
// at most MAX_VARIABLES_DEPTH and the work at most MAX_VARIABLE_VALUES steps. The check itself is iterative.
import type { NextFunction, Request, Response } from 'express';
import { GraphQLError } from 'graphql';

import { ErrorCode } from './shared/errors.ts';

/** Deepest nesting of objects and arrays in `variables` (the deepest input type of the schema needs 6). */
export const MAX_VARIABLES_DEPTH = 32;
/** Values (objects, arrays, strings, numbers, ...) in `variables` altogether. */
export const MAX_VARIABLE_VALUES = 50_000;

export interface VariablesShapeViolation {
  limit: 'variablesDepth' | 'variableValues';
  max: number;
  message: string;
}

/** The first limit `variables` break, or null when within both; never recurses. */
export function variablesShapeViolation(
  variables: unknown,
  maxDepth = MAX_VARIABLES_DEPTH,
  maxValues = MAX_VARIABLE_VALUES,
): VariablesShapeViolation | null {
  const stack: Array<{ value: unknown; depth: number }> = [{ value: variables, depth: 0 }];
  let values = 0;
  while (stack.length) {
    const { value, depth } = stack.pop()!;
    values += 1;
    if (values > maxValues)
      return { limit: 'variableValues', max: maxValues, message: `\`variables\` hold more than ${maxValues} values.` };
    if (value === null || typeof value !== 'object') continue;
    if (depth >= maxDepth)
      return {
        limit: 'variablesDepth',
        max: maxDepth,
        message: `\`variables\` are nested deeper than ${maxDepth} levels.`,
      };
    const children = Array.isArray(value) ? value : Object.values(value);
    for (const child of children) stack.push({ value: child, depth: depth + 1 });
  }
  return null;
}

export function variablesShapeError(violation: VariablesShapeViolation): GraphQLError {
  return new GraphQLError(violation.message, {
    extensions: { code: ErrorCode.BAD_USER_INPUT, limit: violation.limit, max: violation.max },
  });
}

function requestVariables(req: Request): unknown {
  if (req.method === 'POST') {
    const body = req.body as unknown;
    if (Array.isArray(body)) return body.map((operation) => (operation as { variables?: unknown } | null)?.variables);
    return (body as { variables?: unknown } | undefined)?.variables;
  }
  const raw = (req.query as Record<string, unknown>).variables;
  if (typeof raw !== 'string') return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return undefined; // Apollo answers malformed JSON itself.
  }
}

/** Express middleware for /graphql, after the body parser: over-deep or over-large variables are a 400. */
export function rejectOversizedVariables(req: Request, res: Response, next: NextFunction): void {
  const violation = variablesShapeViolation(requestVariables(req));
  if (!violation) return next();
  const { message, extensions } = variablesShapeError(violation);
  res.status(400).json({ errors: [{ message, extensions }] });
}
