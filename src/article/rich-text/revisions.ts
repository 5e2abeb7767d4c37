// What a content replacement changed in the blocks' marks and kind-specific data, for the article's revision record
// (the text itself is recorded as `bodyText`): one `marks` and one `blockData` change, each listing the positions
// that differ with their old and new values.
import type { ArticleDraft } from '../article-draft.ts';
import type { FieldChange } from '../article-writer.ts';
import { sortedMarks, type Mark } from './marks.ts';

export interface StoredRichText {
  position: number;
  marks: Mark[];
  data: unknown;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

export function richTextChanges(stored: StoredRichText[], draft: Pick<ArticleDraft, 'blocks'>): FieldChange[] {
  const byPosition = new Map(stored.map((block) => [block.position, block]));
  const positions = Math.max(stored.length, draft.blocks.length);
  const marks: { from: Record<number, Mark[]>; to: Record<number, Mark[]> } = { from: {}, to: {} };
  const data: { from: Record<number, unknown>; to: Record<number, unknown> } = { from: {}, to: {} };
  for (let position = 0; position < positions; position++) {
    const before = byPosition.get(position);
    const after = draft.blocks[position];
    const [marksBefore, marksAfter] = [sortedMarks(before?.marks ?? []), sortedMarks(after?.marks ?? [])];
    if (!same(marksBefore, marksAfter)) {
      marks.from[position] = marksBefore;
      marks.to[position] = marksAfter;
    }
    if (!same(before?.data, after?.data)) {
      data.from[position] = before?.data ?? null;
      data.to[position] = after?.data ?? null;
    }
  }
  return [
    ...(Object.keys(marks.to).length ? [{ field: 'marks', ...marks }] : []),
    ...(Object.keys(data.to).length ? [{ field: 'blockData', ...data }] : []),
  ];
}
