// What EMBED, LIST and TABLE blocks hold beyond their text (the `data` column of ArticleBlock). Lists and tables keep
// their words in the block's `text` (items joined by "\n"; cells by "\t", rows by "\n"), so marks, mentions and quotes
// index list items and table cells in the same offset space as paragraphs, and search reads them as any text.
import sanitizeHtml from 'sanitize-html';

/** Embeds from these providers only, each recognised by the hosts its URLs are on (subdomains included). */
const EMBED_PROVIDERS = {
  YOUTUBE: ['youtube.com', 'youtu.be', 'youtube-nocookie.com'],
  VIMEO: ['vimeo.com'],
  X: ['x.com', 'twitter.com'],
  INSTAGRAM: ['instagram.com'],
  TIKTOK: ['tiktok.com'],
  FACEBOOK: ['facebook.com', 'fb.watch'],
  SOUNDCLOUD: ['soundcloud.com'],
  SPOTIFY: ['spotify.com'],
  DATAWRAPPER: ['datawrapper.de', 'dwcdn.net'],
  FLOURISH: ['flourish.studio'],
} as const;
export type EmbedProvider = keyof typeof EMBED_PROVIDERS;

export const TABLE_LIMITS = { rows: 100, cells: 20, listItems: 200, embedHtml: 20_000 } as const;

export interface EmbedData {
  provider: EmbedProvider;
  url: string;
  title?: string;
  /** Fallback HTML shown where the provider's script does not run, sanitised before it is stored. */
  html?: string;
}
export interface ListData {
  ordered: boolean;
}
export interface TableData {
  /** How many leading rows are header rows. */
  headerRows: number;
}
export type BlockData = EmbedData | ListData | TableData;

const hostMatches = (host: string, domain: string) => host === domain || host.endsWith(`.${domain}`);

/** The provider a URL belongs to, or undefined when its host is on no allowed provider's list. */
export function embedProviderOf(url: string): EmbedProvider | undefined {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return undefined;
  }
  return (Object.keys(EMBED_PROVIDERS) as EmbedProvider[]).find((provider) =>
    EMBED_PROVIDERS[provider].some((domain) => hostMatches(host, domain)),
  );
}

/** The named provider, matched without regard to case ("youtube" → YOUTUBE); undefined when not allowed. */
export function knownEmbedProvider(name: string): EmbedProvider | undefined {
  const upper = name.trim().toUpperCase();
  return upper in EMBED_PROVIDERS ? (upper as EmbedProvider) : undefined;
}

/**
 * Embed fallback HTML cut down to quoting and linking: what providers' oEmbed fallbacks use (a blockquote with
 * paragraphs and links). Scripts, iframes, styles, event handlers and non-http(s) URLs are dropped.
 */
export function sanitizeEmbedHtml(html: string): string {
  return sanitizeHtml(html, {
    allowedTags: ['blockquote', 'p', 'a', 'br', 'em', 'strong', 'i', 'b', 'span', 'cite', 'img'],
    allowedAttributes: { a: ['href', 'title'], img: ['src', 'alt', 'width', 'height'], blockquote: ['cite'] },
    allowedSchemes: ['http', 'https', 'mailto'],
    allowedSchemesByTag: { img: ['https'] },
    allowProtocolRelative: false,
    disallowedTagsMode: 'discard',
  }).trim();
}

/** The block text of a list: its items, one a line. */
export const listText = (items: readonly string[]) => items.join('\n');

/** The block text of a table: cells joined by tabs, rows by newlines. */
export const tableText = (rows: readonly (readonly string[])[]) => rows.map((row) => row.join('\t')).join('\n');

/** A piece of a block's text: a list item or a table cell, with where it sits in the text. */
export interface TextSpan {
  text: string;
  start: number;
  end: number;
}

function spansOf(text: string, separator: string, from = 0): TextSpan[] {
  const spans: TextSpan[] = [];
  let start = 0;
  for (const part of text.split(separator)) {
    spans.push({ text: part, start: from + start, end: from + start + part.length });
    start += part.length + separator.length;
  }
  return spans;
}

/** A list block's items, from its text. */
export const listItems = (text: string): TextSpan[] => spansOf(text, '\n');

/** A table block's rows of cells, from its text. */
export const tableRows = (text: string): TextSpan[][] =>
  spansOf(text, '\n').map((row) => spansOf(row.text, '\t', row.start));
