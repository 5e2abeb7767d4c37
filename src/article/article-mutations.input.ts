// What the write API accepts, as zod schemas: sizes, list lengths, formats and cross-references, each failure
// reported as BAD_USER_INPUT naming the offending field ("input.quotes.3.text"). Also turns the GraphQL input into
// an ArticleDraft, finding quote and mention offsets the client left out.
import { z } from 'zod';

import type { ArticleDraft, DraftMedia, DraftMention, DraftQuote } from './article-draft.ts';
import { DraftValidationError } from '../shared/write-errors.ts';
import { badUserInput } from '../shared/errors.ts';
import { BLOCK_TEXT_LIMIT, blockInputSchema, draftBlock } from './rich-text/block-input.ts';
import { cropsOutside, cropsSchema, focalPointSchema } from '../media/renditions-input.ts';
import { isKnownLanguage } from '../translation/language.ts';

export const LIMITS = {
  slug: 120,
  headline: 300,
  standfirst: 1_000,
  shortText: 200,
  blocks: 500,
  blockText: BLOCK_TEXT_LIMIT,
  bodyText: 200_000,
  entities: 300,
  aliases: 30,
  description: 2_000,
  mentions: 3_000,
  quotes: 300,
  quoteText: 5_000,
  media: 50,
  caption: 2_000,
  url: 2_000,
  tags: 30,
  contributors: 20,
  depicts: 50,
  note: 2_000,
} as const;

/** Lowercase ASCII words joined by single hyphens: what slugify() produces. */
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const text = (max: number) =>
  z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);
export const optionalText = (max: number) => text(max).nullish();
export const list = <T extends z.ZodType>(item: T, max: number) => z.array(item).max(max, `at most ${max} items`);
export const slugSchema = z
  .string()
  .max(LIMITS.slug, `must be at most ${LIMITS.slug} characters`)
  .regex(SLUG, 'must be lowercase letters and digits joined by single hyphens, e.g. "xi-jinping"');
const wikidataIdSchema = z.string().regex(/^Q[1-9]\d{0,11}$/, 'must be a Wikidata item ID such as "Q15031"');
const offset = z.number().int().min(0).max(LIMITS.blockText);
const position = z
  .number()
  .int()
  .min(0)
  .max(LIMITS.blocks - 1);
export const urlSchema = z
  .string()
  .max(LIMITS.url)
  .refine((v) => {
    try {
      return Boolean(new URL(v));
    } catch {
      return false;
    }
  }, 'must be an absolute URL');
const dateSchema = z.union([z.date(), z.string()]).transform((v, ctx) => {
  const date = new Date(v);
  if (Number.isNaN(date.getTime())) ctx.addIssue({ code: 'custom', message: 'must be an ISO-8601 date-time' });
  return date.toISOString();
});

const ENTITY_TYPES = ['PERSON', 'ORGANIZATION', 'PLACE', 'EVENT', 'OTHER'] as const;
const QUOTE_KINDS = ['DIRECT', 'PARTIAL', 'INDIRECT'] as const;
const MEDIA_KINDS = ['PHOTO', 'VIDEO', 'GRAPHIC', 'AUDIO'] as const;
const MEDIA_ROLES = ['HERO', 'INLINE'] as const;
const TEXT_FIELDS = ['HEADLINE', 'STANDFIRST', 'BODY', 'CAPTION', 'CREDIT'] as const;

export const entityInputSchema = z.object({
  type: z.enum(ENTITY_TYPES),
  name: text(LIMITS.shortText),
  slug: slugSchema.nullish(),
  aliases: list(text(LIMITS.shortText), LIMITS.aliases).nullish(),
  description: optionalText(LIMITS.description),
  wikidataId: wikidataIdSchema.nullish(),
});

const articleEntitySchema = entityInputSchema.extend({
  key: text(100),
  role: optionalText(LIMITS.shortText),
});

const mentionSchema = z.object({
  entityKey: text(100),
  surface: text(LIMITS.shortText),
  field: z.enum(TEXT_FIELDS).nullish(),
  blockPosition: position.nullish(),
  startOffset: offset.nullish(),
  endOffset: offset.nullish(),
  role: optionalText(LIMITS.shortText),
  isMetonymy: z.boolean().nullish(),
});

export const quoteFieldsSchema = z.object({
  text: text(LIMITS.quoteText),
  kind: z.enum(QUOTE_KINDS).nullish(),
  speakerLabel: optionalText(LIMITS.shortText),
  speakerRole: optionalText(LIMITS.shortText),
  blockPosition: position,
  startOffset: offset.nullish(),
  endOffset: offset.nullish(),
  saidAt: dateSchema.nullish(),
});

const articleQuoteSchema = quoteFieldsSchema.extend({ speakerKey: text(100).nullish() });

const creditSchema = z.object({
  raw: optionalText(LIMITS.shortText),
  photographer: optionalText(LIMITS.shortText),
  pool: z.boolean().nullish(),
  distributor: optionalText(LIMITS.shortText),
  isFilePhoto: z.boolean().nullish(),
  copyrightHolder: optionalText(LIMITS.shortText),
});

export const mediaFieldsSchema = z.object({
  kind: z.enum(MEDIA_KINDS).nullish(),
  url: urlSchema,
  caption: optionalText(LIMITS.caption),
  altText: optionalText(LIMITS.caption),
  width: z.number().int().min(1).max(100_000).nullish(),
  height: z.number().int().min(1).max(100_000).nullish(),
  credit: creditSchema.nullish(),
  focalPoint: focalPointSchema.nullish(),
  crops: cropsSchema.nullish(),
});

const articleMediaSchema = mediaFieldsSchema.extend({
  key: text(100),
  role: z.enum(MEDIA_ROLES).nullish(),
  depicts: list(text(100), LIMITS.depicts).nullish(),
});

/** Blocks, entities, mentions, quotes and media: the part of an article that is replaced as a whole. */
const contentSchema = z
  .object({
    blocks: list(blockInputSchema, LIMITS.blocks).min(1, 'an article needs at least one block'),
    entities: list(articleEntitySchema, LIMITS.entities).nullish(),
    mentions: list(mentionSchema, LIMITS.mentions).nullish(),
    quotes: list(articleQuoteSchema, LIMITS.quotes).nullish(),
    media: list(articleMediaSchema, LIMITS.media).nullish(),
  })
  .superRefine((content, ctx) => {
    // Zod runs this check even when a block failed its own, untransformed (no text yet).
    const total = content.blocks.reduce((sum, b) => sum + ((b.text as string | undefined)?.length ?? 0), 0);
    if (total > LIMITS.bodyText)
      ctx.addIssue({
        code: 'custom',
        path: ['blocks'],
        message: `the body must be at most ${LIMITS.bodyText} characters in all`,
      });
    const seen = (items: Array<{ key: string }> | null | undefined, name: string) => {
      const keys = new Set<string>();
      items?.forEach((item, i) => {
        if (keys.has(item.key))
          ctx.addIssue({ code: 'custom', path: [name, i, 'key'], message: `duplicate key "${item.key}"` });
        keys.add(item.key);
      });
    };
    seen(content.entities, 'entities');
    seen(content.media, 'media');
    const urls = new Set<string>();
    content.media?.forEach((m, i) => {
      for (const [j, message] of cropsOutside(m.crops ?? {}, m.width, m.height))
        ctx.addIssue({ code: 'custom', path: ['media', i, 'crops', j], message });
      if (urls.has(m.url))
        ctx.addIssue({ code: 'custom', path: ['media', i, 'url'], message: 'the same medium is listed twice' });
      urls.add(m.url);
    });
  });

const metadataShape = {
  slug: slugSchema.nullish(),
  headline: text(LIMITS.headline),
  standfirst: optionalText(LIMITS.standfirst),
  language: z.string().refine(isKnownLanguage, 'must be an ISO 639-1 language code such as "en" or "fr"').nullish(),
  section: slugSchema.max(60).nullish(),
  kind: z.enum(['STANDARD', 'LIVE']).nullish(),
  tags: list(text(60), LIMITS.tags).nullish(),
  byline: optionalText(LIMITS.shortText),
  contributors: list(text(LIMITS.shortText), LIMITS.contributors).nullish(),
  source: optionalText(LIMITS.shortText),
  canonicalUrl: urlSchema.nullish(),
  publishedAt: dateSchema.nullish(),
};

export const createArticleSchema = z.object({ ...metadataShape, publish: z.boolean().nullish() }).and(contentSchema);

export const updateArticleSchema = z.object({
  ...metadataShape,
  headline: text(LIMITS.headline).nullish(),
  content: contentSchema.nullish(),
});

export const noteSchema = text(LIMITS.note);

export type CreateArticleValues = z.infer<typeof createArticleSchema>;
export type UpdateArticleValues = z.infer<typeof updateArticleSchema>;
export type ContentValues = z.infer<typeof contentSchema>;

/** Parses `value` or throws BAD_USER_INPUT naming the first offending field under `argument`; all issues in extensions. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, argument: string): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({
    field: [argument, ...issue.path].join('.'),
    message: issue.message,
  }));
  throw invalidField(`${issues[0].field} ${issues[0].message}.`, issues[0].field, issues);
}

/** BAD_USER_INPUT with the input path of the field at fault (`extensions.field`). */
export function invalidField(message: string, field: string, issues?: Array<{ field: string; message: string }>) {
  const error = badUserInput(message, field.split('.')[0]);
  Object.assign(error.extensions, { field, ...(issues ? { issues } : {}) });
  return error;
}

/** Where `needle` occurs in `haystack` at or after `from`; undefined when absent. */
function locate(
  haystack: string | null | undefined,
  needle: string,
  from = 0,
): { start: number; end: number } | undefined {
  if (!haystack) return undefined;
  const start = haystack.indexOf(needle, from);
  return start < 0 ? undefined : { start, end: start + needle.length };
}

/**
 * Offsets for a quote: as given, or the first occurrence of its text in the block at or after `searchFrom`.
 * Throws DraftValidationError (→ BAD_USER_INPUT) when the text is not in the block.
 */
export function quoteOffsets(
  quote: { text: string; blockPosition: number; startOffset?: number | null; endOffset?: number | null },
  blockText: string | undefined,
  path: string,
  searchFrom = 0,
): { startOffset: number; endOffset: number } {
  const at = (field: string) => (path ? `${path}.${field}` : field);
  if (blockText === undefined)
    throw new DraftValidationError(`Block ${quote.blockPosition} does not exist.`, at('blockPosition'));
  if (quote.startOffset != null)
    return { startOffset: quote.startOffset, endOffset: quote.endOffset ?? quote.startOffset + quote.text.length };
  const found = locate(blockText, quote.text, searchFrom);
  if (!found) throw new DraftValidationError(`The quote's text is not in block ${quote.blockPosition}.`, at('text'));
  return { startOffset: found.start, endOffset: found.end };
}

/** Builds the ArticleDraft the writer stores; missing offsets are found by searching (successive occurrences). */
export function toDraft(
  metadata: Omit<ArticleDraft, 'blocks' | 'entities' | 'mentions' | 'quotes' | 'media'>,
  content: ContentValues,
): ArticleDraft {
  const blocks = content.blocks.map(draftBlock);
  const media: DraftMedia[] = (content.media ?? []).map((m) => ({
    key: m.key,
    kind: m.kind ?? 'PHOTO',
    url: m.url,
    caption: m.caption ?? null,
    altText: m.altText ?? null,
    width: m.width ?? null,
    height: m.height ?? null,
    credit: {
      raw: m.credit?.raw ?? null,
      photographer: m.credit?.photographer ?? null,
      pool: m.credit?.pool ?? false,
      distributor: m.credit?.distributor ?? null,
      isFilePhoto: m.credit?.isFilePhoto ?? false,
      copyrightHolder: m.credit?.copyrightHolder ?? null,
    },
    role: m.role ?? 'INLINE',
    depicts: m.depicts ?? [],
    ...(m.focalPoint ? { focalPoint: m.focalPoint } : {}),
    ...(m.crops ? { crops: m.crops } : {}),
  }));
  const fieldText = (field: DraftMention['field'], blockPosition: number | null): string | null | undefined => {
    if (field === 'HEADLINE') return metadata.headline;
    if (field === 'STANDFIRST') return metadata.standfirst;
    const block = blockPosition == null ? undefined : blocks[blockPosition];
    if (field === 'BODY') return block?.text;
    const medium = block?.mediaKey ? media.find((m) => m.key === block.mediaKey) : undefined;
    return field === 'CAPTION' ? medium?.caption : medium?.credit.raw;
  };
  // Successive mentions of one surface in one field without offsets take successive occurrences.
  const searchFrom = new Map<string, number>();
  const mentions: DraftMention[] = (content.mentions ?? []).map((m, i) => {
    const field = m.field ?? 'BODY';
    const blockPosition = field === 'HEADLINE' || field === 'STANDFIRST' ? null : (m.blockPosition ?? null);
    if (field !== 'HEADLINE' && field !== 'STANDFIRST' && (blockPosition == null || !blocks[blockPosition]))
      throw new DraftValidationError(
        `Mention ${i} needs the position of an existing block.`,
        `mentions.${i}.blockPosition`,
      );
    let startOffset = m.startOffset;
    let endOffset = m.endOffset;
    if (startOffset == null) {
      const key = `${field}:${blockPosition}:${m.surface}`;
      const found = locate(fieldText(field, blockPosition), m.surface, searchFrom.get(key) ?? 0);
      if (!found)
        throw new DraftValidationError(
          `"${m.surface}" does not occur in the mention's ${field.toLowerCase()}${blockPosition == null ? '' : ` (block ${blockPosition})`}.`,
          `mentions.${i}.surface`,
        );
      searchFrom.set(key, found.end);
      startOffset = found.start;
      endOffset = found.end;
    }
    return {
      entityKey: m.entityKey,
      surface: m.surface,
      field,
      blockPosition,
      startOffset,
      endOffset: endOffset ?? startOffset + m.surface.length,
      role: m.role ?? null,
      isMetonymy: m.isMetonymy ?? false,
      provenance: 'EDITOR',
    };
  });
  const quoteSearchFrom = new Map<string, number>();
  const quotes: DraftQuote[] = (content.quotes ?? []).map((q, i) => {
    const key = `${q.blockPosition}:${q.text}`;
    const offsets = quoteOffsets(q, blocks[q.blockPosition]?.text, `quotes.${i}`, quoteSearchFrom.get(key) ?? 0);
    quoteSearchFrom.set(key, offsets.endOffset);
    return {
      text: q.text,
      kind: q.kind ?? 'DIRECT',
      speakerKey: q.speakerKey ?? null,
      speakerLabel: q.speakerLabel ?? null,
      speakerRole: q.speakerRole ?? null,
      blockPosition: q.blockPosition,
      ...offsets,
      saidAt: q.saidAt ?? null,
      provenance: 'EDITOR',
    };
  });
  const entities = (content.entities ?? []).map((e) => ({
    key: e.key,
    type: e.type,
    name: e.name,
    slug: e.slug ?? null,
    aliases: e.aliases ?? [],
    description: e.description ?? null,
    wikidataId: e.wikidataId ?? null,
    role: e.role ?? null,
  }));
  return { ...metadata, blocks, entities, mentions, quotes, media };
}
