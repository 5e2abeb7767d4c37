// attachMedia, detachMedia, editMedia, setMediaDepictions.
import type { GraphQLResolveInfo } from 'graphql';
import { z } from 'zod';

import { announce, authorOf, payloadArticle } from '../article/article-mutations.resolvers.ts';
import { LIMITS, mediaFieldsSchema, parseInput } from '../article/article-mutations.input.ts';
import { requireRole } from '../auth/authorize.ts';
import type { GraphQLContext } from '../context.ts';
import type {
  MutationAttachMediaArgs,
  MutationDetachMediaArgs,
  MutationEditMediaArgs,
  MutationSetMediaDepictionsArgs,
} from '../generated/graphql.ts';
import { badUserInput } from '../shared/errors.ts';
import { decodeGlobalId } from '../shared/global-id.ts';
import { fieldsOf, selectionOf } from '../sql/selection.ts';
import { mapWriteErrors } from '../shared/write-errors.ts';
import { mediaById } from './media.repository.ts';
import { attachMedia, detachMedia, editMedia, setMediaDepictions } from './media-mutations.repository.ts';

const editMediaSchema = mediaFieldsSchema.partial();
const positionSchema = z.number().int().min(0).max(LIMITS.media).nullish();
const depictionsSchema = z.array(z.string()).max(LIMITS.depicts, `at most ${LIMITS.depicts} items`);

/** The medium as readers of the API see it: through a live article using it (null once none does). */
function payloadMedia(parent: { mediaId: string }, _args: unknown, context: GraphQLContext, info: GraphQLResolveInfo) {
  return mediaById(context, parent.mediaId, fieldsOf(selectionOf(info), 'Media'));
}

const mediaIdOf = (id: string, argument: string) => decodeGlobalId(id, argument, 'Media').id;
const articleIdOf = (id: string) => decodeGlobalId(id, 'articleId', 'Article').id;

export const mediaMutationResolvers = {
  Mutation: {
    attachMedia: async (_: unknown, args: MutationAttachMediaArgs, context: GraphQLContext) => {
      requireRole(context.viewer, 'EDITOR', 'attachMedia');
      if ((args.mediaId == null) === (args.media == null))
        throw badUserInput('Give exactly one of `mediaId` (an existing medium) and `media` (a new one).', 'mediaId');
      const articleId = articleIdOf(args.articleId);
      const target = args.mediaId
        ? { mediaId: mediaIdOf(args.mediaId, 'mediaId') }
        : { media: parseInput(mediaFieldsSchema, args.media, 'media') };
      const position = parseInput(positionSchema, args.position, 'position') ?? null;
      const result = await mapWriteErrors('media', () =>
        attachMedia(context.db, articleId, target, { role: args.role ?? 'INLINE', position }, authorOf(context.viewer)),
      );
      await announce(context, result);
      return result;
    },
    detachMedia: async (_: unknown, args: MutationDetachMediaArgs, context: GraphQLContext) => {
      requireRole(context.viewer, 'EDITOR', 'detachMedia');
      const result = await mapWriteErrors('mediaId', () =>
        detachMedia(
          context.db,
          articleIdOf(args.articleId),
          mediaIdOf(args.mediaId, 'mediaId'),
          authorOf(context.viewer),
        ),
      );
      await announce(context, result);
      return result;
    },
    editMedia: async (_: unknown, args: MutationEditMediaArgs, context: GraphQLContext) => {
      requireRole(context.viewer, 'EDITOR', 'editMedia');
      const values = parseInput(editMediaSchema, args.input, 'input');
      const result = await mapWriteErrors('input', () => editMedia(context.db, mediaIdOf(args.id, 'id'), values));
      await announce(context, result);
      return { mediaId: result.mediaId };
    },
    setMediaDepictions: async (_: unknown, args: MutationSetMediaDepictionsArgs, context: GraphQLContext) => {
      requireRole(context.viewer, 'EDITOR', 'setMediaDepictions');
      const ids = parseInput(depictionsSchema, args.entityIds, 'entityIds').map(
        (id, i) => decodeGlobalId(id, `entityIds.${i}`, 'Entity').id,
      );
      const result = await mapWriteErrors('entityIds', () =>
        setMediaDepictions(context.db, mediaIdOf(args.mediaId, 'mediaId'), ids),
      );
      await announce(context, result);
      return { mediaId: result.mediaId };
    },
  },
  MediaPayload: {
    media: payloadMedia,
    article: (parent: { articleId?: string }, args: unknown, context: GraphQLContext, info: GraphQLResolveInfo) =>
      parent.articleId ? payloadArticle({ articleId: parent.articleId }, args, context, info) : null,
  },
};
