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
import { ingestNinjs, looksLikeJson, NinjsDocumentError, parseNinjs } from '../formats/ninjs/ninjs-ingest.ts';
import type { NinjsDocument } from '../formats/ninjs/ninjs-story.ts';
import { ingestStory, StoryTextError, type IngestOptions, type IngestResult } from './ingest.service.ts';

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

/** The ninjs document in `text`, or BAD_USER_INPUT listing where it fails the schema (`text.headlines.0`). */
function ninjsInput(text: string): NinjsDocument {
  try {
    return parseNinjs(text);
  } catch (error) {
    if (!(error instanceof NinjsDocumentError)) throw error;
    const issues = error.problems.map((problem) => ({
      field: ['text', ...problem.path.split('/').filter(Boolean)].join('.'),
      message: problem.message,
    }));
    throw invalidField(`text: ${error.message}`, issues[0]?.field ?? 'text', issues.length ? issues : undefined);
  }
}

async function ingest(
  context: GraphQLContext,
  text: string,
  ninjs: NinjsDocument | null,
  options: IngestOptions,
): Promise<IngestResult> {
  try {
    return ninjs
      ? await ingestNinjs(context.db.prisma, ninjs, options)
      : await ingestStory(context.db.prisma, text, options);
  } catch (error) {
    if (error instanceof StoryTextError) throw invalidField(`text: ${error.message}`, 'text');
    throw error;
  }
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
      const options = {
        metadata,
        publish: args.publish ?? false,
        now: (context.clock ?? systemClock).now(),
        ...authorOf(context.viewer),
      };
      const ninjs = (args.format ?? (looksLikeJson(text) ? 'NINJS' : 'TEXT')) === 'NINJS' ? ninjsInput(text) : null;
      const result = await mapWriteErrors('metadata', () => ingest(context, text, ninjs, options));
      await announce(context, result);
      return { articleId: result.articleId, created: result.created, unchanged: result.unchanged, found: result.found };
    },
  },
  IngestArticlePayload: { article: payloadArticle },
};
