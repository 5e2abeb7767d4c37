// Article.translations / translationOf (read from what the article's statement preloaded) and the link mutations.
import { announce } from '../article/article-mutations.resolvers.ts';
import type { ArticleRow } from '../article/article.repository.ts';
import { requireRole } from '../auth/authorize.ts';
import type { GraphQLContext } from '../context.ts';
import type { MutationLinkTranslationArgs, MutationUnlinkTranslationArgs } from '../generated/graphql.ts';
import { decodeGlobalId, encodeGlobalId } from '../shared/global-id.ts';
import { mapWriteErrors } from '../shared/write-errors.ts';
import { relationResolver } from '../sql/fallback.ts';
import { linkTranslation, unlinkTranslation, type TranslationChange } from './translation.repository.ts';

/** Evicts every cached answer showing an article whose group changed, then answers with the article. */
async function announced(context: GraphQLContext, change: TranslationChange): Promise<{ articleId: string }> {
  await announce(
    context,
    { changes: [], articleId: change.articleId },
    change.touchedArticleIds.map((id) => encodeGlobalId('Article', id)),
  );
  return { articleId: change.articleId };
}

export const translationResolvers = {
  Article: {
    translations: relationResolver<ArticleRow[]>('Article', 'translations'),
    translationOf: relationResolver<ArticleRow | null>('Article', 'translationOf'),
  },
  Mutation: {
    linkTranslation: async (_: unknown, args: MutationLinkTranslationArgs, context: GraphQLContext) => {
      requireRole(context.viewer, 'EDITOR', 'linkTranslation');
      const articleId = decodeGlobalId(args.articleId, 'articleId', 'Article').id;
      const translationOfId = decodeGlobalId(args.translationOfId, 'translationOfId', 'Article').id;
      const change = await mapWriteErrors('articleId', () => linkTranslation(context.db, articleId, translationOfId));
      return announced(context, change);
    },
    unlinkTranslation: async (_: unknown, args: MutationUnlinkTranslationArgs, context: GraphQLContext) => {
      requireRole(context.viewer, 'EDITOR', 'unlinkTranslation');
      const articleId = decodeGlobalId(args.articleId, 'articleId', 'Article').id;
      const change = await mapWriteErrors('articleId', () => unlinkTranslation(context.db, articleId));
      return announced(context, change);
    },
  },
};
