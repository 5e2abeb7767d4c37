// ArticleBlock's rich-text fields, computed in TypeScript from the block's row (no query of their own).
import type { ArticleBlockResolvers } from '../../generated/graphql.ts';
import { listItems, tableRows, type EmbedData, type ListData, type TableData } from './block-data.ts';
import { blockHtml } from './block-html.ts';

export const richTextBlockResolvers: Pick<ArticleBlockResolvers, 'marks' | 'html' | 'embed' | 'list' | 'table'> = {
  // Rows written before marks existed carry none (the column's default); `?? []` covers rows from other paths.
  marks: (block) => block.marks ?? [],
  html: (block) =>
    blockHtml({
      kind: block.kind,
      text: block.text,
      marks: block.marks ?? [],
      data: block.data,
    }),
  embed: (block) => (block.kind === 'EMBED' && block.data ? (block.data as EmbedData) : null),
  list: (block) =>
    block.kind === 'LIST'
      ? { ordered: (block.data as ListData | null)?.ordered ?? false, items: listItems(block.text) }
      : null,
  table: (block) =>
    block.kind === 'TABLE'
      ? {
          headerRows: (block.data as TableData | null)?.headerRows ?? 0,
          rows: tableRows(block.text).map((cells) => ({ cells })),
        }
      : null,
};
