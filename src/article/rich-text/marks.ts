// Inline marks (links, emphasis, strong, code) as ranges over a block's `text`, in the offset space mentions and
// quotes use: UTF-16 code units, 0-based, end exclusive. All three index the same string, so they never disagree.

export const MARK_KINDS = ['LINK', 'EMPHASIS', 'STRONG', 'CODE'] as const;
export type MarkKind = (typeof MARK_KINDS)[number];

export interface Mark {
  kind: MarkKind;
  start: number;
  end: number;
  /** LINK marks only: an absolute http(s) or mailto URL. */
  href?: string | null;
}

/** Most marks one block may carry. */
export const MAX_MARKS_PER_BLOCK = 500;

const SAFE_LINK_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);

/**
 * True for an absolute http, https or mailto URL. The WHATWG parser strips the tabs and newlines that hide
 * `java\tscript:`, so the protocol checked is the one a browser would follow; javascript:, data:, vbscript: and
 * file: links are refused.
 */
export function isSafeLinkHref(href: string): boolean {
  try {
    return SAFE_LINK_PROTOCOLS.has(new URL(href).protocol);
  } catch {
    return false;
  }
}

/** A problem with one mark: its index in the block's list, the field at fault and why. */
export interface MarkIssue {
  index: number;
  field: 'start' | 'end' | 'href' | 'kind';
  message: string;
}

const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/**
 * What is wrong with `marks` over `text`: ranges outside the text or splitting a surrogate pair, LINK marks without
 * a safe href (and other kinds with one), marks of one kind that overlap, and marks crossing `boundaries` (the item
 * and cell separators of lists and tables). Empty when all is well.
 */
export function markIssues(text: string, marks: readonly Mark[], boundaries = ''): MarkIssue[] {
  const issues: MarkIssue[] = [];
  marks.forEach((mark, index) => {
    if (mark.start >= mark.end) issues.push({ index, field: 'end', message: 'must be greater than start' });
    else if (mark.end > text.length)
      issues.push({ index, field: 'end', message: `is outside the block's text (${text.length} characters)` });
    else if (isLowSurrogate(text.charCodeAt(mark.start)) || isLowSurrogate(text.charCodeAt(mark.end)))
      issues.push({ index, field: 'start', message: 'splits a character (a UTF-16 surrogate pair)' });
    else if ([...boundaries].some((separator) => text.slice(mark.start, mark.end).includes(separator)))
      issues.push({ index, field: 'end', message: 'crosses from one list item or table cell into the next' });
    if (mark.kind === 'LINK' && (mark.href == null || !isSafeLinkHref(mark.href)))
      issues.push({ index, field: 'href', message: 'must be an absolute http, https or mailto URL' });
    if (mark.kind !== 'LINK' && mark.href != null)
      issues.push({ index, field: 'href', message: 'is only for LINK marks' });
  });
  for (const kind of MARK_KINDS) {
    const ofKind = marks.map((mark, index) => ({ mark, index })).filter(({ mark }) => mark.kind === kind);
    ofKind.sort((a, b) => a.mark.start - b.mark.start || a.index - b.index);
    for (let i = 1; i < ofKind.length; i++) {
      const [before, after] = [ofKind[i - 1]!, ofKind[i]!];
      if (after.mark.start < before.mark.end)
        issues.push({ index: after.index, field: 'start', message: `overlaps ${kind} mark ${before.index}` });
    }
  }
  return issues;
}

/** Marks in a stable order (start, then longest first, then kind), as stored: equal sets compare equal. */
export function sortedMarks(marks: readonly Mark[]): Mark[] {
  return [...marks]
    .map((mark) => ({
      kind: mark.kind,
      start: mark.start,
      end: mark.end,
      ...(mark.kind === 'LINK' && mark.href != null ? { href: mark.href } : {}),
    }))
    .sort((a, b) => a.start - b.start || b.end - a.end || MARK_KINDS.indexOf(a.kind) - MARK_KINDS.indexOf(b.kind));
}

/** The marks inside [start, end), moved to offsets from `start` (a list item's or table cell's own text). */
export function marksWithin(marks: readonly Mark[], start: number, end: number): Mark[] {
  return marks
    .filter((mark) => mark.start >= start && mark.end <= end)
    .map((mark) => ({ ...mark, start: mark.start - start, end: mark.end - start }));
}
