// What the section and tag mutations accept, as zod schemas (BAD_USER_INPUT naming the offending field).
import { z } from 'zod';

import { LIMITS, slugSchema, text } from '../article/article-mutations.input.ts';

export const createSectionSchema = z.object({ name: text(LIMITS.shortText), slug: slugSchema.nullish() });
export const updateSectionSchema = z.object({ name: text(LIMITS.shortText).nullish(), slug: slugSchema.nullish() });

const TAG_TYPES = ['TOPIC', 'PERSON', 'ORGANIZATION', 'PLACE', 'EVENT'] as const;

export const createTagSchema = z.object({
  name: text(LIMITS.shortText),
  slug: slugSchema.nullish(),
  type: z.enum(TAG_TYPES).nullish(),
});
export const updateTagSchema = z.object({
  name: text(LIMITS.shortText).nullish(),
  slug: slugSchema.nullish(),
  type: z.enum(TAG_TYPES).nullish(),
});

export type CreateSectionValues = z.infer<typeof createSectionSchema>;
export type UpdateSectionValues = z.infer<typeof updateSectionSchema>;
export type CreateTagValues = z.infer<typeof createTagSchema>;
export type UpdateTagValues = z.infer<typeof updateTagSchema>;
