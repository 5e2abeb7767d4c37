// Arguments that name an entity by global ID or by slug, as the SQL that yields its id.
import { decodeGlobalId } from '../shared/global-id.ts';
import type { SQL } from '../sql/fragment.ts';
import type { SqlStatement } from '../sql/statement.ts';
import { idBySlugSql, type SluggedTable } from '../sql/slug-redirects.ts';

export const ENTITY_SLUGS: SluggedTable = {
  table: 'Entity',
  redirects: 'EntitySlugRedirect',
  redirectTarget: 'entityId',
};

/** The entity an ID or slug argument names, as SQL; old slugs of merged entities resolve through the redirects. */
export function entityIdSql(
  statement: SqlStatement,
  id: string | null | undefined,
  slug: string | null | undefined,
  idArgument: string,
): SQL | null {
  if (id != null) return statement.bind(decodeGlobalId(id, idArgument, 'Entity').id, 'uuid');
  if (slug != null) {
    const bound = statement.bind(slug, 'text');
    return idBySlugSql(ENTITY_SLUGS, bound);
  }
  return null;
}
