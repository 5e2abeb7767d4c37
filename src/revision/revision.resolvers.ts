// publishRevision, discardStagedRevision and restoreRevision: check the role, run the write, announce it (cache
// evictions, change feed), answer with the article as readers now see it.
import DataLoader from 'dataloader';

import { requireRole } from '../auth/authorize.ts';
import { canSeeUnpublished, loaderFor, type GraphQLContext } from '../context.ts';
import { authorOf, write } from '../article/article-mutations.resolvers.ts';
import type {
  MutationDiscardStagedRevisionArgs,
  MutationPublishRevisionArgs,
  MutationRestoreRevisionArgs,
} from '../generated/graphql.ts';
import { decodeGlobalId } from '../shared/global-id.ts';
import { discardStagedRevision, publishStagedRevision, restoreRevision } from './staged-revision.repository.ts';

const articleIdOf = (id: string) => decodeGlobalId(id, 'articleId', 'Article').id;

/** Article.stagedRevision for editors: the staged copies of every article the request shows, in one statement. */
function stagedRevision(
  article: { id: string },
  _args: unknown,
  context: GraphQLContext,
): Promise<number | null> | null {
  if (!canSeeUnpublished(context.viewer)) return null;
  const loader = loaderFor(
    context,
    'article.stagedRevision',
    () =>
      new DataLoader<string, number | null>(async (ids) => {
        const copies = await context.db.prisma.article.findMany({
          where: { stagedFor: { in: [...ids] } },
          select: { stagedFor: true, revision: true },
        });
        const byArticle = new Map(copies.map((copy) => [copy.stagedFor, copy.revision]));
        return ids.map((id) => byArticle.get(id) ?? null);
      }),
  );
  return loader.load(article.id);
}

export const revisionResolvers = {
  Article: { stagedRevision },
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
