// What the author mutations accept, as zod schemas (BAD_USER_INPUT naming the offending field).
import { z } from 'zod';

import { LIMITS, list, optionalText, slugSchema, text, urlSchema } from '../article/article-mutations.input.ts';

/** Only web addresses: a `javascript:` or `data:` URL in a profile link would run in readers' browsers. */
const webUrlSchema = urlSchema.refine(
  (value) => /^https?:$/.test(new URL(value).protocol),
  'must be an http or https URL',
);

const MAX_SAME_AS = 20;
/** Credits one article may have. */
export const MAX_CREDITS = 30;

const authorFields = {
  slug: slugSchema.nullish(),
  bio: optionalText(LIMITS.description),
  jobTitle: optionalText(LIMITS.shortText),
  photoId: z.string().nullish(),
  photoUrl: webUrlSchema.nullish(),
  sameAs: list(webUrlSchema, MAX_SAME_AS).nullish(),
};

export const createAuthorSchema = z.object({ name: text(LIMITS.shortText), ...authorFields });
export const updateAuthorSchema = z.object({ name: text(LIMITS.shortText).nullish(), ...authorFields });

export type CreateAuthorValues = z.infer<typeof createAuthorSchema>;
export type UpdateAuthorValues = z.infer<typeof updateAuthorSchema>;
