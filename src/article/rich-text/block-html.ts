// A block as HTML for frontends that want markup rather than ranges. Built from the stored row alone (no query, and
// nothing of another record, so a cached answer holding it goes stale only when this article changes): every text
// is escaped, link targets were checked on write (http, https, mailto), and embed fallback HTML was sanitised before
// it was stored. Marks that cross each other are split at each other's edges, so tags always nest.
import { type EmbedData, listItems, type ListData, tableRows, type TableData } from './block-data.ts';
import { isSafeLinkHref, MARK_KINDS, type Mark, type MarkKind, marksWithin } from './marks.ts';

export interface BlockForHtml {
  kind: string;
  text: string;
  marks: readonly Mark[];
  data: unknown;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

const MARK_TAG: Record<Exclude<MarkKind, 'LINK'>, string> = { EMPHASIS: 'em', STRONG: 'strong', CODE: 'code' };

function openTag(mark: Mark): string {
  if (mark.kind !== 'LINK') return `<${MARK_TAG[mark.kind]}>`;
  // Checked on write; checked again so a row written by other means cannot carry a script URL into the markup.
  return mark.href && isSafeLinkHref(mark.href) ? `<a href="${escapeHtml(mark.href)}">` : '<span>';
}

function closeTag(mark: Mark): string {
  if (mark.kind !== 'LINK') return `</${MARK_TAG[mark.kind]}>`;
  return mark.href && isSafeLinkHref(mark.href) ? '</a>' : '</span>';
}

/** `text` with its marks as inline tags: links outermost, then strong, emphasis, code. */
function inlineHtml(text: string, marks: readonly Mark[]): string {
  const cuts = new Set([0, text.length]);
  for (const mark of marks) if (mark.end <= text.length) cuts.add(mark.start).add(mark.end);
  const edges = [...cuts].sort((a, b) => a - b);
  let html = '';
  for (let i = 0; i + 1 < edges.length; i++) {
    const [from, to] = [edges[i]!, edges[i + 1]!];
    const active = marks
      .filter((mark) => mark.start <= from && mark.end >= to)
      .sort((a, b) => MARK_KINDS.indexOf(a.kind) - MARK_KINDS.indexOf(b.kind));
    html += active.map(openTag).join('') + escapeHtml(text.slice(from, to)) + active.reverse().map(closeTag).join('');
  }
  return html;
}

function embedHtml(block: BlockForHtml): string {
  const embed = block.data as EmbedData;
  const fallback = embed.html || `<a href="${escapeHtml(embed.url)}">${escapeHtml(embed.title ?? embed.url)}</a>`;
  const caption = block.text ? `<figcaption>${inlineHtml(block.text, block.marks)}</figcaption>` : '';
  return `<figure data-embed="${embed.provider.toLowerCase()}" data-url="${escapeHtml(embed.url)}">${fallback}${caption}</figure>`;
}

function listHtml(block: BlockForHtml): string {
  const tag = (block.data as ListData).ordered ? 'ol' : 'ul';
  const items = listItems(block.text).map(
    (item) => `<li>${inlineHtml(item.text, marksWithin(block.marks, item.start, item.end))}</li>`,
  );
  return `<${tag}>${items.join('')}</${tag}>`;
}

function tableHtml(block: BlockForHtml): string {
  const headerRows = (block.data as TableData).headerRows;
  const rowHtml = (cells: ReturnType<typeof tableRows>[number], cell: 'th' | 'td') =>
    `<tr>${cells.map((c) => `<${cell}>${inlineHtml(c.text, marksWithin(block.marks, c.start, c.end))}</${cell}>`).join('')}</tr>`;
  const rows = tableRows(block.text);
  const head = rows.slice(0, headerRows).map((cells) => rowHtml(cells, 'th'));
  const body = rows.slice(headerRows).map((cells) => rowHtml(cells, 'td'));
  return `<table>${head.length ? `<thead>${head.join('')}</thead>` : ''}<tbody>${body.join('')}</tbody></table>`;
}

/** The label only: where it links is `linkedArticle`, which answers by the linked article's visibility. */
function articleLinkHtml(block: BlockForHtml): string {
  return block.text ? `<aside><p>${inlineHtml(block.text, block.marks)}</p></aside>` : '';
}

/** The block as one HTML fragment. */
export function blockHtml(block: BlockForHtml): string {
  switch (block.kind) {
    case 'SUBHEADING':
      return `<h2>${inlineHtml(block.text, block.marks)}</h2>`;
    case 'QUOTE':
      return `<blockquote><p>${inlineHtml(block.text, block.marks)}</p></blockquote>`;
    case 'MEDIA':
      return `<figure><figcaption>${inlineHtml(block.text, block.marks)}</figcaption></figure>`;
    case 'EMBED':
      return embedHtml(block);
    case 'LIST':
      return listHtml(block);
    case 'TABLE':
      return tableHtml(block);
    case 'ARTICLE_LINK':
      return articleLinkHtml(block);
    default:
      return `<p>${inlineHtml(block.text, block.marks)}</p>`;
  }
}
