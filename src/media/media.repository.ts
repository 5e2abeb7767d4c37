// Read-side SQL for media. A medium is visible when at least one article the viewer can see uses it.
import { entityIdSql } from '../entity/entity-ref.ts';
import type { MediaFilter } from '../generated/graphql.ts';
import type { MediaKind } from '../generated/prisma/enums.ts';
import type { GraphQLContext } from '../context.ts';
import { readPage, type ConnectionPage, type Ordering, type PageArgs } from '../shared/pagination.ts';
import {
  connectionRelation,
  type ConnectionSource,
  jsonColumns,
  listSql,
  type Preloaded,
  type TypeProjection,
} from '../sql/projection.ts';
import { selectConnection, selectOne, type PageQuery, type RowQuery } from '../sql/run.ts';
import { type Fields, fieldsOf, type ResolveTree } from '../sql/selection.ts';
import { sql, type SQL } from '../sql/fragment.ts';
import { type SqlStatement, statementFor } from '../sql/statement.ts';
import type { AspectRatio, CropRect } from './renditions.ts';

export interface MediaRow extends Preloaded {
  id: string;
  kind: MediaKind;
  url: string;
  caption: string | null;
  altText: string | null;
  width: number | null;
  height: number | null;
  creditRaw: string | null;
  photographer: string | null;
  pool: boolean;
  distributor: string | null;
  isFilePhoto: boolean;
  copyrightHolder: string | null;
  focalX: number | null;
  focalY: number | null;
  crops: Partial<Record<AspectRatio, CropRect>> | null;
  createdAt: string;
}

export type MediaConnectionPage = ConnectionPage<MediaRow>;

export const mediaProjection: TypeProjection = {
  table: sql`"Media"`,
  interfaces: ['Node'],
  columns: jsonColumns(
    [
      'id',
      'kind',
      'url',
      'caption',
      'altText',
      'width',
      'height',
      'creditRaw',
      'photographer',
      'pool',
      'distributor',
      'isFilePhoto',
      'copyrightHolder',
      'focalX',
      'focalY',
      'crops',
    ],
    ['createdAt'],
  ),
  embedded: { credit: 'MediaCredit' },
  relations: {
    depicted: {
      sql(statement, parent, tree) {
        const [d, e] = [statement.alias('d'), statement.alias('e')];
        return listSql(
          statement,
          {
            typeName: 'Entity',
            select: sql`${e}.*`,
            from: sql`"MediaDepiction" ${d} JOIN "Entity" ${e} ON ${e}.id = ${d}."entityId"`,
            where: [sql`${d}."mediaId" = ${parent}.id`],
            order: [
              { expr: sql`${e}.name`, dir: 'ASC', type: 'text' },
              { expr: sql`${e}.id`, dir: 'ASC', type: 'uuid' },
            ],
          },
          fieldsOf(tree, 'Entity'),
        );
      },
    },
  },
};

/** The credit fields of a medium: its own row, read through `Media.credit` (see media.resolvers.ts). */
export const mediaCreditProjection: TypeProjection = {
  columns: jsonColumns(['photographer', 'pool', 'distributor', 'isFilePhoto', 'copyrightHolder']),
  renders: { raw: (row) => sql`${row}."creditRaw"` },
  relations: {},
};

/** True when an article the viewer can see uses the medium. */
function visibleMedia(statement: SqlStatement, m: SQL): SQL {
  return sql`EXISTS (SELECT 1 FROM "ArticleMedia" vm JOIN "Article" va ON va.id = vm."articleId" WHERE vm."mediaId" = ${m}.id AND ${statement.visibleArticle(sql`va`)})`;
}

function mediaOrdering(m: SQL): Ordering {
  return {
    name: 'media:newest',
    keys: [
      { expr: sql`${m}."createdAt"`, dir: 'DESC', type: 'timestamp' },
      { expr: sql`${m}.id`, dir: 'DESC', type: 'uuid' },
    ],
  };
}

/** Media meeting `where` (plus visibility), newest first. */
function mediaSource(statement: SqlStatement, where: (m: SQL) => SQL[]): ConnectionSource {
  const m = statement.alias('m');
  const ordering = mediaOrdering(m);
  return {
    ordering,
    source: {
      typeName: 'Media',
      select: sql`${m}.*`,
      from: sql`"Media" ${m}`,
      where: [...where(m), visibleMedia(statement, m)],
      order: ordering.keys,
    },
  };
}

function depicts(m: SQL, entityId: SQL): SQL {
  return sql`EXISTS (SELECT 1 FROM "MediaDepiction" fd WHERE fd."mediaId" = ${m}.id AND fd."entityId" = ${entityId})`;
}

/** Entity.depictedIn: media showing the entity. */
export const entityDepictedInRelation = connectionRelation('MediaConnection', (statement, parent) =>
  mediaSource(statement, (m) => [depicts(m, sql`${parent}.id`)]),
);

/** The medium with this id, if the reader may see it. */
export function mediumQuery(statement: SqlStatement, id: string): RowQuery {
  return {
    statement,
    typeName: 'Media',
    alias: sql`m`,
    from: sql`"Media" m`,
    where: [sql`m.id = ${statement.bind(id, 'uuid')}`, visibleMedia(statement, sql`m`)],
  };
}

export function mediaById(context: GraphQLContext, id: string, fields: Fields): Promise<MediaRow | null> {
  return selectOne(context, mediumQuery(statementFor(context), id), fields);
}

export interface MediaListArgs extends PageArgs {
  filter?: MediaFilter | null;
}

export function mediaItemsQuery(statement: SqlStatement, args: MediaListArgs): PageQuery {
  const filter = args.filter ?? {};
  const entity = entityIdSql(statement, filter.depicts, filter.depictsSlug, 'filter.depicts');
  const connection = mediaSource(statement, (m) => [
    ...(entity ? [depicts(m, entity)] : []),
    ...(filter.kind != null ? [sql`${m}.kind = ${statement.bind(filter.kind, '"MediaKind"')}`] : []),
  ]);
  return { statement, connection, page: readPage(args, connection.ordering), connectionType: 'MediaConnection' };
}

export function mediaPage(
  context: GraphQLContext,
  args: MediaListArgs,
  tree: ResolveTree,
): Promise<MediaConnectionPage> {
  return selectConnection<MediaRow>(context, mediaItemsQuery(statementFor(context), args), tree);
}
