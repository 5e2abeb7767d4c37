// publishRevision, discardStagedRevision and restoreRevision: check the role, run the write, announce it (cache
// evictions, change feed), answer with the article as readers now see it.
import { requireRole } from '../auth/authorize.ts';
import type { GraphQLContext } from '../context.ts';
import { authorOf, write } from '../article/article-mutations.resolvers.ts';
import type {
  MutationDiscardStagedRevisionArgs,
  MutationPublishRevisionArgs,
  MutationRestoreRevisionArgs,
} from '../generated/graphql.ts';
import { decodeGlobalId } from '../shared/global-id.ts';
import { discardStagedRevision, publishStagedRevision, restoreRevision } from './staged-revision.repository.ts';

const articleIdOf = (id: string) => decodeGlobalId(id, 'articleId', 'Article').id;

export const revisionResolvers = {
  Mutation: {
    publishRevision: (_: unknown, args: MutationPublishRevisionArgs, context: GraphQLContext) => {
      requireRole(context.viewer, 'EDITOR', 'publishRevision');
      const articleId = articleIdOf(args.articleId);
      return write(context, 'revision', () =>
        publishStagedRevision(context.db, articleId, args.revision, authorOf(context.viewer)),
      );
    },
    discardStagedRevision: (_: unknown, args: MutationDiscardStagedRevisionArgs, context: GraphQLContext) => {
      requireRole(context.viewer, 'EDITOR', 'discardStagedRevision');
      const articleId = articleIdOf(args.articleId);
      return write(context, 'revision', () =>
        discardStagedRevision(context.db, articleId, args.revision, authorOf(context.viewer)),
      );
    },
    restoreRevision: (_: unknown, args: MutationRestoreRevisionArgs, context: GraphQLContext) => {
      requireRole(context.viewer, 'EDITOR', 'restoreRevision');
      const articleId = articleIdOf(args.articleId);
      return write(context, 'revision', () =>
        restoreRevision(context.db, articleId, args.revision, args.expectedRevision, authorOf(context.viewer)),
      );
    },
  },
};
