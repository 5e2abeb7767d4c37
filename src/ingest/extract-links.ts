// Links in a line of wire text, kept as LINK marks over the plain text that remains: HTML anchors
// (`<a href="…">words</a>`, parsed by htmlparser2, entities decoded), markdown links (`[words](https://…)`) and bare
// URLs (found by linkify-it, left in the text as written). Only http, https and mailto targets become marks; the
// offsets are those of the returned text, which extraction then analyses, so mentions and quotes share them.
import { Parser } from 'htmlparser2';
import LinkifyIt from 'linkify-it';

import { isSafeLinkHref, type Mark, sortedMarks } from '../article/rich-text/marks.ts';

const ANCHOR = /<a\s[^>]*href\s*=/i;
const MARKDOWN_LINK = /\[([^\]\n]+)\]\(\s*<?([^\s)<>]+)>?\s*\)/g;

// Bare URLs only with their scheme: "example.com" in running text is as often a name as an address.
const linkify = new LinkifyIt({}, { fuzzyLink: false, fuzzyEmail: false, fuzzyIP: false });

/** The line's text without its markup, with a LINK mark per anchor that has a usable href. */
function anchorsToMarks(line: string): { text: string; marks: Mark[] } {
  let text = '';
  const marks: Mark[] = [];
  const open: Array<{ start: number; href: string | undefined }> = [];
  const parser = new Parser(
    {
      ontext: (chunk) => {
        text += chunk;
      },
      onopentag: (name, attributes) => {
        if (name === 'a') open.push({ start: text.length, href: attributes.href?.trim() });
      },
      onclosetag: (name) => {
        const anchor = name === 'a' ? open.pop() : undefined;
        if (anchor?.href && isSafeLinkHref(anchor.href) && text.length > anchor.start)
          marks.push({ kind: 'LINK', start: anchor.start, end: text.length, href: anchor.href });
      },
    },
    { decodeEntities: true },
  );
  parser.write(line);
  parser.end();
  return { text, marks };
}

/** Markdown links replaced by their words, with marks; earlier marks move with the text (those inside one go). */
function markdownToMarks(source: { text: string; marks: Mark[] }): { text: string; marks: Mark[] } {
  let text = '';
  let consumed = 0;
  const shifts: Array<{ at: number; end: number; delta: number }> = [];
  const marks: Mark[] = [];
  for (const match of source.text.matchAll(MARKDOWN_LINK)) {
    const [whole, words, href] = match as unknown as [string, string, string];
    text += source.text.slice(consumed, match.index);
    if (isSafeLinkHref(href)) {
      marks.push({ kind: 'LINK', start: text.length, end: text.length + words.length, href });
      text += words;
      shifts.push({ at: match.index, end: match.index + whole.length, delta: whole.length - words.length });
    } else text += whole;
    consumed = match.index + whole.length;
  }
  text += source.text.slice(consumed);
  for (const mark of source.marks) {
    if (shifts.some((s) => mark.start < s.end && mark.end > s.at)) continue;
    const delta = shifts.filter((s) => s.end <= mark.start).reduce((sum, s) => sum + s.delta, 0);
    marks.push({ ...mark, start: mark.start - delta, end: mark.end - delta });
  }
  return { text, marks };
}

/** Bare URLs outside the links already found, as LINK marks over the URL as written. */
function bareUrlMarks(text: string, links: readonly Mark[]): Mark[] {
  return (linkify.match(text) ?? [])
    .filter((m) => isSafeLinkHref(m.url) && !links.some((link) => m.index < link.end && m.lastIndex > link.start))
    .map((m) => ({ kind: 'LINK' as const, start: m.index, end: m.lastIndex, href: m.url }));
}

/** The line as plain text and the LINK marks over it. */
export function extractLinks(line: string): { text: string; marks: Mark[] } {
  const fromAnchors = ANCHOR.test(line) ? anchorsToMarks(line) : { text: line, marks: [] };
  const { text, marks } = markdownToMarks(fromAnchors);
  return { text, marks: sortedMarks([...marks, ...bareUrlMarks(text, marks)]) };
}
