// The article as both exports read it: its own columns (the Article projection's row) and its export source.
import type { ArticleRow } from '../article/article.repository.ts';
import type { ExportSource } from './export-source.ts';

export type ExportArticle = Pick<
  ArticleRow,
  | 'id'
  | 'slug'
  | 'headline'
  | 'standfirst'
  | 'byline'
  | 'contributors'
  | 'source'
  | 'section'
  | 'tags'
  | 'language'
  | 'status'
  | 'canonicalUrl'
  | 'revision'
  | 'publishedAt'
  | 'createdAt'
  | 'updatedAt'
>;

/** Body blocks as plain text: paragraphs, subheadings and pulled quotes, blank-line separated (captions left out). */
export function plainBody(source: ExportSource): string {
  return source.blocks
    .filter((block) => block.kind !== 'MEDIA')
    .map((block) => block.text)
    .join('\n\n');
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);

/** Body blocks as HTML: `<p>`, `<h2>` for subheadings, `<blockquote>` for pulled quotes (media are associations). */
export function htmlBody(source: ExportSource): string {
  const tags = { PARAGRAPH: 'p', SUBHEADING: 'h2', QUOTE: 'blockquote' } as const;
  return source.blocks
    .filter((block) => block.kind !== 'MEDIA')
    .map((block) => {
      const tag = tags[block.kind as keyof typeof tags];
      return `<${tag}>${escapeHtml(block.text)}</${tag}>`;
    })
    .join('\n');
}
