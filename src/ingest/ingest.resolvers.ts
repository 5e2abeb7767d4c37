// ingestArticle: check the role, validate the text and metadata (zod), extract and store, announce the committed
// changes (change feed subscribers, response-cache eviction) exactly as createArticle does.
import { z } from 'zod';

import { invalidField, parseInput, updateArticleSchema } from '../article/article-mutations.input.ts';
import { announce, authorOf, payloadArticle } from '../article/article-mutations.resolvers.ts';
import { requireRole } from '../auth/authorize.ts';
import type { GraphQLContext } from '../context.ts';
import type { MutationIngestArticleArgs } from '../generated/graphql.ts';
import { systemClock } from '../shared/clock.ts';
import { mapWriteErrors } from '../shared/write-errors.ts';
import { ingestStory, StoryTextError } from './ingest.service.ts';

/** The largest story text accepted, in UTF-8 bytes (the request body limit is larger). */
const MAX_STORY_BYTES = 200 * 1024;

const storyTextSchema = z
  .string()
  .refine((text) => text.trim().length > 0, 'must not be empty: line 1 is the headline')
  .refine(
    (text) => Buffer.byteLength(text, 'utf8') <= MAX_STORY_BYTES,
    `must be at most ${MAX_STORY_BYTES / 1024} KB (UTF-8)`,
  )
  .refine((text) => !text.includes('\u0000'), 'must not contain null bytes');

/** The metadata fields, with the same rules as createArticle/updateArticle; the embargo as the same date-time. */
const ingestMetadataSchema = updateArticleSchema
  .pick({
    slug: true,
    section: true,
    tags: true,
    byline: true,
    source: true,
    canonicalUrl: true,
    publishedAt: true,
    language: true,
  })
  .extend({ embargoUntil: updateArticleSchema.shape.publishedAt });

export interface IngestPayload {
  articleId: string;
  created: boolean;
  unchanged: boolean;
  found: { entities: number; quotes: number; media: number };
}

export const ingestResolvers = {
  Mutation: {
    ingestArticle: async (
      _: unknown,
      args: MutationIngestArticleArgs,
      context: GraphQLContext,
    ): Promise<IngestPayload> => {
      requireRole(context.viewer, 'EDITOR', 'ingestArticle');
      const text = parseInput(storyTextSchema, args.text, 'text');
      const metadata = args.metadata == null ? {} : parseInput(ingestMetadataSchema, args.metadata, 'metadata');
      const author = authorOf(context.viewer);
      const result = await mapWriteErrors('metadata', async () => {
        try {
          return await ingestStory(context.db.prisma, text, {
            metadata,
            publish: args.publish ?? false,
            now: (context.clock ?? systemClock).now(),
            ...author,
          });
        } catch (error) {
          if (error instanceof StoryTextError) throw invalidField(`text: ${error.message}`, 'text');
          throw error;
        }
      });
      await announce(context, result);
      return { articleId: result.articleId, created: result.created, unchanged: result.unchanged, found: result.found };
    },
  },
  IngestArticlePayload: { article: payloadArticle },
};
