// Entity extraction measured on CoNLL-2003 (English, Reuters 1996), as the corpus folder's README defines it:
// per document, the set of distinct PER / ORG / LOC strings (case-folded, whitespace normalised, MISC ignored);
// a predicted entity is found when its name or one of its aliases equals a gold string of the same type.
// The corpus is read from where it lies (it keeps its authors' terms and never enters this repository).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

import type { Extractor } from '../extractor.ts';
import { addCounts, emptyCounts, precisionRecallF1, type Counts } from '../score-extraction.ts';

type ConllType = 'PER' | 'ORG' | 'LOC';
const CONLL_TYPES: ConllType[] = ['PER', 'ORG', 'LOC'];
const TYPE_OF_ENTITY: Record<string, ConllType | undefined> = { PERSON: 'PER', ORGANIZATION: 'ORG', PLACE: 'LOC' };

export interface ConllDocument {
  /** Tokens of each sentence, in order; the first sentence is the headline. */
  sentences: string[][];
  /** Gold entity strings by type (MISC kept apart: a prediction that only equals one is ignored). */
  gold: Record<ConllType | 'MISC', Set<string>>;
}

interface ConllScore {
  documents: number;
  counts: Record<ConllType | 'ALL', Counts>;
  /** Misses and false alarms ("ORG FN: palestinian authority"), for reading errors on the dev split. */
  errors: string[];
}

const normaliseConllString = (s: string) => s.normalize('NFKC').replace(/\s+/g, ' ').trim().toLowerCase();

/** Documents of a CoNLL-2003 file (`-DOCSTART-` lines split documents, blank lines split sentences; IOB1 tags). */
export function parseConll(content: string): ConllDocument[] {
  const documents: ConllDocument[] = [];
  let document: ConllDocument | null = null;
  let sentence: string[] = [];
  let open: { type: string; words: string[] } | null = null;
  const closeEntity = () => {
    if (open && document) {
      const type = open.type as ConllType | 'MISC';
      document.gold[type].add(normaliseConllString(open.words.join(' ')));
    }
    open = null;
  };
  const closeSentence = () => {
    closeEntity();
    if (document && sentence.length) document.sentences.push(sentence);
    sentence = [];
  };
  for (const line of content.split(/\r?\n/)) {
    const columns = line.trim().split(/\s+/);
    if (columns[0] === '-DOCSTART-') {
      closeSentence();
      document = { sentences: [], gold: { PER: new Set(), ORG: new Set(), LOC: new Set(), MISC: new Set() } };
      documents.push(document);
      continue;
    }
    if (!line.trim()) {
      closeSentence();
      continue;
    }
    const word = columns[0]!;
    const tag = columns[columns.length - 1]!;
    sentence.push(word);
    const [prefix, type] = tag === 'O' ? ['O', ''] : (tag.split('-') as [string, string]);
    const current = open as { type: string; words: string[] } | null;
    if (prefix === 'O') closeEntity();
    else if (prefix === 'B' || !current || current.type !== type) {
      closeEntity();
      open = { type, words: [word] };
    } else current.words.push(word);
  }
  closeSentence();
  return documents.filter((d) => d.sentences.length > 0);
}

/** The story text the extractor reads: tokens joined by spaces, one sentence per line, the first as the headline. */
export const conllStoryText = (document: ConllDocument) => document.sentences.map((s) => s.join(' ')).join('\n');

/** Prose: at least 5 sentences of 12+ tokens and under 15 % of tokens containing a digit (no tables or results). */
function isProseDocument(document: ConllDocument): boolean {
  const tokens = document.sentences.flat();
  const withDigits = tokens.filter((t) => /\d/.test(t)).length;
  return document.sentences.filter((s) => s.length >= 12).length >= 5 && withDigits / tokens.length < 0.15;
}

/** Scores one document: gold (string, type) pairs found by name or alias; predicted entities matching nothing are FPs. */
function scoreConllDocument(
  extractor: Extractor,
  document: ConllDocument,
  errors: string[] = [],
): Record<ConllType | 'ALL', Counts> {
  const draft = extractor.extract(conllStoryText(document));
  const counts = { PER: emptyCounts(), ORG: emptyCounts(), LOC: emptyCounts(), ALL: emptyCounts() };
  const found = { PER: new Set<string>(), ORG: new Set<string>(), LOC: new Set<string>() };
  for (const entity of draft.entities) {
    const type = TYPE_OF_ENTITY[entity.type];
    if (!type) continue;
    const names = [...new Set([entity.name, ...(entity.aliases ?? [])].map(normaliseConllString))];
    const matched = names.filter((n) => document.gold[type].has(n));
    if (matched.length) {
      for (const name of matched) found[type].add(name);
    } else if (names.some((n) => document.gold.MISC.has(n))) {
      continue;
    } else {
      counts[type].fp++;
      const actual = CONLL_TYPES.find((t) => names.some((n) => document.gold[t].has(n)));
      errors.push(`${type} FP: ${names.join(' | ')}${actual ? ` (gold ${actual})` : ''}`);
    }
  }
  for (const type of CONLL_TYPES) {
    // True positives are gold pairs found (by any entity, under its name or an alias); false positives are predicted
    // entities that match no gold string of their type (nor only a MISC string).
    const missed = [...document.gold[type]].filter((g) => !found[type].has(g));
    for (const g of missed) errors.push(`${type} FN: ${g}`);
    counts[type].fn = missed.length;
    counts[type].tp = found[type].size;
    counts.ALL = addCounts(counts.ALL, counts[type]);
  }
  return counts;
}

export interface ConllRun {
  all: ConllScore;
  prose: ConllScore;
  storiesPerSecond: number;
}

/** Scores every document of the file, and the prose documents apart; speed is extraction alone over the whole file. */
export function evaluateConll(extractor: Extractor, file: string): ConllRun {
  const documents = parseConll(readFileSync(file, 'utf8'));
  const all: ConllScore = {
    documents: 0,
    counts: { PER: emptyCounts(), ORG: emptyCounts(), LOC: emptyCounts(), ALL: emptyCounts() },
    errors: [],
  };
  const prose: ConllScore = {
    documents: 0,
    counts: { PER: emptyCounts(), ORG: emptyCounts(), LOC: emptyCounts(), ALL: emptyCounts() },
    errors: [],
  };
  const started = performance.now();
  for (const document of documents) {
    const isProse = isProseDocument(document);
    const errors: string[] = [];
    const counts = scoreConllDocument(extractor, document, errors);
    for (const score of isProse ? [all, prose] : [all]) {
      score.documents++;
      for (const type of [...CONLL_TYPES, 'ALL'] as const)
        score.counts[type] = addCounts(score.counts[type], counts[type]);
      score.errors.push(...errors.map((e) => `${document.sentences[0]!.join(' ').slice(0, 40)} :: ${e}`));
    }
  }
  const seconds = (performance.now() - started) / 1000;
  return { all, prose, storiesPerSecond: documents.length / seconds };
}

/** The folder of development corpora: an explicit path, NEWSGRAPH_EVAL_DEV, or ../shared/eval-dev beside the checkout. */
export function resolveEvalDevDir(explicit: string | undefined, repositoryRoot: string): string | null {
  const candidate =
    explicit ?? process.env.NEWSGRAPH_EVAL_DEV ?? path.resolve(repositoryRoot, '..', 'shared', 'eval-dev');
  return existsSync(candidate) ? candidate : null;
}

const fmt = (c: Counts) => {
  const { p, r, f } = precisionRecallF1(c);
  return `P ${p.toFixed(3)} R ${r.toFixed(3)} F1 ${f.toFixed(3)}`;
};

/** Report lines: typed F1 overall and per type, for all documents and prose documents, and stories/s. */
export function formatConllRun(run: ConllRun, verbose = false): string {
  const lines = ['CoNLL-2003 dev (eng.testa), document-level typed entity sets'];
  for (const [label, score] of [
    ['prose', run.prose],
    ['all', run.all],
  ] as const) {
    lines.push(`  ${label.padEnd(5)} (${score.documents} documents)  typed ${fmt(score.counts.ALL)}`);
    for (const type of CONLL_TYPES) lines.push(`        ${type}  ${fmt(score.counts[type])}`);
  }
  lines.push(
    `  speed: ${run.storiesPerSecond.toFixed(0)} stories/s (whole file, one cold pass, extraction and scoring; warm figures under "speed" below)`,
  );
  if (verbose) lines.push(...run.prose.errors.map((e) => `      ${e}`));
  return lines.join('\n');
}
