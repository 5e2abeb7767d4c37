// What the live-entry mutations accept, as zod schemas (BAD_USER_INPUT naming the offending field).
import { z } from 'zod';

import { LIMITS, optionalText, text } from '../article/article-mutations.input.ts';

const ENTRY_TEXT_LIMIT = 10_000;

export const addLiveEntrySchema = z.object({
  text: text(ENTRY_TEXT_LIMIT),
  headline: optionalText(LIMITS.headline),
  isKeyEvent: z.boolean().nullish(),
  pinned: z.boolean().nullish(),
  author: optionalText(LIMITS.shortText),
});

export const updateLiveEntrySchema = z.object({
  text: text(ENTRY_TEXT_LIMIT).nullish(),
  headline: optionalText(LIMITS.headline),
  isKeyEvent: z.boolean().nullish(),
  pinned: z.boolean().nullish(),
});

/**
 * `postedAt` is not part of the mutation (an entry posted through the API is posted now); the seed sets it so that
 * entries about past events carry the time they happened.
 */
export type AddLiveEntryValues = z.infer<typeof addLiveEntrySchema> & { author: string; postedAt?: Date };
export type UpdateLiveEntryValues = z.infer<typeof updateLiveEntrySchema>;
