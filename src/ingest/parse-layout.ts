// Layout of a plain-text wire story: headline on line 1, optional standfirst, photo caption lines with a credit,
// paragraphs, short subheadings, a byline, and a trailing "Source: …" line. Pure text structure, no language analysis.
import { extractLinks } from './extract-links.ts';
import { findTrailingCredit, parsePhotoCredit } from './parse-credit.ts';
import type { DraftBlock, DraftCredit } from '../article/article-draft.ts';

interface ParsedPhoto {
  /** The first of two caption lines, when there are two (the alt-text line). */
  altText: string | null;
  caption: string;
  credit: DraftCredit;
  /** Position of the MEDIA block that shows it. */
  blockPosition: number;
}

export interface StoryLayout {
  headline: string;
  standfirst: string | null;
  byline: string | null;
  source: string | null;
  dateline: string | null;
  blocks: DraftBlock[];
  photos: ParsedPhoto[];
}

const SOURCE_LINE = /^source:\s*(.+?)\s*$/i;
const BYLINE = /^by\s+(\p{Lu}[\p{L}.'’-]*(?:\s+(?:and\s+)?\p{Lu}[\p{L}.'’-]*){0,5})\s*$/iu;
const DATE_LINE =
  /^(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?(?:\d{1,2}\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}$|^\d{4}-\d{2}-\d{2}$/i;
const ENDS_LIKE_SENTENCE = /[.!?:;,"”’)\]…]$/;

interface Line {
  text: string;
  /** Index of the blank-line-separated group it belongs to. */
  group: number;
}

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let group = 0;
  let previousBlank = true;
  for (const raw of text.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.replace(/\s+$/, '').replace(/^\s+/, '');
    if (!line) {
      if (!previousBlank) group += 1;
      previousBlank = true;
      continue;
    }
    lines.push({ text: line, group });
    previousBlank = false;
  }
  return lines;
}

function isSubheading(line: string): boolean {
  const words = line.split(/\s+/);
  return words.length <= 10 && !ENDS_LIKE_SENTENCE.test(line) && /^[\p{Lu}\d“"‘']/u.test(line);
}

/** Splits a caption line into caption text and credit; strips a leading "File photo:" label into the credit flags. */
function parseCaptionLine(line: string): { caption: string; credit: DraftCredit } | null {
  const found = findTrailingCredit(line);
  if (!found) return null;
  let caption = line.slice(0, found.captionEnd).trim();
  const credit = parsePhotoCredit(found.credit);
  const label = /^(file\s+photo|file|photo)\s*[:\-–]\s*/i.exec(caption);
  if (label) {
    if (/file/i.test(label[1]!)) credit.isFilePhoto = true;
    caption = caption.slice(label[0].length);
  }
  if (!caption) return null;
  return { caption, credit };
}

export function parseStoryLayout(text: string): StoryLayout {
  const lines = splitLines(text);
  if (lines.length === 0) throw new Error('The story is empty: line 1 must be the headline.');
  // A story that opens with its byline ("By MALUM NALU") has no headline line: the next line stands in for it.
  const openingByline = lines.length > 1 && BYLINE.test(lines[0]!.text) ? BYLINE.exec(lines[0]!.text)![1]! : null;
  const headlineIndex = openingByline ? 1 : 0;
  const headline = lines[headlineIndex]!.text;
  const layout: StoryLayout = {
    headline,
    standfirst: null,
    byline: openingByline,
    source: null,
    dateline: null,
    blocks: [],
    photos: [],
  };

  const body = lines.slice(headlineIndex + 1);
  // The source line ends the story: it and anything after it are not blocks.
  const sourceIndex = body.findIndex((line, i) => SOURCE_LINE.test(line.text) && i >= body.length - 2);
  if (sourceIndex >= 0) {
    layout.source = SOURCE_LINE.exec(body[sourceIndex]!.text)![1]!;
    body.splice(sourceIndex);
  }

  type Item =
    { kind: 'line'; line: Line } | { kind: 'photo'; altText: string | null; caption: string; credit: DraftCredit };
  const items: Item[] = [];
  for (let i = 0; i < body.length; i++) {
    const line = body[i]!;
    const caption = parseCaptionLine(line.text);
    if (caption) {
      // An alt-text line directly above, in the same group and without final punctuation, belongs to the photo.
      const previous = items[items.length - 1];
      let altText: string | null = null;
      if (previous?.kind === 'line' && previous.line.group === line.group && !/[.!?]["”]?$/.test(previous.line.text)) {
        altText = previous.line.text;
        items.pop();
      }
      items.push({ kind: 'photo', altText, caption: caption.caption, credit: caption.credit });
      continue;
    }
    items.push({ kind: 'line', line });
  }

  // Byline and date lines right under the headline are metadata, not paragraphs.
  while (items[0]?.kind === 'line') {
    const first = items[0].line.text;
    const byline = BYLINE.exec(first);
    if (byline && first.split(/\s+/).length <= 8) {
      layout.byline = byline[1]!;
    } else if (DATE_LINE.test(first)) {
      layout.dateline = first;
    } else break;
    items.shift();
  }

  // Standfirst: the first paragraph, when the photo follows it directly.
  if (items[0]?.kind === 'line' && items[1]?.kind === 'photo') {
    layout.standfirst = items[0].line.text;
    items.shift();
  }

  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    if (item.kind === 'photo') {
      const key = `m${layout.photos.length + 1}`;
      layout.photos.push({
        altText: item.altText,
        caption: item.caption,
        credit: item.credit,
        blockPosition: layout.blocks.length,
      });
      layout.blocks.push({ kind: 'MEDIA', text: item.caption, mediaKey: key });
      continue;
    }
    const between = i > 0 && i < items.length - 1;
    // Links become marks over the words that remain, which extraction then analyses (so offsets agree).
    const { text, marks } = extractLinks(item.line.text);
    layout.blocks.push({
      kind: between && isSubheading(text) ? 'SUBHEADING' : 'PARAGRAPH',
      text,
      ...(marks.length ? { marks } : {}),
    });
  }
  return layout;
}
