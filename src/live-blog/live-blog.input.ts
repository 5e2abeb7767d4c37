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

export type AddLiveEntryValues = z.infer<typeof addLiveEntrySchema> & { author: string };
export type UpdateLiveEntryValues = z.infer<typeof updateLiveEntrySchema>;
