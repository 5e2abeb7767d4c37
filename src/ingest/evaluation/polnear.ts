// PolNeAR (political news attribution relations) scored as ../shared/eval-dev/README.md defines it: gold quotes are the
// quotation-mark spans of a paragraph lying at least half inside an annotated Content span, their speaker the relation's
// Source text (first annotator's file). The corpus is read from disk, never copied into the repository.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import type { ArticleDraft } from '../../article/article-draft.ts';
import type { Extractor } from '../extractor.ts';
import { isConfidentAttribution } from '../../quote/attribution-policy.ts';
import { emptyCounts, precisionRecallF1, type Counts } from '../score-extraction.ts';

interface PolnearQuote {
  text: string;
  /** The relation's Source text; null when the relation has none. */
  source: string | null;
}

export interface PolnearDocument {
  name: string;
  text: string;
  quotes: PolnearQuote[];
}

interface Span {
  start: number;
  end: number;
}

/** brat standoff → Content spans with their Source text (offsets in code points, as the corpus counts them). */
function readRelations(ann: string): { content: Span; source: string | null }[] {
  const spans = new Map<string, { kind: string; start: number; end: number; text: string }>();
  const relations: { content: Span; source: string | null }[] = [];
  const lines = ann.split('\n');
  for (const line of lines) {
    const match = /^(T\d+)\t(\w+) (\d+)(?:[ ;]\d+)* (\d+)\t(.*)$/.exec(line);
    if (match)
      spans.set(match[1]!, { kind: match[2]!, start: Number(match[3]), end: Number(match[4]), text: match[5]! });
  }
  for (const line of lines) {
    if (!/^E\d+\t/.test(line)) continue;
    const roles = Object.fromEntries(
      line
        .split('\t')[1]!
        .split(' ')
        .map((part) => part.split(':') as [string, string]),
    );
    const content = spans.get(roles.Content ?? '');
    if (!content) continue;
    relations.push({ content, source: spans.get(roles.Source ?? '')?.text ?? null });
  }
  return relations;
}

/** Inner spans of “…” and "…" pairs that open and close within one paragraph, in code points. */
function quotationSpans(codePoints: string[]): Span[] {
  const spans: Span[] = [];
  let open = -1;
  let closer = '';
  for (let k = 0; k < codePoints.length; k++) {
    const c = codePoints[k]!;
    if (c === '\n') open = -1;
    else if (open >= 0 && c === closer) {
      if (k > open + 1) spans.push({ start: open + 1, end: k });
      open = -1;
    } else if (open < 0 && (c === '“' || c === '"')) [open, closer] = [k, c === '“' ? '”' : '"'];
  }
  return spans;
}

const overlap = (a: Span, b: Span) => Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));

export function loadPolnear(root: string, split: 'dev' | 'train'): PolnearDocument[] {
  const textDir = path.join(root, 'polnear', split, 'text');
  const annDir = path.join(root, 'polnear', split, 'attributions');
  const annotations = readdirSync(annDir).sort();
  return readdirSync(textDir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((file) => {
      const name = file.slice(0, -4);
      const text = readFileSync(path.join(textDir, file), 'utf8');
      const annFile = annotations.find((a) => a.startsWith(`${name}_`) && a.endsWith('.ann'));
      const relations = annFile ? readRelations(readFileSync(path.join(annDir, annFile), 'utf8')) : [];
      const codePoints = Array.from(text);
      const quotes: PolnearQuote[] = [];
      for (const span of quotationSpans(codePoints)) {
        const best = relations.map((r) => ({ r, o: overlap(span, r.content) })).sort((x, y) => y.o - x.o)[0];
        if (!best || best.o / (span.end - span.start) < 0.5) continue;
        quotes.push({ text: codePoints.slice(span.start, span.end).join(''), source: best.r.source });
      }
      return { name, text, quotes };
    });
}

const words = (text: string) => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

/** Word multisets overlapping by at least 0.8 of the longer one. */
function sameQuote(a: string[], b: string[]): boolean {
  if (!a.length || !b.length) return false;
  const counts = new Map<string, number>();
  for (const w of a) counts.set(w, (counts.get(w) ?? 0) + 1);
  let shared = 0;
  for (const w of b) {
    const n = counts.get(w) ?? 0;
    if (n === 0) continue;
    shared++;
    counts.set(w, n - 1);
  }
  return shared / Math.max(a.length, b.length) >= 0.8;
}

const NOT_NAMES = new Set([
  'the',
  'a',
  'an',
  'he',
  'she',
  'they',
  'it',
  'we',
  'i',
  'his',
  'her',
  'their',
  'its',
  'our',
  'my',
  'one',
  'some',
  'many',
  'most',
  'other',
  'another',
  'this',
  'that',
  'these',
  'those',
  'both',
  'several',
]);
/** A Source "contains a proper name" when one of its words is capitalised and not a determiner or pronoun. */
const namesSomeone = (source: string | null) =>
  !!source &&
  source.split(/\s+/).some((w) => /^\p{Lu}/u.test(w) && !NOT_NAMES.has(w.toLowerCase().replace(/[^\p{L}]/gu, '')));

/** Right when the predicted speaker's name, or its last word, occurs in the gold Source text. */
function rightSpeaker(name: string | null, source: string | null): boolean {
  if (!name || !source) return false;
  const lower = source.toLowerCase();
  const last = name.trim().split(/\s+/).pop()!.toLowerCase();
  return (
    lower.includes(name.toLowerCase()) ||
    new RegExp(`(^|[^\\p{L}])${last.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\p{L}])`, 'u').test(lower)
  );
}

export interface PolnearScore {
  documents: number;
  spans: Counts;
  speakers: Counts;
  namedSpeakers: Counts;
  /** Predictions matching a named-source gold quote that readers would see with a speaker (CONFIDENT), and how many are right. */
  confident: { total: number; right: number };
  goldNamed: number;
  storiesPerSecond: number;
}

function scoreDocument(draft: ArticleDraft, doc: PolnearDocument, score: PolnearScore): void {
  const nameOf = new Map(draft.entities.map((e) => [e.key, e.name] as const));
  const gold = doc.quotes.map((q) => ({ ...q, words: words(q.text), named: namesSomeone(q.source), taken: false }));
  for (const q of draft.quotes) {
    const match = gold.find((g) => !g.taken && sameQuote(g.words, words(q.text)));
    const speaker = q.speakerKey ? (nameOf.get(q.speakerKey) ?? null) : null;
    const claims = speaker !== null;
    const confident = claims && isConfidentAttribution(q);
    if (!match) {
      score.spans.fp++;
      if (claims) score.speakers.fp++;
      if (claims) score.namedSpeakers.fp++;
      continue;
    }
    match.taken = true;
    score.spans.tp++;
    const right = rightSpeaker(speaker, match.source);
    if (right) score.speakers.tp++;
    else if (claims) score.speakers.fp++;
    // A pronoun or nominal Source ("he", "a spokesman") cannot confirm a named speaker: only named ones are checked.
    if (!match.named) continue;
    if (confident) score.confident.total++;
    if (confident && right) score.confident.right++;
    if (right) score.namedSpeakers.tp++;
    else if (claims) score.namedSpeakers.fp++;
  }
  score.spans.fn += gold.filter((g) => !g.taken).length;
  score.goldNamed += gold.filter((g) => g.named).length;
}

export function scorePolnear(extractor: Extractor, documents: PolnearDocument[]): PolnearScore {
  const score: PolnearScore = {
    documents: documents.length,
    spans: emptyCounts(),
    speakers: emptyCounts(),
    namedSpeakers: emptyCounts(),
    confident: { total: 0, right: 0 },
    goldNamed: 0,
    storiesPerSecond: 0,
  };
  const started = performance.now();
  const drafts = documents.map((doc) => extractor.extract(doc.text, { origin: doc.name }));
  score.storiesPerSecond = documents.length / ((performance.now() - started) / 1000);
  drafts.forEach((draft, i) => scoreDocument(draft, documents[i]!, score));
  const goldAll = documents.reduce((n, d) => n + d.quotes.length, 0);
  score.speakers.fn = goldAll - score.speakers.tp;
  score.namedSpeakers.fn = score.goldNamed - score.namedSpeakers.tp;
  return score;
}

export function formatPolnear(split: string, s: PolnearScore): string {
  const f = (c: Counts) => {
    const { p, r, f: f1 } = precisionRecallF1(c);
    return `P ${p.toFixed(3)} R ${r.toFixed(3)} F1 ${f1.toFixed(3)}`;
  };
  const goldQuotes = s.spans.tp + s.spans.fn;
  return [
    `PolNeAR ${split} — ${s.documents} articles, ${goldQuotes} gold quotes (${s.goldNamed} with a named source), ${s.storiesPerSecond.toFixed(0)} stories/s in one cold pass`,
    `  quote span            ${f(s.spans)}`,
    `  quote+speaker (all)   ${f(s.speakers)}`,
    `  quote+speaker (named) ${f(s.namedSpeakers)}`,
    `  confident speakers    ${s.confident.right}/${s.confident.total} right (precision ${(s.confident.total ? s.confident.right / s.confident.total : 1).toFixed(3)}); ` +
      `confident and right for ${(s.goldNamed ? s.confident.right / s.goldNamed : 0).toFixed(3)} of named-source gold quotes`,
  ].join('\n');
}
