// Quotations in the body and who said them. Ordered sieves, each a named function recorded by name on the quote:
//   quote-then-speaker   “…,” Hua said / “…,” said Hua / “…,” he told Sky Sports
//   dash-name            “…” ― Teresa Alcantara (a signed voice in a list)
//   speaker-then-quote   Orban said: “…” / nearest speech verb before the quote → its subject
//   according-to         …, according to X
//   speaker-after        “…” and “…”, Qin told Aleinik  (speech verb later in the sentence)
//   same-paragraph       a later quote in a paragraph whose earlier quote has a speaker
//   paragraph-continues  a quote-only paragraph continues the previous paragraph's speaker
//   sentence-subject     last resort, low confidence
// Which of these readers may see without review is decided apart from them (src/quote/attribution-policy.ts).
import type { AttributionStatus, QuoteKind } from '../generated/prisma/enums.ts';
import { decideAttributionStatus } from '../quote/attribution-policy.ts';
import type { AnalysedText, QuoteSpan, Sentence } from './analyse-text.ts';
import type { EntityExtraction } from './extract-entities.ts';
import { DOCUMENT_NOUNS, SPEECH_VERBS, SPOKESPERSON_NOUNS } from './lexicon.ts';
import { StoryReferences, type Reference } from './quote-references.ts';

export interface AttributedQuote {
  span: QuoteSpan;
  innerStart: number;
  innerEnd: number;
  kind: QuoteKind;
  speaker: number | null;
  speakerLabel: string | null;
  rule: string;
  confidence: number;
}

interface SievePick {
  reference: Reference;
  rule: string;
  confidence: number;
}

/** What the sieves see of one quote: its span, its sentence and the references of its story. */
interface QuoteSite {
  refs: StoryReferences;
  span: QuoteSpan;
  sentence: Sentence;
  sentenceIndex: number;
}

/** Sieve quote-then-speaker: the tag right after the closing mark ("…,” said Hua / “…,” Hua said). */
function quoteThenSpeaker({ refs, span, sentence }: QuoteSite): SievePick | null {
  if (!span.closed) return null;
  const { tokens } = refs;
  let k = refs.analysed.tokenAt(span.close);
  while (k < sentence.endToken && /^[,.:;—–-]$/.test(tokens[k]!.text)) k++;
  for (let v = k; v < Math.min(sentence.endToken, k + 8); v++) {
    const t = tokens[v]!;
    if (t.quote >= 0 || /^[“"]$/.test(t.text)) break;
    if (!refs.isSpeechVerb(t)) continue;
    const reference = v === k ? refs.referenceStartingAt(v + 1, sentence.endToken) : refs.subjectOf(v);
    return reference
      ? { reference, rule: 'quote-then-speaker', confidence: reference.rule === 'name' ? 0.95 : 0.85 }
      : null;
  }
  return null;
}

/** Sieve speaker-then-quote: the nearest speech verb before the quote in its sentence, and that verb's subject. */
function speakerThenQuote({ refs, span, sentence }: QuoteSite): SievePick | null {
  for (let v = refs.analysed.tokenAt(span.open) - 1; v >= sentence.firstToken; v--) {
    if (!refs.isSpeechVerb(refs.tokens[v])) continue;
    const reference = refs.subjectOf(v);
    return reference
      ? { reference, rule: 'speaker-then-quote', confidence: reference.rule === 'name' ? 0.9 : 0.8 }
      : null;
  }
  return null;
}

/** Sieve according-to: "according to X" anywhere in the sentence. */
function accordingTo({ refs, sentence }: QuoteSite): SievePick | null {
  const { tokens } = refs;
  for (let k = sentence.firstToken; k < sentence.endToken - 2; k++) {
    if (tokens[k]!.lower !== 'according' || tokens[k + 1]!.lower !== 'to' || tokens[k]!.quote >= 0) continue;
    const reference = refs.referenceStartingAt(k + 2, sentence.endToken);
    return reference ? { reference, rule: 'according-to', confidence: 0.85 } : null;
  }
  return null;
}

/** Sieve speaker-after: a speech verb later in the sentence, after other quotes or clauses ("…, Qin told Aleinik"). */
function speakerAfter({ refs, span, sentence }: QuoteSite): SievePick | null {
  for (let v = refs.analysed.tokenAt(span.close); v < sentence.endToken; v++) {
    if (!refs.isSpeechVerb(refs.tokens[v])) continue;
    const reference = refs.subjectOf(v) ?? refs.referenceStartingAt(v + 1, sentence.endToken);
    // "…, Reuters reported": the agency reports the story, it did not say the words.
    const agencyReport =
      reference?.entity != null &&
      refs.extraction.entities[reference.entity]!.isNewsAgency &&
      refs.tokens[v]!.lower === 'reported';
    return reference && !agencyReport ? { reference, rule: 'speaker-after', confidence: 0.75 } : null;
  }
  return null;
}

/** Sieve dash-name: a name after a dash right behind the closing mark ("…” ― Teresa Alcantara"), as lists of voices sign them. */
function dashName({ refs, span, sentence }: QuoteSite): SievePick | null {
  if (!span.closed) return null;
  const k = refs.analysed.tokenAt(span.close);
  if (k >= sentence.endToken || !/^[―—–-]$/.test(refs.tokens[k]!.text)) return null;
  // A signature holds no verb; "… – Democrats who watched it said …" is a clause going on after a dash.
  if (refs.tokens.slice(k + 1, sentence.endToken).some((t) => t.pos === 'VERB' || t.pos === 'AUX')) return null;
  const reference = refs.referenceStartingAt(k + 1, sentence.endToken);
  return reference && reference.rule === 'name' ? { reference, rule: 'dash-name', confidence: 0.9 } : null;
}

const SIEVES = [quoteThenSpeaker, dashName, speakerThenQuote, accordingTo, speakerAfter];

/** Where earlier quotes left the story: the speaker of each paragraph's latest quote, and reported speech per paragraph. */
interface StoryState {
  results: AttributedQuote[];
  lastSpeakerBySegment: Map<number, number | null>;
  reportedSpeakerBySegment: Map<number, number>;
}

type Attribution = Pick<AttributedQuote, 'speaker' | 'speakerLabel' | 'rule' | 'confidence'>;

/** Sieves same-paragraph, paragraph-continues and sentence-subject, for a quote no tag attributes. */
function continuation(site: QuoteSite, state: StoryState): Attribution {
  const { span, refs } = site;
  const previousInSegment = state.results.filter((r) => r.span.segment === span.segment).pop();
  const segmentStartsWithQuote = span.open === refs.analysed.segments[span.segment]!.start;
  if (previousInSegment && previousInSegment.speaker !== null) {
    return { speaker: previousInSegment.speaker, speakerLabel: null, rule: 'same-paragraph', confidence: 0.8 };
  }
  if (segmentStartsWithQuote && state.lastSpeakerBySegment.has(span.segment - 1)) {
    const speaker = state.lastSpeakerBySegment.get(span.segment - 1) ?? null;
    return { speaker, speakerLabel: null, rule: 'paragraph-continues', confidence: speaker === null ? 0 : 0.75 };
  }
  if (segmentStartsWithQuote && state.reportedSpeakerBySegment.has(span.segment - 1)) {
    return {
      speaker: state.reportedSpeakerBySegment.get(span.segment - 1)!,
      speakerLabel: null,
      rule: 'paragraph-continues-reported-speech',
      confidence: 0.6,
    };
  }
  const subject = refs.mainSubject(site.sentenceIndex);
  if (refs.isPerson(subject?.entity))
    return { speaker: subject.entity, speakerLabel: subject.label, rule: 'sentence-subject', confidence: 0.45 };
  return { speaker: null, speakerLabel: null, rule: 'none', confidence: 0 };
}

/** The tag inside a quote whose closing mark was forgotten: “I think …, he said. Returns the cut span and the tag. */
function unclosedQuoteTag(
  refs: StoryReferences,
  span: QuoteSpan,
  sentence: Sentence,
): { innerEnd: number; tag: Reference | null } | null {
  const { text } = refs.analysed;
  const tag =
    /,\s+((?:he|she|they|[\p{Lu}][\p{L}’'-]+(?:\s+[\p{Lu}][\p{L}’'-]+)?))\s+(said|added|says|told\s+\S+)\.?$/u.exec(
      text.slice(span.innerStart, span.innerEnd),
    );
  if (!tag) return null;
  const tagStart = span.innerStart + tag.index + tag[0].indexOf(tag[1]!);
  const reference =
    refs.referenceEndingAt(refs.analysed.tokenAt(tagStart + tag[1]!.length) - 1) ??
    refs.referenceStartingAt(refs.analysed.tokenAt(tagStart), sentence.endToken);
  return { innerEnd: span.innerStart + tag.index + 1, tag: reference };
}

function quoteKind(
  analysed: AnalysedText,
  span: QuoteSpan,
  innerStart: number,
  previousInSentence: AttributedQuote | undefined,
): QuoteKind {
  const { text, sentences, tokens } = analysed;
  const first = text[innerStart] ?? '';
  const sentence = sentences[tokens[analysed.tokenAt(span.open)]!.sentence]!;
  const before = text.slice(sentence.start, span.open).trim();
  if (
    previousInSentence?.kind === 'DIRECT' &&
    /^[,;]?\s*\S+(\s+\S+){0,3}\s+\w+,$/.test(text.slice(previousInSentence.span.close, span.open).trim())
  )
    return 'DIRECT';
  if (!/[\p{Lu}\d]/u.test(first)) return 'PARTIAL';
  if (!before || /[:,]$/.test(before)) return 'DIRECT';
  const innerWords = text.slice(innerStart, span.innerEnd).split(/\s+/).length;
  return innerWords >= 4 && /[.!?,]$/.test(text.slice(innerStart, span.innerEnd)) ? 'DIRECT' : 'PARTIAL';
}

const TERM_INTRODUCERS = /^(so-called|dubbed|termed|named|titled|known|nicknamed)$/;

/** A term in scare quotes ("an “all-weather” partnership", "so-called “experts”"), not reported speech. */
function isScareQuote(analysed: AnalysedText, span: QuoteSpan, innerStart: number, innerEnd: number): boolean {
  const { text, tokens, sentences } = analysed;
  const inner = text.slice(innerStart, innerEnd);
  if (inner.split(/\s+/).filter(Boolean).length > 3 || /[.!?]$/.test(inner)) return false;
  const openToken = analysed.tokenAt(span.open);
  const previous = tokens[openToken - 1];
  const next = tokens[analysed.tokenAt(span.close)];
  if (previous && TERM_INTRODUCERS.test(previous.lower)) return true;
  const modifierUse =
    previous &&
    /^(a|an|the|its|their|his|her|this)$/.test(previous.lower) &&
    next &&
    /^\p{Ll}/u.test(next.text) &&
    next.pos !== 'ADP' &&
    next.pos !== 'VERB' &&
    next.pos !== 'AUX' &&
    next.pos !== 'CCONJ' &&
    next.pos !== 'PUNCT' &&
    span.close < sentences[next.sentence]!.end &&
    next.sentence === previous.sentence;
  if (modifierUse) return true;
  // Without any reporting word in its sentence, a short quoted term is a scare quote.
  const sentence = sentences[tokens[openToken]!.sentence]!;
  for (let k = sentence.firstToken; k < sentence.endToken; k++) {
    const t = tokens[k]!;
    if (t.quote >= 0) continue;
    if (
      SPEECH_VERBS.has(t.lower) ||
      t.lower === 'according' ||
      SPOKESPERSON_NOUNS.has(t.lower) ||
      DOCUMENT_NOUNS.has(t.lower)
    )
      return false;
  }
  return true;
}

/** One quote through the sieves in order; null for a scare quote. */
function attributeQuote(
  site: QuoteSite,
  state: StoryState,
  previousInSentence: AttributedQuote | undefined,
): AttributedQuote | null {
  const { refs, span, sentence } = site;
  const unclosed = span.closed ? null : unclosedQuoteTag(refs, span, sentence);
  const innerStart = span.innerStart;
  const innerEnd = unclosed?.innerEnd ?? span.innerEnd;
  if (isScareQuote(refs.analysed, span, innerStart, innerEnd)) return null;
  const kind = quoteKind(refs.analysed, span, innerStart, previousInSentence);
  let pick: SievePick | null = unclosed?.tag
    ? { reference: unclosed.tag, rule: 'quote-then-speaker', confidence: 0.8 }
    : null;
  for (const sieve of SIEVES) pick ??= sieve(site);
  const attribution: Attribution = pick
    ? {
        speaker: pick.reference.entity,
        speakerLabel: pick.reference.label,
        rule: `${pick.rule}/${pick.reference.rule}`,
        confidence: pick.reference.entity === null ? 0.2 : pick.confidence,
      }
    : continuation(site, state);
  return { span, innerStart, innerEnd, kind, ...attribution };
}

/** Focus for pronouns after a sentence: its speaker, else its subject when a person; and reported speech for the paragraph. */
function updateFocus(
  refs: StoryReferences,
  sentenceIndex: number,
  attributed: AttributedQuote[],
  state: StoryState,
): void {
  const sentence = refs.analysed.sentences[sentenceIndex]!;
  const speakers = attributed.map((q) => q.speaker).filter((e): e is number => refs.isPerson(e));
  let focus: number | null = speakers.length ? speakers[speakers.length - 1]! : null;
  if (focus === null) {
    const subject = refs.mainSubject(sentenceIndex);
    if (refs.isPerson(subject?.entity)) focus = subject.entity;
    // Reported speech ("Pruaitch said the Opposition …") lets a following quote-only paragraph continue it.
    for (let v = sentence.firstToken; v < sentence.endToken; v++) {
      if (!refs.isSpeechVerb(refs.tokens[v])) continue;
      const reference = refs.subjectOf(v);
      if (refs.isPerson(reference?.entity)) state.reportedSpeakerBySegment.set(sentence.segment, reference.entity);
      break;
    }
  }
  if (focus !== null && refs.focusHistory[refs.focusHistory.length - 1] !== focus) refs.focusHistory.push(focus);
}

export function attributeQuotes(
  analysed: AnalysedText,
  extraction: EntityExtraction,
  quotableSegments: Set<number>,
): AttributedQuote[] {
  const refs = new StoryReferences(analysed, extraction);
  const state: StoryState = { results: [], lastSpeakerBySegment: new Map(), reportedSpeakerBySegment: new Map() };
  const { sentences, quotes } = analysed;
  let quoteIndex = 0;
  for (let s = 0; s < sentences.length; s++) {
    const sentence = sentences[s]!;
    const attributed: AttributedQuote[] = [];
    for (; quoteIndex < quotes.length && quotes[quoteIndex]!.open < sentence.end; quoteIndex++) {
      const span = quotes[quoteIndex]!;
      if (span.open < sentence.start || !quotableSegments.has(span.segment)) continue;
      const quote = attributeQuote(
        { refs, span, sentence, sentenceIndex: s },
        state,
        attributed[attributed.length - 1],
      );
      if (!quote) continue;
      attributed.push(quote);
      state.results.push(quote);
      state.lastSpeakerBySegment.set(span.segment, quote.speaker);
    }
    updateFocus(refs, s, attributed, state);
  }
  return state.results;
}

/** Whether a person other than `speaker` is named outside quotation marks between offsets `from` and `to`. */
function otherPersonNamedBetween(
  analysed: AnalysedText,
  extraction: EntityExtraction,
  from: number,
  to: number,
  speaker: number,
): boolean {
  return extraction.mentions.some(
    (m) =>
      m.start >= from &&
      m.end <= to &&
      m.entity !== speaker &&
      extraction.entities[m.entity]!.type === 'PERSON' &&
      analysed.tokens[m.tokenStart]!.quote < 0,
  );
}

/**
 * Where the search for other people starts after the latest confidently attributed quote: its closing mark, or,
 * when the next quote opens the next sentence of the same paragraph, the end of the tag's sentence. People named
 * in the tag itself ("“…,” Earnest said before Clinton's remarks. “…”") do not take the floor.
 */
function tagSentenceEnd(analysed: AnalysedText, latest: AttributedQuote, next: AttributedQuote): number {
  const { tokens, sentences } = analysed;
  if (latest.span.segment !== next.span.segment || !latest.span.closed) return latest.span.close;
  const tagSentence = tokens[analysed.tokenAt(latest.span.open)]!.sentence;
  const nextFirst = analysed.tokenAt(next.span.open);
  const nextSentence = tokens[nextFirst]?.sentence;
  if (nextSentence !== tagSentence + 1 || sentences[nextSentence]!.firstToken !== nextFirst) return latest.span.close;
  return Math.max(latest.span.close, sentences[tagSentence]!.end);
}

/**
 * Each quote's attribution status (src/quote/attribution-policy.ts), with the evidence the story gives: whether the
 * quote continues a confidently quoted speaker with nobody else named since, and whether its paragraph holds nothing
 * but quotations. `linked` says whether a quote's speaker is kept as an entity.
 */
export function attributionStatuses(
  analysed: AnalysedText,
  extraction: EntityExtraction,
  quotes: AttributedQuote[],
  linked: (quote: AttributedQuote) => boolean,
): AttributionStatus[] {
  let latest: { quote: AttributedQuote; status: AttributionStatus } | undefined;
  return quotes.map((quote) => {
    const hasSpeaker = linked(quote);
    const segment = analysed.segments[quote.span.segment]!;
    const continues =
      hasSpeaker &&
      latest?.quote.speaker === quote.speaker &&
      latest.status === 'CONFIDENT' &&
      !otherPersonNamedBetween(
        analysed,
        extraction,
        tagSentenceEnd(analysed, latest.quote, quote),
        quote.span.open,
        quote.speaker!,
      );
    const status = decideAttributionStatus({
      rule: quote.rule,
      confidence: hasSpeaker ? quote.confidence : 0,
      hasSpeaker,
      speakerType: hasSpeaker ? extraction.entities[quote.speaker!]!.type : null,
      continuesConfidentSpeaker: continues,
      quoteOnlyParagraph: !/\p{L}/u.test(
        analysed.text.slice(segment.start, segment.end).replace(/“[^”]*”?|"[^"]*"?/g, ''),
      ),
    }).status;
    if (hasSpeaker) latest = { quote, status };
    return status;
  });
}
