// What the collection mutations accept, as zod schemas (BAD_USER_INPUT naming the offending field).
import { z } from 'zod';

import { LIMITS, slugSchema, text } from '../article/article-mutations.input.ts';

/** Items of one collection: a front longer than this is not curated. */
const MAX_COLLECTION_ITEMS = 100;
/** Hand-picked related stories of one article. */
export const MAX_RELATED_PICKS = 20;

export const createCollectionSchema = z.object({
  name: text(LIMITS.shortText),
  slug: slugSchema.nullish(),
  description: text(LIMITS.description).nullish(),
});
export const updateCollectionSchema = z.object({
  name: text(LIMITS.shortText).nullish(),
  slug: slugSchema.nullish(),
  description: text(LIMITS.description).nullish(),
});
export const collectionItemsSchema = z
  .array(
    z.object({
      articleId: z.string(),
      headlineOverride: text(LIMITS.headline).nullish(),
      standfirstOverride: text(LIMITS.standfirst).nullish(),
    }),
  )
  .max(MAX_COLLECTION_ITEMS, `at most ${MAX_COLLECTION_ITEMS} items`);

export type CreateCollectionValues = z.infer<typeof createCollectionSchema>;
export type UpdateCollectionValues = z.infer<typeof updateCollectionSchema>;
