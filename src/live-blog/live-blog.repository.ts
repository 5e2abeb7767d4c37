// Read-side SQL for live blogs: the LiveEntry projection, an article's entries (`Article.liveEntries`, a keyset
// connection newest first) and pinned entries, and one entry by id for `node(id:)`, payloads and subscriptions.
// Entries are reached through their article only, so they are shown exactly when the article is.
import type { GraphQLContext } from '../context.ts';
import type { ConnectionPage, Ordering } from '../shared/pagination.ts';
import {
  connectionRelation,
  jsonColumns,
  listSql,
  type ListSource,
  type Preloaded,
  type Relation,
  type TypeProjection,
} from '../sql/projection.ts';
import { selectOne } from '../sql/run.ts';
import { fieldsOf } from '../sql/selection.ts';
import { sql, type SQL } from '../sql/fragment.ts';
import { statementFor, type SqlStatement } from '../sql/statement.ts';

export interface LiveEntryRow extends Preloaded {
  id: string;
  postedAt: string;
  headline: string | null;
  text: string;
  isKeyEvent: boolean;
  pinned: boolean;
  author: string;
  updatedAt: string;
}

export type LiveEntryConnectionPage = ConnectionPage<LiveEntryRow>;

/** Pinned entries shown at once: a frontend pins a handful; the bound keeps the list small whatever editors do. */
const MAX_PINNED = 20;

export const liveEntryProjection: TypeProjection = {
  table: sql`"LiveEntry"`,
  interfaces: ['Node'],
  columns: jsonColumns(['id', 'headline', 'text', 'isKeyEvent', 'pinned', 'author'], ['postedAt', 'updatedAt']),
  relations: {},
};

/** Newest first; the id (UUIDv7, increasing) orders entries posted in the same millisecond. */
function newestFirst(le: SQL): Ordering {
  return {
    name: 'liveEntry:newest',
    keys: [
      { expr: sql`${le}."postedAt"`, dir: 'DESC', type: 'timestamp' },
      { expr: sql`${le}.id`, dir: 'DESC', type: 'uuid' },
    ],
  };
}

/** The article's entries that are not deleted, with `more` conditions, newest first. */
function entriesOf(statement: SqlStatement, parent: SQL, more: (le: SQL) => SQL[]): ListSource {
  const le = statement.alias('le');
  return {
    typeName: 'LiveEntry',
    select: sql`${le}.*`,
    from: sql`"LiveEntry" ${le}`,
    where: [sql`${le}."articleId" = ${parent}.id`, sql`${le}."deletedAt" IS NULL`, ...more(le)],
    order: newestFirst(le).keys,
  };
}

/** The relations this domain adds to Article. */
export const articleLiveRelations: Record<string, Relation> = {
  liveEntries: connectionRelation('LiveEntryConnection', (statement, parent, args) => {
    const source = entriesOf(statement, parent, (le) => (args.keyEventsOnly ? [sql`${le}."isKeyEvent"`] : []));
    return { source, ordering: { name: 'liveEntry:newest', keys: source.order } };
  }),
  pinnedEntries: {
    sql(statement, parent, tree) {
      const source = entriesOf(statement, parent, (le) => [sql`${le}.pinned`]);
      return listSql(statement, source, fieldsOf(tree, 'LiveEntry'), { limit: MAX_PINNED });
    },
  },
};

/** One entry that is not deleted, of an article the viewer can see; null otherwise. */
export function liveEntryById(context: GraphQLContext, id: string): Promise<LiveEntryRow | null> {
  const statement = statementFor(context);
  const [le, a] = [sql`le`, sql`a`];
  return selectOne<LiveEntryRow>(
    context,
    {
      statement,
      typeName: 'LiveEntry',
      alias: le,
      from: sql`"LiveEntry" ${le} JOIN "Article" ${a} ON ${a}.id = ${le}."articleId"`,
      where: [
        sql`${le}.id = ${statement.bind(id, 'uuid')}`,
        sql`${le}."deletedAt" IS NULL`,
        statement.visibleArticle(a),
      ],
    },
    {},
  );
}
