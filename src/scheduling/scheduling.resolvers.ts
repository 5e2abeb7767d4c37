// scheduleArticle and cancelSchedule: check the role and the times (against the server's clock), write, and announce
// the committed change as every article mutation does.
import { announce, authorOf } from '../article/article-mutations.resolvers.ts';
import type { WriteResult } from '../article/article-mutations.repository.ts';
import { requireRole } from '../auth/authorize.ts';
import type { GraphQLContext } from '../context.ts';
import type { MutationCancelScheduleArgs, MutationScheduleArticleArgs } from '../generated/graphql.ts';
import { systemClock } from '../shared/clock.ts';
import { decodeGlobalId } from '../shared/global-id.ts';
import { mapWriteErrors } from '../shared/write-errors.ts';
import { cancelSchedule, checkScheduleTimes, scheduleArticle } from './schedule.repository.ts';

const articleIdOf = (id: string) => decodeGlobalId(id, 'id', 'Article').id;
const dateOf = (value: Date | string | null | undefined) => (value == null ? null : new Date(value));

async function write(context: GraphQLContext, work: () => Promise<WriteResult>): Promise<WriteResult> {
  const result = await mapWriteErrors('id', work);
  await announce(context, result);
  return result;
}

export const schedulingResolvers = {
  Mutation: {
    scheduleArticle: (_: unknown, args: MutationScheduleArticleArgs, context: GraphQLContext) => {
      requireRole(context.viewer, 'EDITOR', 'scheduleArticle');
      const id = articleIdOf(args.id);
      const request = { publishAt: dateOf(args.publishAt), unpublishAt: dateOf(args.unpublishAt) };
      checkScheduleTimes(request, (context.clock ?? systemClock).now());
      return write(context, () => scheduleArticle(context.db, id, request, authorOf(context.viewer)));
    },
    cancelSchedule: (_: unknown, args: MutationCancelScheduleArgs, context: GraphQLContext) => {
      requireRole(context.viewer, 'EDITOR', 'cancelSchedule');
      const id = articleIdOf(args.id);
      return write(context, () => cancelSchedule(context.db, id, authorOf(context.viewer)));
    },
  },
};
