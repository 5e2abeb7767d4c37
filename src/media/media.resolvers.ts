// Media queries and fields; the credit is the medium's own row read through MediaCredit.
import type { QueryMediaArgs, Resolvers } from '../generated/graphql.ts';
import type { EntityRow } from '../entity/entity.repository.ts';
import { decodeGlobalId, encodeGlobalId } from '../shared/global-id.ts';
import type { NodeFetcher } from '../shared/node.resolvers.ts';
import { totalCountOf } from '../shared/pagination.ts';
import { relationResolver } from '../sql/fallback.ts';
import { pagePlan, rowPlan, type RootPlan } from '../sql/run.ts';
import { fieldsOf, selectionOf } from '../sql/selection.ts';
import { mediaById, mediaItemsQuery, mediaPage, mediumQuery } from './media.repository.ts';
import { renditionResolvers } from './renditions.resolvers.ts';

/** `node(id:)` for a media: its columns, no relations preloaded. */
export const fetchMediaNode: NodeFetcher = async (id, context) => {
  const row = await mediaById(context, id, {});
  return row && { __typename: 'Media', ...row };
};

/** The root fields answered in one statement each, planned for response mode (src/execution/rendered.ts). */
export const mediaRootPlans: Record<string, RootPlan> = {
  media: rowPlan((statement, args: QueryMediaArgs) =>
    mediumQuery(statement, decodeGlobalId(args.id, 'id', 'Media').id),
  ),
  mediaItems: pagePlan(mediaItemsQuery),
};

export const mediaResolvers: Resolvers = {
  Query: {
    media: (_, args, context, info) =>
      mediaById(context, decodeGlobalId(args.id, 'id', 'Media').id, fieldsOf(selectionOf(info), 'Media')),
    mediaItems: (_, args, context, info) => mediaPage(context, args, selectionOf(info)),
  },
  Media: {
    id: (media) => encodeGlobalId('Media', media.id),
    credit: (media) => media,
    depicted: relationResolver<EntityRow[]>('Media', 'depicted'),
    ...renditionResolvers,
  },
  MediaCredit: {
    raw: (media) => media.creditRaw,
  },
  MediaConnection: { totalCount: totalCountOf },
};
