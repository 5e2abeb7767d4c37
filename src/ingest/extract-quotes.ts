// Quotations in the body and who said them. Ordered sieves, each recorded by name on the quote:
//   quote-then-speaker   “…,” Hua said / “…,” said Hua / “…,” he told Sky Sports
//   speaker-then-quote   Orban said: “…” / nearest speech verb before the quote → its subject
//   according-to         …, according to X
//   speaker-after        “…” and “…”, Qin told Aleinik  (speech verb later in the sentence)
//   same-paragraph       a later quote in a paragraph whose earlier quote has a speaker
//   paragraph-continues  a quote-only paragraph continues the previous paragraph's speaker
//   sentence-subject     last resort, low confidence
// Pronouns resolve to the person in focus (latest speaker or sentence subject), not simply the nearest name.
import type { QuoteKind } from '../generated/prisma/enums.ts';
import type { AnalysedText, QuoteSpan, Token } from './analyse-text.ts';
import type { EntityExtraction } from './extract-entities.ts';
import { lookupDemonym } from './gazetteer/gazetteer.ts';
import { DOCUMENT_NOUNS, ORGANIZATION_ANAPHORS, SPEECH_VERBS, SPOKESPERSON_NOUNS, TITLE_HEADS, TITLE_MODIFIERS } from './lexicon.ts';

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

interface Reference {
  entity: number | null;
  label: string;
  rule: string;
}

const SKIPPABLE_BEFORE_VERB = new Set(['also', 'later', 'then', 'has', 'had', 'have', 'was', 'would', 'will', 'again', 'further', 'earlier', 'previously', 'repeatedly', 'once', 'recently', 'separately', 'reportedly', 'publicly', 'privately', 'simply', 'only', 'just', 'even', 'still', 'never', 'not', 'had']);
const PREPOSITIONS = new Set(['in', 'on', 'at', 'with', 'of', 'to', 'by', 'for', 'from', 'about', 'into', 'after', 'before', 'during', 'since', 'between', 'against', 'over', 'under', 'via', 'than', 'like', 'including', 'among', 'through', 'without', 'toward', 'towards', 'behind', 'despite']);
const LEADING_CLAUSE = new Set(['in', 'on', 'at', 'after', 'before', 'during', 'speaking', 'asked', 'when', 'while', 'since', 'despite', 'following', 'according', 'addressing', 'writing', 'responding', 'meanwhile', 'separately', 'however', 'last', 'earlier', 'later', 'as', 'if', 'although']);
const ROLE_SYNONYMS: Record<string, string[]> = {
  premier: ['prime minister', 'premier', 'pm'], 'prime minister': ['prime minister', 'premier', 'pm'], pm: ['prime minister', 'premier', 'pm'],
  leader: ['leader', 'president', 'prime minister', 'premier', 'chancellor', 'head', 'king', 'emir'],
  minister: ['minister', 'fm'], 'foreign minister': ['foreign minister', 'fm'], chief: ['chief', 'ceo', 'chief executive'],
  ceo: ['ceo', 'chief executive'], 'chief executive': ['ceo', 'chief executive'], boss: ['ceo', 'chief executive', 'manager', 'coach', 'boss', 'head'],
  coach: ['coach', 'manager'], manager: ['manager', 'coach'],
};

export function attributeQuotes(analysed: AnalysedText, extraction: EntityExtraction, quotableSegments: Set<number>): AttributedQuote[] {
  const { tokens, sentences, quotes, text } = analysed;
  const { entities, mentions, descriptions } = extraction;
  const mentionAt = new Int32Array(tokens.length).fill(-1);
  const mentionEndingAt = new Int32Array(tokens.length).fill(-1);
  mentions.forEach((m, i) => {
    for (let x = m.tokenStart; x < m.tokenEnd; x++) mentionAt[x] = i;
    mentionEndingAt[m.tokenEnd - 1] = i;
  });
  const descriptionEndingAt = new Map(descriptions.map((d) => [d.tokenEnd - 1, d] as const));
  const isSpeechVerb = (t: Token | undefined) => !!t && t.quote < 0 && SPEECH_VERBS.has(t.lower) && t.pos !== 'NOUN' && t.pos !== 'PROPN';
  const focusHistory: number[] = [];
  const lastMentionBefore = (tokenIndex: number, accept: (entity: number) => boolean): number | null => {
    for (let i = mentions.length - 1; i >= 0; i--) {
      const m = mentions[i]!;
      if (m.tokenStart < tokenIndex && accept(m.entity)) return m.entity;
    }
    return null;
  };

  /** "he"/"she": the person in focus (latest speaker or subject), else — when gender rules those out — the latest
   *  person of that gender named in the previous or current sentence, objects included ("Rutte called Yesilgoz. She …"). */
  function resolvePronoun(pronoun: string, at: number): number | null {
    const gender = pronoun === 'he' ? 'm' : pronoun === 'she' ? 'f' : null;
    if (!gender) return null;
    const compatible = (e: number) => entities[e]!.type === 'PERSON' && (!entities[e]!.gender || entities[e]!.gender === gender);
    const accept = (e: number) => { entities[e]!.gender ??= gender; return e; };
    for (let i = focusHistory.length - 1; i >= 0 && i >= focusHistory.length - 4; i--) {
      if (compatible(focusHistory[i]!)) return accept(focusHistory[i]!);
    }
    const sentence = tokens[at]!.sentence;
    const firstToken = sentences[Math.max(0, sentence - 1)]!.firstToken;
    for (let i = mentions.length - 1; i >= 0; i--) {
      const m = mentions[i]!;
      if (m.tokenStart >= at || tokens[m.tokenStart]!.quote >= 0) continue;
      if (m.tokenStart < firstToken) break;
      if (entities[m.entity]!.gender === gender) return m.entity;
    }
    return null;
  }

  function resolveDescription(d: EntityExtraction['descriptions'][number]): number | null {
    const head = d.head.trim();
    const lastWord = head.split(' ').pop() ?? '';
    if (DOCUMENT_NOUNS.has(lastWord)) {
      for (let s = tokens[d.tokenStart]!.sentence - 1; s >= 0; s--) {
        const sentence = sentences[s]!;
        const sentenceText = text.slice(sentence.start, sentence.end).toLowerCase();
        if (!new RegExp(`\\b${lastWord}\\b`).test(sentenceText)) continue;
        const subject = mainSubject(s);
        if (subject?.entity != null) return subject.entity;
      }
      return null;
    }
    if (ORGANIZATION_ANAPHORS.has(lastWord) && !TITLE_HEADS.has(lastWord)) {
      return lastMentionBefore(d.tokenStart, (e) => entities[e]!.type === 'ORGANIZATION' && !entities[e]!.isNewsAgency);
    }
    const wanted = ROLE_SYNONYMS[head] ?? ROLE_SYNONYMS[lastWord] ?? [head];
    const byRole = lastMentionBefore(d.tokenStart, (e) => {
      const entity = entities[e]!;
      if (entity.type !== 'PERSON') return false;
      if (d.demonymCountry && entity.country !== d.demonymCountry) return false;
      if (head === 'demonym' || !head) return !!d.demonymCountry;
      const roles = mentions.filter((m) => m.entity === e && m.role).map((m) => ` ${m.role!.text.toLowerCase()} `);
      return roles.some((role) => wanted.some((w) => role.includes(` ${w} `) || role.includes(` ${w}'`)));
    });
    if (byRole !== null) return byRole;
    // "the Russian told the crowd": a description with no matching role is most often the person in focus.
    const focus = focusHistory[focusHistory.length - 1];
    if (focus === undefined) return null;
    const country = entities[focus]!.country;
    return !d.demonymCountry || !country || country === d.demonymCountry ? focus : null;
  }

  /** The noun phrase that ends at token `end` (inclusive): a name, a pronoun, "the minister", "a spokesman for Intel". */
  function referenceEndingAt(end: number): Reference | null {
    const token = tokens[end];
    if (!token || token.quote >= 0) return null;
    const mention = mentionEndingAt[end]!;
    if (mention >= 0) {
      const m = mentions[mention]!;
      const before = tokens[m.tokenStart - 1];
      const beforeThat = tokens[m.tokenStart - 2];
      if (before && (before.lower === 'for' || before.lower === 'of') && beforeThat && SPOKESPERSON_NOUNS.has(beforeThat.lower)) {
        return { entity: m.entity, label: text.slice(tokens[m.tokenStart - 3]?.start ?? beforeThat.start, m.end), rule: 'spokesperson-for-organization' };
      }
      if (before && /^(the)$/.test(before.lower) && m.tokenStart >= 2 && SPOKESPERSON_NOUNS.has(tokens[m.tokenStart - 2]!.lower)) return null;
      return { entity: m.entity, label: m.surface, rule: 'name' };
    }
    if (/^(he|she)$/.test(token.lower)) return { entity: resolvePronoun(token.lower, end), label: token.text, rule: 'pronoun' };
    if (token.lower === 'they' || token.lower === 'we') return { entity: null, label: token.text, rule: 'pronoun-unresolved' };
    const description = descriptionEndingAt.get(end);
    if (description) return { entity: resolveDescription(description), label: text.slice(tokens[description.tokenStart]!.start, token.end), rule: 'description' };
    // "a spokesman for the Kremlin" where the organisation is the last word
    if (SPOKESPERSON_NOUNS.has(token.lower) || TITLE_HEADS.has(token.lower)) {
      // "ORG spokesman" with the organisation just before: "Kremlin spokesman said"
      const previous = mentionEndingAt[end - 1] ?? -1;
      if (previous >= 0 && entities[mentions[previous]!.entity]!.type === 'ORGANIZATION' && SPOKESPERSON_NOUNS.has(token.lower)) {
        return { entity: mentions[previous]!.entity, label: text.slice(mentions[previous]!.start, token.end), rule: 'spokesperson-for-organization' };
      }
      return { entity: null, label: token.text, rule: 'unnamed-source' };
    }
    return null;
  }

  /** First reference after token `start` (skipping title words): "said spokesperson Hua Chunying". */
  function referenceStartingAt(start: number, limit: number): Reference | null {
    for (let k = start; k < Math.min(limit, start + 8); k++) {
      const t = tokens[k]!;
      if (t.quote >= 0) return null;
      const mention = mentionAt[k]!;
      if (mention >= 0) {
        const m = mentions[mention]!;
        // "said a spokesman for Intel": the organisation after "for"
        return referenceEndingAt(m.tokenEnd - 1);
      }
      if (/^(he|she|they)$/.test(t.lower)) return referenceEndingAt(k);
      const description = descriptions.find((d) => d.tokenStart === k);
      if (description) return referenceEndingAt(description.tokenEnd - 1);
      if (TITLE_HEADS.has(t.lower) || TITLE_MODIFIERS.has(t.lower) || /^(the|a|an|his|her)$/.test(t.lower) || lookupDemonym(t.text) || SPOKESPERSON_NOUNS.has(t.lower) || t.lower === 'for') continue;
      return null;
    }
    return null;
  }

  /** The subject of a speech verb: the phrase right before it, past adverbs and a comma-enclosed appositive. */
  function subjectOf(verb: number): Reference | null {
    const sentence = sentences[tokens[verb]!.sentence]!;
    let k = verb - 1;
    while (k >= sentence.firstToken && SKIPPABLE_BEFORE_VERB.has(tokens[k]!.lower)) k--;
    if (k < sentence.firstToken) return null;
    const participle = /ing$/.test(tokens[verb]!.lower);
    const coordinated = tokens[k]!.lower === 'and' || tokens[k]!.lower === 'but' || (tokens[k]!.text === ',' && participle);
    if (participle || coordinated) return mainSubject(tokens[verb]!.sentence);
    if (tokens[k]!.text === ',') {
      // "Lisa Su, the chief executive of AMD, told …": skip appositives back to the name they describe.
      let firstFound: Reference | null = null;
      let j = k - 1;
      for (let commas = 0; commas < 3; commas++) {
        while (j >= sentence.firstToken && tokens[j]!.text !== ',' && tokens[j]!.quote < 0) j--;
        if (j <= sentence.firstToken || tokens[j]!.text !== ',') break;
        const reference = referenceEndingAt(j - 1);
        if (reference && (reference.entity === null || entities[reference.entity]!.type === 'PERSON' || reference.rule !== 'name')) return reference;
        firstFound ??= reference;
        j--;
      }
      if (!firstFound) {
        // the name opens the sentence: "Marcio Astrini, executive secretary of …, called …"
        const subject = mainSubject(tokens[verb]!.sentence);
        if (subject) return subject;
      }
      return firstFound;
    }
    const direct = referenceEndingAt(k);
    if (direct) return direct;
    return null;
  }

  /** The sentence's grammatical subject: the first reference outside quotes that no preposition governs. */
  function mainSubject(sentenceIndex: number): Reference | null {
    const sentence = sentences[sentenceIndex]!;
    let k = sentence.firstToken;
    if (LEADING_CLAUSE.has(tokens[k]?.lower ?? '')) {
      let j = k;
      while (j < sentence.endToken && tokens[j]!.text !== ',') j++;
      if (j < sentence.endToken - 1) k = j + 1;
    }
    for (; k < sentence.endToken; k++) {
      const t = tokens[k]!;
      if (t.quote >= 0 || /^[“"”]$/.test(t.text)) continue;
      if (t.pos === 'VERB' && SPEECH_VERBS.has(t.lower)) break;
      const previous = tokens[k - 1];
      const governed = previous && k > sentence.firstToken && (PREPOSITIONS.has(previous.lower) || /^['’]s?$/.test(previous.text));
      const mention = mentionAt[k]!;
      if (mention >= 0) {
        const m = mentions[mention]!;
        const after = tokens[m.tokenEnd];
        const possessor = after && /^['’]s?$/.test(after.text);
        // "NATO Secretary General Mark Rutte": the organisation is part of the person's title.
        let j = m.tokenEnd;
        while (j < sentence.endToken && (TITLE_HEADS.has(tokens[j]!.lower) || TITLE_MODIFIERS.has(tokens[j]!.lower) || /^['’]s?$/.test(tokens[j]!.text))) j++;
        if (entities[m.entity]!.type !== 'PERSON' && j > m.tokenEnd && mentionAt[j]! >= 0 && entities[mentions[mentionAt[j]!]!.entity]!.type === 'PERSON') {
          k = j - 1;
          continue;
        }
        if (!governed && !possessor) return referenceEndingAt(m.tokenEnd - 1);
        k = m.tokenEnd - 1;
        continue;
      }
      if (/^(he|she|they)$/.test(t.lower) && !governed) return referenceEndingAt(k);
      const description = descriptions.find((d) => d.tokenStart === k);
      if (description && !governed) {
        const after = tokens[description.tokenEnd];
        if (!(after && /^['’]s?$/.test(after.text))) return referenceEndingAt(description.tokenEnd - 1);
      }
      if (/^(a|an)$/.test(t.lower) && !governed) {
        // "A spokesperson for the Kremlin dismissed …"
        let j = k + 1;
        while (j < Math.min(sentence.endToken, k + 4) && !SPOKESPERSON_NOUNS.has(tokens[j]!.lower)) j++;
        if (SPOKESPERSON_NOUNS.has(tokens[j]?.lower ?? '') && /^(for|of|at)$/.test(tokens[j + 1]?.lower ?? '')) {
          let o = j + 2;
          if (tokens[o]?.lower === 'the') o++;
          if (mentionAt[o]! >= 0) return referenceEndingAt(mentions[mentionAt[o]!]!.tokenEnd - 1);
        }
      }
    }
    return null;
  }

  function quoteKind(span: QuoteSpan, innerStart: number, previousInSentence: AttributedQuote | undefined): QuoteKind {
    const first = text[innerStart] ?? '';
    const sentence = sentences[tokens[analysed.tokenAt(span.open)]!.sentence]!;
    const before = text.slice(sentence.start, span.open).trim();
    if (previousInSentence?.kind === 'DIRECT' && /^[,;]?\s*\S+(\s+\S+){0,3}\s+\w+,$/.test(text.slice(previousInSentence.span.close, span.open).trim())) return 'DIRECT';
    if (!/[\p{Lu}\d]/u.test(first)) return 'PARTIAL';
    if (!before || /[:,]$/.test(before)) return 'DIRECT';
    const innerWords = text.slice(innerStart, span.innerEnd).split(/\s+/).length;
    return innerWords >= 4 && /[.!?,]$/.test(text.slice(innerStart, span.innerEnd)) ? 'DIRECT' : 'PARTIAL';
  }

  /** A term in scare quotes ("an “all-weather” partnership", "so-called “experts”"), not reported speech. */
  function isScareQuote(span: QuoteSpan, innerStart: number, innerEnd: number): boolean {
    const inner = text.slice(innerStart, innerEnd);
    const words = inner.split(/\s+/).filter(Boolean);
    if (words.length > 3 || /[.!?]$/.test(inner)) return false;
    const openToken = analysed.tokenAt(span.open);
    const previous = tokens[openToken - 1];
    const nextToken = tokens[analysed.tokenAt(span.close)];
    if (previous && /^(so-called|dubbed|termed|named|titled|known|nicknamed)$/.test(previous.lower)) return true;
    const modifierUse = previous && /^(a|an|the|its|their|his|her|this)$/.test(previous.lower) && nextToken && /^\p{Ll}/u.test(nextToken.text) && nextToken.pos !== 'ADP' && nextToken.pos !== 'VERB' && nextToken.pos !== 'AUX' && nextToken.pos !== 'CCONJ' && nextToken.pos !== 'PUNCT' && span.close < sentences[nextToken.sentence]!.end && nextToken.sentence === previous.sentence;
    if (modifierUse) return true;
    // Without any reporting word in its sentence, a short quoted term is a scare quote.
    const sentence = sentences[tokens[openToken]!.sentence]!;
    for (let k = sentence.firstToken; k < sentence.endToken; k++) {
      const t = tokens[k]!;
      if (t.quote >= 0) continue;
      if (SPEECH_VERBS.has(t.lower) || t.lower === 'according' || SPOKESPERSON_NOUNS.has(t.lower) || DOCUMENT_NOUNS.has(t.lower)) return false;
    }
    return true;
  }

  const results: AttributedQuote[] = [];
  const lastSpeakerBySegment = new Map<number, number | null>();
  const reportedSpeakerBySegment = new Map<number, number>();
  let quoteIndex = 0;
  for (let s = 0; s < sentences.length; s++) {
    const sentence = sentences[s]!;
    const sentenceQuotes: QuoteSpan[] = [];
    while (quoteIndex < quotes.length && quotes[quoteIndex]!.open < sentence.end) {
      if (quotes[quoteIndex]!.open >= sentence.start) sentenceQuotes.push(quotes[quoteIndex]!);
      quoteIndex++;
    }
    const attributed: AttributedQuote[] = [];
    for (const span of sentenceQuotes) {
      if (!quotableSegments.has(span.segment)) continue;
      let innerStart = span.innerStart;
      let innerEnd = span.innerEnd;
      let inlineTag: Reference | null = null;
      if (!span.closed) {
        // A closing mark forgotten before the tag: “I think …, he said.
        const tag = /,\s+((?:he|she|they|[\p{Lu}][\p{L}’'-]+(?:\s+[\p{Lu}][\p{L}’'-]+)?))\s+(said|added|says|told\s+\S+)\.?$/u.exec(text.slice(innerStart, innerEnd));
        if (tag) {
          const tagStart = innerStart + tag.index + tag[0].indexOf(tag[1]!);
          innerEnd = innerStart + tag.index + 1;
          inlineTag = referenceEndingAt(analysed.tokenAt(tagStart + tag[1]!.length) - 1) ?? referenceStartingAt(analysed.tokenAt(tagStart), sentence.endToken);
        }
      }
      if (isScareQuote(span, innerStart, innerEnd)) continue;
      const previousInSentence = attributed[attributed.length - 1];
      const kind = quoteKind(span, innerStart, previousInSentence);
      let pick: { reference: Reference | null; rule: string; confidence: number } | null = inlineTag ? { reference: inlineTag, rule: 'quote-then-speaker', confidence: 0.8 } : null;

      // S1: tag right after the closing mark.
      const afterClose = analysed.tokenAt(span.close);
      if (!pick && span.closed) {
        let k = afterClose;
        while (k < sentence.endToken && /^[,.:;—–-]$/.test(tokens[k]!.text)) k++;
        for (let v = k; v < Math.min(sentence.endToken, k + 8); v++) {
          const t = tokens[v]!;
          if (t.quote >= 0 || /^[“"]$/.test(t.text)) break;
          if (!isSpeechVerb(t)) continue;
          const reference = v === k ? referenceStartingAt(v + 1, sentence.endToken) : subjectOf(v);
          if (reference) pick = { reference, rule: 'quote-then-speaker', confidence: reference.rule === 'name' ? 0.95 : 0.85 };
          break;
        }
      }
      // S2: nearest speech verb before the quote in the same sentence.
      if (!pick) {
        for (let v = analysed.tokenAt(span.open) - 1; v >= sentence.firstToken; v--) {
          if (!isSpeechVerb(tokens[v])) continue;
          const reference = subjectOf(v);
          if (reference) pick = { reference, rule: 'speaker-then-quote', confidence: reference.rule === 'name' ? 0.9 : 0.8 };
          break;
        }
      }
      // S3: "according to X" anywhere in the sentence.
      if (!pick) {
        for (let k = sentence.firstToken; k < sentence.endToken - 2; k++) {
          if (tokens[k]!.lower !== 'according' || tokens[k + 1]!.lower !== 'to' || tokens[k]!.quote >= 0) continue;
          const reference = referenceStartingAt(k + 2, sentence.endToken);
          if (reference) pick = { reference, rule: 'according-to', confidence: 0.85 };
          break;
        }
      }
      // S4: a speech verb later in the sentence, after other quotes or clauses ("…, Qin told Aleinik").
      if (!pick) {
        for (let v = afterClose; v < sentence.endToken; v++) {
          if (!isSpeechVerb(tokens[v])) continue;
          const reference = subjectOf(v) ?? referenceStartingAt(v + 1, sentence.endToken);
          if (reference && !(reference.entity !== null && entities[reference.entity]!.isNewsAgency && tokens[v]!.lower === 'reported')) {
            pick = { reference, rule: 'speaker-after', confidence: 0.75 };
          }
          break;
        }
      }
      let speaker = pick?.reference?.entity ?? null;
      let rule = pick ? `${pick.rule}/${pick.reference!.rule}` : 'none';
      let confidence = pick ? (speaker === null ? 0.2 : pick.confidence) : 0;
      let label = pick?.reference?.label ?? null;
      // S5 and S6: continuations.
      if (!pick) {
        const previousInSegment = results.filter((r) => r.span.segment === span.segment).pop();
        const segmentStartsWithQuote = span.open === analysed.segments[span.segment]!.start;
        if (previousInSegment && previousInSegment.speaker !== null) {
          speaker = previousInSegment.speaker; rule = 'same-paragraph'; confidence = 0.8; label = null;
        } else if (segmentStartsWithQuote && lastSpeakerBySegment.has(span.segment - 1)) {
          speaker = lastSpeakerBySegment.get(span.segment - 1) ?? null; rule = 'paragraph-continues'; confidence = speaker === null ? 0 : 0.75; label = null;
        } else if (segmentStartsWithQuote && reportedSpeakerBySegment.has(span.segment - 1)) {
          speaker = reportedSpeakerBySegment.get(span.segment - 1)!; rule = 'paragraph-continues-reported-speech'; confidence = 0.6; label = null;
        } else {
          const subject = mainSubject(s);
          if (subject?.entity != null && entities[subject.entity]!.type === 'PERSON') {
            speaker = subject.entity; rule = 'sentence-subject'; confidence = 0.45; label = subject.label;
          }
        }
      }
      const quote: AttributedQuote = { span, innerStart, innerEnd, kind, speaker, speakerLabel: label, rule, confidence };
      attributed.push(quote);
      results.push(quote);
      lastSpeakerBySegment.set(span.segment, speaker);
    }
    // Focus for pronouns: this sentence's speaker, else its subject when that is a person.
    const speakers = attributed.map((q) => q.speaker).filter((e): e is number => e !== null && entities[e]!.type === 'PERSON');
    let focus: number | null = speakers.length ? speakers[speakers.length - 1]! : null;
    if (focus === null) {
      const subject = mainSubject(s);
      if (subject?.entity != null && entities[subject.entity]!.type === 'PERSON') focus = subject.entity;
      // Reported speech ("Pruaitch said the Opposition …") lets a following quote-only paragraph continue it.
      for (let v = sentence.firstToken; v < sentence.endToken; v++) {
        if (!isSpeechVerb(tokens[v])) continue;
        const reference = subjectOf(v);
        if (reference?.entity != null && entities[reference.entity]!.type === 'PERSON') reportedSpeakerBySegment.set(sentence.segment, reference.entity);
        break;
      }
    }
    if (focus !== null) {
      if (focusHistory[focusHistory.length - 1] !== focus) focusHistory.push(focus);
    }
  }
  return results;
}
