// One body block as the write API accepts it (zod): the kind's own fields, its text (made from the items or cells
// for lists and tables) and marks checked against that text. Each failure names its path ("blocks.2.marks.0.href").
import { z } from 'zod';

import type { DraftBlock } from '../article-draft.ts';
import { decodeGlobalId } from '../../shared/global-id.ts';
import {
  embedProviderOf,
  knownEmbedProvider,
  listText,
  sanitizeEmbedHtml,
  TABLE_LIMITS,
  tableText,
  type BlockData,
} from './block-data.ts';
import { MARK_KINDS, MAX_MARKS_PER_BLOCK, markIssues, sortedMarks } from './marks.ts';

export const BLOCK_TEXT_LIMIT = 20_000;
const BLOCK_KINDS = ['PARAGRAPH', 'SUBHEADING', 'QUOTE', 'MEDIA', 'EMBED', 'LIST', 'TABLE', 'ARTICLE_LINK'] as const;
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const markSchema = z.object({
  kind: z.enum(MARK_KINDS),
  start: z.number().int().min(0).max(BLOCK_TEXT_LIMIT),
  end: z.number().int().min(0).max(BLOCK_TEXT_LIMIT),
  href: z.string().max(2_000).nullish(),
});

const embedSchema = z.object({
  provider: z.string().max(40).nullish(),
  url: z.string().max(2_000),
  title: z.string().trim().max(300).nullish(),
  html: z.string().max(TABLE_LIMITS.embedHtml, `must be at most ${TABLE_LIMITS.embedHtml} characters`).nullish(),
});

const listSchema = z.object({
  ordered: z.boolean().nullish(),
  items: z
    .array(z.string().refine((item) => !item.includes('\n'), 'must be one line'))
    .min(1, 'a list needs at least one item')
    .max(TABLE_LIMITS.listItems, `at most ${TABLE_LIMITS.listItems} items`),
});

const cellSchema = z.string().refine((cell) => !/[\t\n]/.test(cell), 'must hold no tab or line break');
const tableSchema = z.object({
  rows: z
    .array(z.array(cellSchema).min(1).max(TABLE_LIMITS.cells, `at most ${TABLE_LIMITS.cells} cells a row`))
    .min(1, 'a table needs at least one row')
    .max(TABLE_LIMITS.rows, `at most ${TABLE_LIMITS.rows} rows`),
  headerRows: z.number().int().min(0).max(TABLE_LIMITS.rows).nullish(),
});

const articleLinkSchema = z.object({
  slug: z.string().max(120).regex(SLUG, 'must be an article slug').nullish(),
  id: z.string().max(200).nullish(),
});

const rawBlockSchema = z.object({
  kind: z.enum(BLOCK_KINDS),
  text: z.string().max(BLOCK_TEXT_LIMIT, `must be at most ${BLOCK_TEXT_LIMIT} characters`).nullish(),
  mediaKey: z.string().trim().min(1).max(100).nullish(),
  marks: z.array(markSchema).max(MAX_MARKS_PER_BLOCK, `at most ${MAX_MARKS_PER_BLOCK} items`).nullish(),
  embed: embedSchema.nullish(),
  list: listSchema.nullish(),
  table: tableSchema.nullish(),
  article: articleLinkSchema.nullish(),
});
type RawBlock = z.infer<typeof rawBlockSchema>;

/** Which kind each kind-specific field belongs to. */
const KIND_FIELDS = { embed: 'EMBED', list: 'LIST', table: 'TABLE', article: 'ARTICLE_LINK' } as const;

/** The text a block's marks, mentions and quotes index: given, or made from list items and table cells. */
function blockText(block: RawBlock): string {
  if (block.kind === 'LIST' && block.list) return listText(block.list.items);
  if (block.kind === 'TABLE' && block.table) return tableText(block.table.rows);
  return block.text ?? '';
}

function checkKindFields(block: RawBlock, ctx: z.RefinementCtx): void {
  for (const [field, kind] of Object.entries(KIND_FIELDS) as Array<[keyof typeof KIND_FIELDS, string]>) {
    if (block.kind === kind && block[field] == null)
      ctx.addIssue({ code: 'custom', path: [field], message: `is required for ${kind} blocks` });
    if (block.kind !== kind && block[field] != null)
      ctx.addIssue({ code: 'custom', path: [field], message: `is only for ${kind} blocks` });
  }
  if ((block.kind === 'LIST' || block.kind === 'TABLE') && block.text != null)
    ctx.addIssue({
      code: 'custom',
      path: ['text'],
      message: `must be left out: a ${block.kind} block's text is made from its ${block.kind === 'LIST' ? 'items' : 'cells'}`,
    });
  if (block.table?.headerRows != null && block.table.headerRows > block.table.rows.length)
    ctx.addIssue({ code: 'custom', path: ['table', 'headerRows'], message: 'is more than the table has rows' });
  if (block.article && (block.article.slug == null) === (block.article.id == null))
    ctx.addIssue({ code: 'custom', path: ['article'], message: 'needs exactly one of slug and id' });
}

function checkEmbed(embed: NonNullable<RawBlock['embed']>, ctx: z.RefinementCtx): void {
  const named = embed.provider != null ? knownEmbedProvider(embed.provider) : undefined;
  if (embed.provider != null && !named) {
    ctx.addIssue({
      code: 'custom',
      path: ['embed', 'provider'],
      message: `"${embed.provider}" is not an allowed provider`,
    });
    return;
  }
  let protocol = '';
  try {
    protocol = new URL(embed.url).protocol;
  } catch {
    // reported below
  }
  if (protocol !== 'https:') {
    ctx.addIssue({ code: 'custom', path: ['embed', 'url'], message: 'must be an absolute https URL' });
    return;
  }
  const ofUrl = embedProviderOf(embed.url);
  if (!ofUrl || (named && named !== ofUrl))
    ctx.addIssue({
      code: 'custom',
      path: ['embed', 'url'],
      message: named ? `is not a ${named} URL` : 'is not on an allowed embed provider',
    });
}

function checkArticleId(id: string, ctx: z.RefinementCtx): void {
  try {
    decodeGlobalId(id, 'article.id', 'Article');
  } catch (error) {
    ctx.addIssue({ code: 'custom', path: ['article', 'id'], message: (error as Error).message });
  }
}

export const blockInputSchema = rawBlockSchema
  .superRefine((block, ctx) => {
    checkKindFields(block, ctx);
    if (block.kind === 'EMBED' && block.embed) checkEmbed(block.embed, ctx);
    if (block.article?.id != null) checkArticleId(block.article.id, ctx);
    const text = blockText(block);
    const separators = block.kind === 'LIST' ? '\n' : block.kind === 'TABLE' ? '\t\n' : '';
    for (const issue of markIssues(text, block.marks ?? [], separators))
      ctx.addIssue({ code: 'custom', path: ['marks', issue.index, issue.field], message: issue.message });
  })
  .transform((block) => ({ ...block, text: blockText(block) }));

export type BlockInput = z.infer<typeof blockInputSchema>;

function blockData(block: BlockInput): BlockData | undefined {
  if (block.embed) {
    const html = block.embed.html ? sanitizeEmbedHtml(block.embed.html) : '';
    return {
      provider: embedProviderOf(block.embed.url)!,
      url: block.embed.url,
      ...(block.embed.title ? { title: block.embed.title } : {}),
      ...(html ? { html } : {}),
    };
  }
  if (block.list) return { ordered: block.list.ordered ?? false };
  if (block.table) return { headerRows: block.table.headerRows ?? 0 };
  return undefined;
}

/** The draft block the writer stores; optional parts only when present (the content hash of plain blocks stays). */
export function draftBlock(block: BlockInput): DraftBlock {
  const data = blockData(block);
  const marks = sortedMarks(block.marks ?? []);
  const linked = block.article;
  return {
    kind: block.kind,
    text: block.text,
    ...(block.mediaKey ? { mediaKey: block.mediaKey } : {}),
    ...(marks.length ? { marks } : {}),
    ...(data ? { data } : {}),
    ...(linked
      ? {
          linkedArticle: linked.slug
            ? { slug: linked.slug }
            : { id: decodeGlobalId(linked.id!, 'article.id', 'Article').id },
        }
      : {}),
  };
}
