// Role checks for resolvers: no key → UNAUTHENTICATED, a key with too weak a role → FORBIDDEN.
import type { Viewer, ViewerRole } from '../context.ts';
import { forbidden, unauthenticated } from '../shared/errors.ts';

const RANK: Record<ViewerRole, number> = { READER: 0, EDITOR: 1, ADMIN: 2 };

export function requireRole(viewer: Viewer, minimum: ViewerRole, action = 'This operation'): void {
  if (RANK[viewer.role] >= RANK[minimum]) return;
  if (viewer.apiKeyId === null) throw unauthenticated(`${action} needs an API key with the ${minimum} role: send \`Authorization: Bearer <key>\`.`);
  throw forbidden(`${action} needs the ${minimum} role; this key has ${viewer.role}.`);
}
