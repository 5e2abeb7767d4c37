// Article mutations: check the role, validate the input (zod), run the write, announce committed changes, and
// answer with the article as it now stands (read through the read API, so the payload looks like any query).
import DataLoader from 'dataloader';
import type { GraphQLResolveInfo } from 'graphql';

import { requireRole } from '../auth/authorize.ts';
import { loaderFor, type GraphQLContext, type Viewer } from '../context.ts';
import { evictTouchedRecords, type TouchedByWrite } from '../cache/touched-records.ts';
import { announceChanges } from '../feed/change-feed.ts';
import type {
  MutationCreateArticleArgs,
  MutationDeleteArticleArgs,
  MutationPublishArticleArgs,
  MutationUpdateArticleArgs,
  MutationWithdrawArticleArgs,
} from '../generated/graphql.ts';
import { notFound } from '../shared/errors.ts';
import { decodeGlobalId, encodeGlobalId } from '../shared/global-id.ts';
import { fieldsOf, selectionOf } from '../sql/selection.ts';
import { mapWriteErrors } from '../shared/write-errors.ts';
import { articleById } from './article.repository.ts';
import { createArticleSchema, noteSchema, parseInput, updateArticleSchema } from './article-mutations.input.ts';
import {
  changeStatus,
  createArticle,
  deleteArticle,
  updateArticle,
  type WriteResult,
} from './article-mutations.repository.ts';
import type { RevisionAuthor } from './article-writer.ts';
import { stageArticleUpdate } from '../revision/staged-revision.repository.ts';

export const authorOf = (viewer: Viewer): RevisionAuthor => ({ apiKeyId: viewer.apiKeyId, editor: viewer.apiKeyName });

/** What announcing a committed write needs: a request's context, or the scheduler's services (src/scheduling/). */
export type Announcer = Pick<GraphQLContext, 'db' | 'logger' | 'pubsub' | 'evictCachedAnswers'>;

/**
 * After commit, before the mutation answers: cached answers showing any record the write touched are evicted on every
 * instance (plus `moreRecords`, global IDs the write changed outside any article), then live subscribers hear about
 * it. A failure of either must not fail the committed write.
 */
export async function announce(
  context: Announcer,
  result: TouchedByWrite & { changes: WriteResult['changes'] },
  moreRecords: string[] = [],
): Promise<void> {
  await evictTouchedRecords(context, result, moreRecords);
  try {
    await announceChanges(context.db, context.pubsub, result.changes);
  } catch (error) {
    context.logger.error({ err: error }, 'announcing changes failed; the change feed still has them');
  }
}

/** Any payload's `article`: read back with the caller's selection, as `article(id:)` would answer it. */
export async function payloadArticle(
  parent: { articleId: string },
  _args: unknown,
  context: GraphQLContext,
  info: GraphQLResolveInfo,
) {
  const article = await articleById(context, parent.articleId, fieldsOf(selectionOf(info), 'Article'));
  if (!article) throw notFound('The article is no longer visible.');
  return article;
}

export async function write(
  context: GraphQLContext,
  argument: string,
  work: () => Promise<WriteResult>,
): Promise<WriteResult> {
  const result = await mapWriteErrors(argument, work);
  await announce(context, result);
  return result;
}

/** Per-request batch of one relation of many articles (revisions, corrections), in one query. */
function byArticle<R extends { articleId: string }, T>(
  context: GraphQLContext,
  key: string,
  load: (ids: string[]) => Promise<R[]>,
  map: (row: R) => T,
) {
  return loaderFor(
    context,
    key,
    () =>
      new DataLoader<string, T[]>(async (ids) => {
        const grouped = new Map<string, T[]>(ids.map((id) => [id, []]));
        for (const row of await load([...ids])) grouped.get(row.articleId)?.push(map(row));
        return ids.map((id) => grouped.get(id)!);
      }),
  );
}

const articleIdOf = (id: string) => decodeGlobalId(id, 'id', 'Article').id;

export const articleMutationResolvers = {
  Mutation: {
    createArticle: (_: unknown, args: MutationCreateArticleArgs, context: GraphQLContext) => {
      requireRole(context.viewer, 'EDITOR', 'createArticle');
      return write(context, 'input', async () =>
        createArticle(context.db, parseInput(createArticleSchema, args.input, 'input'), authorOf(context.viewer)),
      );
    },
    updateArticle: (_: unknown, args: MutationUpdateArticleArgs, context: GraphQLContext) => {
      requireRole(context.viewer, 'EDITOR', 'updateArticle');
      const id = articleIdOf(args.id);
      const values = parseInput(updateArticleSchema, args.input, 'input');
      const correction = args.correction == null ? null : parseInput(noteSchema, args.correction, 'correction');
      if (args.stage)
        return write(context, 'input', () =>
          stageArticleUpdate(context.db, id, args.expectedRevision, values, correction, authorOf(context.viewer)),
        );
      return write(context, 'input', () =>
        updateArticle(context.db, id, args.expectedRevision, values, correction, authorOf(context.viewer)),
      );
    },
    publishArticle: (_: unknown, args: MutationPublishArticleArgs, context: GraphQLContext) => {
      requireRole(context.viewer, 'EDITOR', 'publishArticle');
      return write(context, 'id', () =>
        changeStatus(context.db, articleIdOf(args.id), { to: 'PUBLISHED' }, authorOf(context.viewer)),
      );
    },
    unpublishArticle: (_: unknown, args: MutationPublishArticleArgs, context: GraphQLContext) => {
      requireRole(context.viewer, 'EDITOR', 'unpublishArticle');
      return write(context, 'id', () =>
        changeStatus(context.db, articleIdOf(args.id), { to: 'DRAFT' }, authorOf(context.viewer)),
      );
    },
    withdrawArticle: (_: unknown, args: MutationWithdrawArticleArgs, context: GraphQLContext) => {
      requireRole(context.viewer, 'EDITOR', 'withdrawArticle');
      const reason = parseInput(noteSchema, args.reason, 'reason');
      return write(context, 'id', () =>
        changeStatus(context.db, articleIdOf(args.id), { to: 'WITHDRAWN', reason }, authorOf(context.viewer)),
      );
    },
    deleteArticle: async (_: unknown, args: MutationDeleteArticleArgs, context: GraphQLContext) => {
      requireRole(context.viewer, 'ADMIN', 'deleteArticle');
      const result = await write(context, 'id', () =>
        deleteArticle(context.db, articleIdOf(args.id), authorOf(context.viewer)),
      );
      return { deletedArticleId: encodeGlobalId('Article', result.articleId), revision: result.revision };
    },
  },
  ArticlePayload: { article: payloadArticle },
  Article: {
    revisions: (article: { id: string }, _args: unknown, context: GraphQLContext) => {
      requireRole(context.viewer, 'EDITOR', 'Article.revisions', { fieldLevel: true });
      return byArticle(
        context,
        'article.revisions',
        (ids) =>
          context.db.prisma.articleRevision.findMany({
            where: { articleId: { in: ids } },
            orderBy: { revision: 'asc' },
          }),
        (r) => ({ revision: r.revision, at: r.createdAt, editor: r.editor, changes: r.changes, staged: r.staged }),
      ).load(article.id);
    },
    corrections: (article: { id: string }, _args: unknown, context: GraphQLContext) =>
      byArticle(
        context,
        'article.corrections',
        (ids) =>
          context.db.prisma.correction.findMany({
            where: { articleId: { in: ids } },
            orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
          }),
        (r) => ({ note: r.note, at: r.createdAt }),
      ).load(article.id),
  },
};
