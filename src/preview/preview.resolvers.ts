// Preview tokens issued and revoked by editors, and `preview`: the article as it would be published (its staged
// revision, else the article itself) for a preview token or an editor.
import type { GraphQLResolveInfo } from 'graphql';

import { requireRole } from '../auth/authorize.ts';
import { canSeeUnpublished, type GraphQLContext } from '../context.ts';
import { authorOf, payloadArticle } from '../article/article-mutations.resolvers.ts';
import { articleQuery, type ArticleRow } from '../article/article.repository.ts';
import type {
  MutationCreatePreviewTokenArgs,
  MutationRevokePreviewTokenArgs,
  QueryPreviewArgs,
} from '../generated/graphql.ts';
import { badUserInput, ErrorCode } from '../shared/errors.ts';
import { decodeGlobalId } from '../shared/global-id.ts';
import { selectOne } from '../sql/run.ts';
import { fieldsOf, selectionOf } from '../sql/selection.ts';
import { SqlStatement } from '../sql/statement.ts';
import { GraphQLError } from 'graphql';
import {
  issuePreviewToken,
  previewTarget,
  revokePreviewToken,
  type PreviewTarget,
} from './preview-token.repository.ts';

/** How long a preview token may live, in seconds: a minute to 30 days. */
const PREVIEW_TOKEN_LIFETIME = { min: 60, max: 30 * 24 * 3600 } as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The article a `preview` asks for: the token's own, or the one an editor names. */
function previewedArticleId(context: GraphQLContext, id: string | null | undefined): string {
  const asked = id == null ? null : decodeGlobalId(id, 'id', 'Article').id;
  const scope = context.viewer.preview;
  if (scope) {
    if (asked !== null && asked !== scope.articleId)
      throw badUserInput('This preview token is for another article: it shows only its own.', 'id');
    return scope.articleId;
  }
  if (!canSeeUnpublished(context.viewer))
    throw new GraphQLError(
      '`preview` needs a preview token (`Authorization: Preview <token>`) or an API key with the EDITOR role.',
      { extensions: { code: ErrorCode.UNAUTHENTICATED } },
    );
  if (asked === null) throw badUserInput('`preview` needs the `id` of the article to preview.', 'id');
  return asked;
}

/** The article to show and its staged copy; a token's scope already says when there is none. */
function targetOf(context: GraphQLContext, articleId: string): Promise<PreviewTarget | null> | PreviewTarget {
  const scope = context.viewer.preview;
  if (scope && scope.articleIds.length === 1) return { articleId, stagedCopy: null };
  return previewTarget(context.db.pool, articleId, context.sql);
}

async function preview(_: unknown, args: QueryPreviewArgs, context: GraphQLContext, info: GraphQLResolveInfo) {
  const target = await targetOf(context, previewedArticleId(context, args.id));
  if (!target) return null;
  const { articleId, stagedCopy } = target;
  const shown = stagedCopy ? [articleId, stagedCopy.id] : [articleId];
  const statement = new SqlStatement(
    canSeeUnpublished(context.viewer),
    undefined,
    context.joinRelations ?? true,
    shown,
  );
  const query = articleQuery(statement, { id: stagedCopy?.id ?? articleId });
  const row = await selectOne<ArticleRow>(context, query, fieldsOf(selectionOf(info), 'Article'));
  if (!row || !stagedCopy) return row;
  // The staged copy is a hidden row of its own; what identifies and dates the story to a frontend is the article's.
  const { slug, status, publishedAt } = stagedCopy;
  return {
    ...row,
    ...('slug' in row ? { slug } : {}),
    ...('status' in row ? { status } : {}),
    ...('publishedAt' in row ? { publishedAt } : {}),
  } as ArticleRow;
}

export const previewResolvers = {
  Query: { preview },
  Mutation: {
    createPreviewToken: async (_: unknown, args: MutationCreatePreviewTokenArgs, context: GraphQLContext) => {
      requireRole(context.viewer, 'EDITOR', 'createPreviewToken');
      const articleId = decodeGlobalId(args.articleId, 'articleId', 'Article').id;
      const { min, max } = PREVIEW_TOKEN_LIFETIME;
      if (!Number.isInteger(args.expiresIn) || args.expiresIn < min || args.expiresIn > max)
        throw badUserInput(`\`expiresIn\` must be ${min} to ${max} seconds.`, 'expiresIn');
      const author = authorOf(context.viewer);
      return issuePreviewToken(context.db.prisma, {
        articleId,
        expiresAt: new Date(Date.now() + args.expiresIn * 1000),
        apiKeyId: author.apiKeyId,
        createdBy: author.editor,
      });
    },
    revokePreviewToken: async (_: unknown, args: MutationRevokePreviewTokenArgs, context: GraphQLContext) => {
      requireRole(context.viewer, 'EDITOR', 'revokePreviewToken');
      if (!UUID.test(args.id)) throw badUserInput('`id` is not a preview token ID.', 'id');
      const { revokedAt } = await revokePreviewToken(context.db.prisma, args.id);
      return { tokenId: args.id, revokedAt };
    },
  },
  PreviewTokenPayload: { article: payloadArticle },
};
