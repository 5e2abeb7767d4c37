// Role checks for resolvers: no key → UNAUTHENTICATED, a key with too weak a role → FORBIDDEN.
import { GraphQLError } from 'graphql';

import type { Viewer, ViewerRole } from '../context.ts';
import { ErrorCode, forbidden, unauthenticated } from '../shared/errors.ts';

const RANK: Record<ViewerRole, number> = { READER: 0, EDITOR: 1, ADMIN: 2 };

/**
 * Throws unless the viewer has at least `minimum`. Operations (mutations, the feed) answer HTTP 401/403; a single
 * field (`fieldLevel`) only nulls that field, so the rest of a reader's response keeps its 200.
 */
export function requireRole(
  viewer: Viewer,
  minimum: ViewerRole,
  action = 'This operation',
  options: { fieldLevel?: boolean } = {},
): void {
  if (RANK[viewer.role] >= RANK[minimum]) return;
  const anonymous = viewer.apiKeyId === null;
  const message = anonymous
    ? `${action} needs an API key with the ${minimum} role: send \`Authorization: Bearer <key>\`.`
    : `${action} needs the ${minimum} role; this key has ${viewer.role}.`;
  if (options.fieldLevel)
    throw new GraphQLError(message, {
      extensions: { code: anonymous ? ErrorCode.UNAUTHENTICATED : ErrorCode.FORBIDDEN },
    });
  throw anonymous ? unauthenticated(message) : forbidden(message);
}
