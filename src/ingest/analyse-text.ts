// Turns the story's text fields into one analysed text: tokens with part-of-speech tags (wink-nlp), quote-aware
// sentences, and quotation-mark spans, with offsets that map back to each field or block.
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

import type { TextField } from '../generated/prisma/enums.ts';

interface TextSegment {
  field: TextField;
  blockPosition: number | null;
  /** Where the segment's text starts in the analysed text. */
  start: number;
  end: number;
}

export interface Token {
  text: string;
  lower: string;
  start: number;
  end: number;
  pos: string;
  segment: number;
  sentence: number;
  /** Index of the quote span the token is inside (between the marks), or -1. */
  quote: number;
  /** First word of its sentence (or right after an opening mark there): capitalised by convention. */
  sentenceInitial: boolean;
}

export interface Sentence {
  start: number;
  end: number;
  segment: number;
  firstToken: number;
  endToken: number;
}

export interface QuoteSpan {
  segment: number;
  /** Position of the opening mark. */
  open: number;
  /** Position just after the closing mark, or the segment end for a quote left open. */
  close: number;
  innerStart: number;
  innerEnd: number;
  closed: boolean;
}

export interface AnalysedText {
  text: string;
  segments: TextSegment[];
  tokens: Token[];
  sentences: Sentence[];
  quotes: QuoteSpan[];
  /** Token index at or after a character offset. */
  tokenAt(offset: number): number;
}

const nlp = winkNLP(model, ['pos']);
const its = nlp.its;

const ABBREVIATIONS = new Set([
  'mr',
  'mrs',
  'ms',
  'dr',
  'prof',
  'gen',
  'sen',
  'rep',
  'st',
  'jr',
  'sr',
  'lt',
  'col',
  'capt',
  'gov',
  'inc',
  'corp',
  'ltd',
  'co',
  'no',
  'vs',
  'jan',
  'feb',
  'aug',
  'sept',
  'sep',
  'oct',
  'nov',
  'dec',
  'min',
  'mt',
  'ft',
  'approx',
  'est',
  'u.s',
  'u.k',
  'u.n',
  'e.u',
  'a.m',
  'p.m',
  'fig',
  'cf',
  'etc',
  'rev',
  'sgt',
  'cpl',
  'adm',
  'maj',
  'messrs',
]);
const OPENING_MARKS = new Set(['“', '"', '‘', '(', '[']);

/** Double-quotation-mark spans in one segment; a mark left open runs to the end of the segment (paragraph). */
function findQuoteSpans(text: string, segmentStart: number, segmentEnd: number, segment: number): QuoteSpan[] {
  const spans: QuoteSpan[] = [];
  let open = -1;
  const push = (close: number, closed: boolean) => {
    let innerStart = open + 1;
    let innerEnd = closed ? close - 1 : close;
    while (innerStart < innerEnd && /\s/.test(text[innerStart]!)) innerStart++;
    while (innerEnd > innerStart && /\s/.test(text[innerEnd - 1]!)) innerEnd--;
    if (innerEnd > innerStart) spans.push({ segment, open, close, innerStart, innerEnd, closed });
  };
  for (let i = segmentStart; i < segmentEnd; i++) {
    const ch = text[i];
    if (ch === '“' || (ch === '"' && open < 0)) {
      if (open >= 0) push(i, false);
      open = i;
    } else if ((ch === '”' || ch === '"') && open >= 0) {
      push(i + 1, true);
      open = -1;
    }
  }
  if (open >= 0) push(segmentEnd, false);
  return spans;
}

function isAbbreviation(text: string, dot: number, from: number): boolean {
  let i = dot - 1;
  while (i >= from && /[\p{L}.]/u.test(text[i]!)) i--;
  const word = text.slice(i + 1, dot);
  return ABBREVIATIONS.has(word.toLowerCase()) || /^\p{Lu}$/u.test(word) || /^(?:\p{L}\.)+\p{L}$/u.test(word);
}

/** Sentences of one segment; never split inside a quotation. */
function splitSentences(text: string, start: number, end: number, spans: QuoteSpan[]): [number, number][] {
  const result: [number, number][] = [];
  const quoted = new Uint8Array(end - start);
  for (const q of spans) for (let i = q.open + 1; i < q.close - (q.closed ? 1 : 0); i++) quoted[i - start] = 1;
  const closingMarks = new Set(spans.filter((q) => q.closed).map((q) => q.close - 1));
  const insideQuote = (i: number) => quoted[i - start] === 1;
  let sentenceStart = start;
  for (let i = start; i < end; i++) {
    const ch = text[i]!;
    const closesQuote = (ch === '”' || ch === '"') && closingMarks.has(i);
    let boundaryAfter = -1;
    if (/[.!?]/.test(ch) && !insideQuote(i)) {
      if (ch === '.' && isAbbreviation(text, i, sentenceStart)) continue;
      boundaryAfter = i + 1;
    } else if (closesQuote && /[.!?]\s*$/.test(text.slice(Math.max(start, i - 3), i))) {
      boundaryAfter = i + 1;
    }
    if (boundaryAfter < 0) continue;
    let j = boundaryAfter;
    while (j < end && /[”"’)\]]/.test(text[j]!)) j++;
    let k = j;
    while (k < end && /\s/.test(text[k]!)) k++;
    if (k >= end || (k > j && /[\p{Lu}\d“"‘(]/u.test(text[k]!))) {
      result.push([sentenceStart, j]);
      sentenceStart = k;
      i = k - 1;
    }
  }
  if (sentenceStart < end && text.slice(sentenceStart, end).trim()) result.push([sentenceStart, end]);
  return result;
}

export function analyseText(parts: { field: TextField; blockPosition: number | null; text: string }[]): AnalysedText {
  const { text, segments } = joinSegments(parts);
  const { quotes, sentences } = quotesAndSentences(text, segments);
  const tokens = joinHyphenatedWords(text, tokenise(text, segments, sentences, quotes));
  placeSentenceTokens(tokens, sentences);
  markSentenceInitialTokens(tokens, sentences);
  return { text, segments, tokens, sentences, quotes, tokenAt: tokenIndexAt(tokens) };
}

/** The parts joined by blank lines, each a segment that knows where it lies in the joined text. */
function joinSegments(parts: { field: TextField; blockPosition: number | null; text: string }[]): {
  text: string;
  segments: TextSegment[];
} {
  const segments: TextSegment[] = [];
  let text = '';
  for (const part of parts) {
    if (text) text += '\n\n';
    segments.push({
      field: part.field,
      blockPosition: part.blockPosition,
      start: text.length,
      end: text.length + part.text.length,
    });
    text += part.text;
  }
  return { text, segments };
}

/** Quote spans and sentences of every segment, in text order; sentence token ranges are filled in later. */
function quotesAndSentences(text: string, segments: TextSegment[]): { quotes: QuoteSpan[]; sentences: Sentence[] } {
  const quotes: QuoteSpan[] = [];
  const sentences: Sentence[] = [];
  segments.forEach((segment, index) => {
    const spans = findQuoteSpans(text, segment.start, segment.end, index);
    quotes.push(...spans);
    for (const [start, end] of splitSentences(text, segment.start, segment.end, spans)) {
      sentences.push({ start, end, segment: index, firstToken: 0, endToken: 0 });
    }
  });
  return { quotes, sentences };
}

/** wink-nlp's tokens placed in the text, each with its segment, sentence and enclosing quote span. */
function tokenise(text: string, segments: TextSegment[], sentences: Sentence[], quotes: QuoteSpan[]): Token[] {
  const doc = nlp.readDoc(text);
  const values = doc.tokens().out(its.value) as string[];
  const tags = doc.tokens().out(its.pos) as string[];
  const tokens: Token[] = [];
  let cursor = 0;
  let segmentIndex = 0;
  let sentenceIndex = 0;
  let quoteIndex = 0;
  for (let i = 0; i < values.length; i++) {
    const value = values[i]!;
    const start = text.startsWith(value, cursor) ? cursor : text.indexOf(value, cursor);
    if (start < 0) continue; // wink normalised this token; it carries no name or quote information
    while (start > cursor && /\s/.test(text[cursor]!)) cursor++;
    const end = start + value.length;
    cursor = end;
    if (!value.trim()) continue;
    while (segmentIndex < segments.length - 1 && start >= segments[segmentIndex]!.end) segmentIndex++;
    while (sentenceIndex < sentences.length - 1 && start >= sentences[sentenceIndex]!.end) sentenceIndex++;
    while (quoteIndex < quotes.length && quotes[quoteIndex]!.close <= start) quoteIndex++;
    const span = quotes[quoteIndex];
    const inQuote = span && start >= span.innerStart && end <= span.innerEnd ? quoteIndex : -1;
    tokens.push({
      text: value,
      lower: value.toLowerCase().replace(/’/g, "'"),
      start,
      end,
      pos: tags[i]!,
      segment: segmentIndex,
      sentence: sentenceIndex,
      quote: inQuote,
      sentenceInitial: false,
    });
  }
  return tokens;
}

/** Hyphenated words are one token ("Ching-te", "vice-president"); wink splits them around the hyphen. */
function joinHyphenatedWords(text: string, tokens: Token[]): Token[] {
  for (let i = tokens.length - 3; i >= 0; i--) {
    const [left, hyphen, right] = [tokens[i]!, tokens[i + 1]!, tokens[i + 2]!];
    if (
      hyphen.text !== '-' ||
      left.end !== hyphen.start ||
      hyphen.end !== right.start ||
      !/^[\p{L}\d]/u.test(right.text) ||
      !/[\p{L}\d]$/u.test(left.text)
    )
      continue;
    const value = text.slice(left.start, right.end);
    tokens.splice(i, 3, {
      ...left,
      text: value,
      lower: value.toLowerCase().replace(/’/g, "'"),
      end: right.end,
      pos: left.pos === 'PROPN' ? 'PROPN' : right.pos,
      quote: left.quote,
    });
  }
  return tokens;
}

/** Each sentence's token range [firstToken, endToken); a sentence without tokens gets an empty range at the end. */
function placeSentenceTokens(tokens: Token[], sentences: Sentence[]): void {
  for (const sentence of sentences) {
    sentence.firstToken = tokens.length;
    sentence.endToken = tokens.length;
  }
  tokens.forEach((token, i) => {
    const sentence = sentences[token.sentence]!;
    if (sentence.firstToken === tokens.length || sentence.firstToken > i) sentence.firstToken = i;
    sentence.endToken = i + 1;
  });
}

function markSentenceInitialTokens(tokens: Token[], sentences: Sentence[]): void {
  for (const sentence of sentences) {
    let i = sentence.firstToken;
    while (i < sentence.endToken && OPENING_MARKS.has(tokens[i]!.text)) i++;
    if (i < sentence.endToken) tokens[i]!.sentenceInitial = true;
    // after a colon or an opening quote mark, a capital is also conventional
    for (let k = sentence.firstToken + 1; k < sentence.endToken; k++) {
      if (/^[“":.!?]$/.test(tokens[k - 1]!.text) && tokens[k]!.quote >= 0) tokens[k]!.sentenceInitial = true;
    }
  }
}

/** Binary search over token starts: the index of the first token starting at or after the offset. */
function tokenIndexAt(tokens: Token[]): (offset: number) => number {
  const tokenStarts = tokens.map((t) => t.start);
  return (offset: number): number => {
    let low = 0;
    let high = tokenStarts.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (tokenStarts[mid]! < offset) low = mid + 1;
      else high = mid;
    }
    return low;
  };
}
