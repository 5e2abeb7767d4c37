// Who a phrase near a quote refers to: names, pronouns, descriptions ("the minister") and nominal sources
// ("a spokesman for the Kremlin"), resolved within the story. Pronouns resolve to the person in focus (the latest
// speaker or sentence subject), not simply the nearest name.
import type { AnalysedText, Token } from './analyse-text.ts';
import type { EntityExtraction } from './extract-entities.ts';
import { lookupDemonym } from './gazetteer/gazetteer.ts';
import {
  DOCUMENT_NOUNS,
  ORGANIZATION_ANAPHORS,
  SPEECH_VERBS,
  SPOKESPERSON_NOUNS,
  TITLE_HEADS,
  TITLE_MODIFIERS,
} from './lexicon.ts';

export interface Reference {
  entity: number | null;
  label: string;
  rule: string;
}

type Description = EntityExtraction['descriptions'][number];

const SKIPPABLE_BEFORE_VERB = new Set([
  'also',
  'later',
  'then',
  'has',
  'had',
  'have',
  'was',
  'would',
  'will',
  'again',
  'further',
  'earlier',
  'previously',
  'repeatedly',
  'once',
  'recently',
  'separately',
  'reportedly',
  'publicly',
  'privately',
  'simply',
  'only',
  'just',
  'even',
  'still',
  'never',
  'not',
  'had',
]);
const PREPOSITIONS = new Set([
  'in',
  'on',
  'at',
  'with',
  'of',
  'to',
  'by',
  'for',
  'from',
  'about',
  'into',
  'after',
  'before',
  'during',
  'since',
  'between',
  'against',
  'over',
  'under',
  'via',
  'than',
  'like',
  'including',
  'among',
  'through',
  'without',
  'toward',
  'towards',
  'behind',
  'despite',
]);
const LEADING_CLAUSE = new Set([
  'in',
  'on',
  'at',
  'after',
  'before',
  'during',
  'speaking',
  'asked',
  'when',
  'while',
  'since',
  'despite',
  'following',
  'according',
  'addressing',
  'writing',
  'responding',
  'meanwhile',
  'separately',
  'however',
  'last',
  'earlier',
  'later',
  'as',
  'if',
  'although',
]);
const ROLE_SYNONYMS: Record<string, string[]> = {
  premier: ['prime minister', 'premier', 'pm'],
  'prime minister': ['prime minister', 'premier', 'pm'],
  pm: ['prime minister', 'premier', 'pm'],
  leader: ['leader', 'president', 'prime minister', 'premier', 'chancellor', 'head', 'king', 'emir'],
  minister: ['minister', 'fm'],
  'foreign minister': ['foreign minister', 'fm'],
  chief: ['chief', 'ceo', 'chief executive'],
  ceo: ['ceo', 'chief executive'],
  'chief executive': ['ceo', 'chief executive'],
  boss: ['ceo', 'chief executive', 'manager', 'coach', 'boss', 'head'],
  coach: ['coach', 'manager'],
  manager: ['manager', 'coach'],
};
const POSSESSIVE = /^['’]s?$/;

export class StoryReferences {
  readonly tokens: Token[];
  /** People in focus, latest last: each sentence's speaker, else its subject when that is a person. */
  readonly focusHistory: number[] = [];
  private readonly mentionAt: Int32Array;
  private readonly mentionEndingAt: Int32Array;
  private readonly descriptionEndingAt: Map<number, Description>;

  constructor(
    readonly analysed: AnalysedText,
    readonly extraction: EntityExtraction,
  ) {
    this.tokens = analysed.tokens;
    this.mentionAt = new Int32Array(this.tokens.length).fill(-1);
    this.mentionEndingAt = new Int32Array(this.tokens.length).fill(-1);
    extraction.mentions.forEach((m, i) => {
      for (let x = m.tokenStart; x < m.tokenEnd; x++) this.mentionAt[x] = i;
      this.mentionEndingAt[m.tokenEnd - 1] = i;
    });
    this.descriptionEndingAt = new Map(extraction.descriptions.map((d) => [d.tokenEnd - 1, d] as const));
  }

  isSpeechVerb(t: Token | undefined): boolean {
    return !!t && t.quote < 0 && SPEECH_VERBS.has(t.lower) && t.pos !== 'NOUN' && t.pos !== 'PROPN';
  }

  isPerson(entity: number | null | undefined): entity is number {
    return entity != null && this.extraction.entities[entity]!.type === 'PERSON';
  }

  private lastMentionBefore(tokenIndex: number, accept: (entity: number) => boolean): number | null {
    const { mentions } = this.extraction;
    for (let i = mentions.length - 1; i >= 0; i--) {
      const m = mentions[i]!;
      if (m.tokenStart < tokenIndex && accept(m.entity)) return m.entity;
    }
    return null;
  }

  /** "he"/"she": the person in focus (latest speaker or subject), else — when gender rules those out — the latest
   *  person of that gender named in the previous or current sentence, objects included ("Rutte called Yesilgoz. She …"). */
  resolvePronoun(pronoun: string, at: number): number | null {
    const gender = pronoun === 'he' ? 'm' : pronoun === 'she' ? 'f' : null;
    if (!gender) return null;
    const { entities, mentions } = this.extraction;
    const compatible = (e: number) =>
      entities[e]!.type === 'PERSON' && (!entities[e]!.gender || entities[e]!.gender === gender);
    const focus = this.focusHistory;
    for (let i = focus.length - 1; i >= 0 && i >= focus.length - 4; i--) {
      if (!compatible(focus[i]!)) continue;
      entities[focus[i]!]!.gender ??= gender;
      return focus[i]!;
    }
    const sentence = this.tokens[at]!.sentence;
    const firstToken = this.analysed.sentences[Math.max(0, sentence - 1)]!.firstToken;
    for (let i = mentions.length - 1; i >= 0; i--) {
      const m = mentions[i]!;
      if (m.tokenStart >= at || this.tokens[m.tokenStart]!.quote >= 0) continue;
      if (m.tokenStart < firstToken) break;
      if (entities[m.entity]!.gender === gender) return m.entity;
    }
    return null;
  }

  /** "the report" / "the statement": the subject of the latest sentence that names that document. */
  private resolveDocument(d: Description, noun: string): number | null {
    const { sentences, text } = this.analysed;
    for (let s = this.tokens[d.tokenStart]!.sentence - 1; s >= 0; s--) {
      const sentence = sentences[s]!;
      if (!new RegExp(`\\b${noun}\\b`).test(text.slice(sentence.start, sentence.end).toLowerCase())) continue;
      const subject = this.mainSubject(s);
      if (subject?.entity != null) return subject.entity;
    }
    return null;
  }

  /** A description ("the minister", "the Finnish leader"): the person earlier given a matching role, else the one in focus. */
  resolveDescription(d: Description): number | null {
    const { entities, mentions } = this.extraction;
    const head = d.head.trim();
    const lastWord = head.split(' ').pop() ?? '';
    if (DOCUMENT_NOUNS.has(lastWord)) return this.resolveDocument(d, lastWord);
    if (ORGANIZATION_ANAPHORS.has(lastWord) && !TITLE_HEADS.has(lastWord)) {
      return this.lastMentionBefore(
        d.tokenStart,
        (e) => entities[e]!.type === 'ORGANIZATION' && !entities[e]!.isNewsAgency,
      );
    }
    const wanted = ROLE_SYNONYMS[head] ?? ROLE_SYNONYMS[lastWord] ?? [head];
    const byRole = this.lastMentionBefore(d.tokenStart, (e) => {
      const entity = entities[e]!;
      if (entity.type !== 'PERSON') return false;
      if (d.demonymCountry && entity.country !== d.demonymCountry) return false;
      if (head === 'demonym' || !head) return !!d.demonymCountry;
      const roles = mentions.filter((m) => m.entity === e && m.role).map((m) => ` ${m.role!.text.toLowerCase()} `);
      return roles.some((role) => wanted.some((w) => role.includes(` ${w} `) || role.includes(` ${w}'`)));
    });
    if (byRole !== null) return byRole;
    // "the Russian told the crowd": a description with no matching role is most often the person in focus.
    const focus = this.focusHistory[this.focusHistory.length - 1];
    if (focus === undefined) return null;
    const country = entities[focus]!.country;
    return !d.demonymCountry || !country || country === d.demonymCountry ? focus : null;
  }

  /** A mention ending at `end`: the name, or the organisation a spokesperson speaks for ("a spokesman for Intel"). */
  private mentionReference(mentionIndex: number): Reference | null {
    const { tokens } = this;
    const m = this.extraction.mentions[mentionIndex]!;
    const before = tokens[m.tokenStart - 1];
    const beforeThat = tokens[m.tokenStart - 2];
    if (
      before &&
      (before.lower === 'for' || before.lower === 'of') &&
      beforeThat &&
      SPOKESPERSON_NOUNS.has(beforeThat.lower)
    ) {
      return {
        entity: m.entity,
        label: this.analysed.text.slice(tokens[m.tokenStart - 3]?.start ?? beforeThat.start, m.end),
        rule: 'spokesperson-for-organization',
      };
    }
    if (
      before &&
      before.lower === 'the' &&
      m.tokenStart >= 2 &&
      SPOKESPERSON_NOUNS.has(tokens[m.tokenStart - 2]!.lower)
    )
      return null;
    return { entity: m.entity, label: m.surface, rule: 'name' };
  }

  /** "Kremlin spokesman said": the organisation just before links the source; a bare "a spokesman" keeps its label only. */
  private nominalSourceEndingAt(end: number): Reference {
    const token = this.tokens[end]!;
    const previous = this.mentionEndingAt[end - 1] ?? -1;
    const { mentions, entities } = this.extraction;
    if (
      previous >= 0 &&
      entities[mentions[previous]!.entity]!.type === 'ORGANIZATION' &&
      SPOKESPERSON_NOUNS.has(token.lower)
    ) {
      return {
        entity: mentions[previous]!.entity,
        label: this.analysed.text.slice(mentions[previous]!.start, token.end),
        rule: 'spokesperson-for-organization',
      };
    }
    return { entity: null, label: token.text, rule: 'unnamed-source' };
  }

  /** The noun phrase that ends at token `end` (inclusive): a name, a pronoun, "the minister", "a spokesman for Intel". */
  referenceEndingAt(end: number): Reference | null {
    const token = this.tokens[end];
    if (!token || token.quote >= 0) return null;
    const mention = this.mentionEndingAt[end]!;
    if (mention >= 0) return this.mentionReference(mention);
    if (/^(he|she)$/.test(token.lower))
      return { entity: this.resolvePronoun(token.lower, end), label: token.text, rule: 'pronoun' };
    if (token.lower === 'they' || token.lower === 'we') {
      const group = this.resolveGroup(end);
      return { entity: group, label: token.text, rule: group === null ? 'pronoun-unresolved' : 'pronoun' };
    }
    const description = this.descriptionEndingAt.get(end);
    if (description)
      return {
        entity: this.resolveDescription(description),
        label: this.analysed.text.slice(this.tokens[description.tokenStart]!.start, token.end),
        rule: 'description',
      };
    if (SPOKESPERSON_NOUNS.has(token.lower) || TITLE_HEADS.has(token.lower)) return this.nominalSourceEndingAt(end);
    return null;
  }

  /** First reference after token `start` (skipping title words): "said spokesperson Hua Chunying". */
  referenceStartingAt(start: number, limit: number): Reference | null {
    for (let k = start; k < Math.min(limit, start + 8); k++) {
      const t = this.tokens[k]!;
      if (t.quote >= 0) return null;
      const mention = this.mentionAt[k]!;
      // "said a spokesman for Intel": the organisation after "for"
      if (mention >= 0) return this.referenceEndingAt(this.extraction.mentions[mention]!.tokenEnd - 1);
      if (/^(he|she|they)$/.test(t.lower)) return this.referenceEndingAt(k);
      const description = this.extraction.descriptions.find((d) => d.tokenStart === k);
      if (description) return this.referenceEndingAt(description.tokenEnd - 1);
      if (
        TITLE_HEADS.has(t.lower) ||
        TITLE_MODIFIERS.has(t.lower) ||
        /^(the|a|an|his|her)$/.test(t.lower) ||
        lookupDemonym(t.text) ||
        SPOKESPERSON_NOUNS.has(t.lower) ||
        t.lower === 'for'
      )
        continue;
      if (this.isTitleNounBeforeName(k)) continue;
      return null;
    }
    return null;
  }

  /** "said council leader Gerald Vance": a lower-case noun of a title, right before a name or before a title word and a name. */
  private isTitleNounBeforeName(k: number): boolean {
    const t = this.tokens[k]!;
    if ((t.pos !== 'NOUN' && t.pos !== 'ADJ') || !/^\p{Ll}/u.test(t.text)) return false;
    const nameAt = (i: number) => (this.mentionAt[i] ?? -1) >= 0;
    return nameAt(k + 1) || (TITLE_HEADS.has(this.tokens[k + 1]?.lower ?? '') && nameAt(k + 2));
  }

  /** "they": the organisation named last in this or the two sentences before (a group speaks as one). */
  private resolveGroup(at: number): number | null {
    const { entities, mentions } = this.extraction;
    const sentence = this.tokens[at]!.sentence;
    const firstToken = this.analysed.sentences[Math.max(0, sentence - 2)]!.firstToken;
    for (let i = mentions.length - 1; i >= 0; i--) {
      const m = mentions[i]!;
      if (m.tokenStart >= at || this.tokens[m.tokenStart]!.quote >= 0) continue;
      if (m.tokenStart < firstToken) break;
      const entity = entities[m.entity]!;
      if (entity.type === 'ORGANIZATION' && !entity.isNewsAgency) return m.entity;
    }
    return null;
  }

  /** "Lisa Su, the chief executive of AMD, told …": skips appositives back to the name they describe. */
  private appositiveSubject(verb: number, comma: number): Reference | null {
    const sentence = this.analysed.sentences[this.tokens[verb]!.sentence]!;
    const { tokens } = this;
    let firstFound: Reference | null = null;
    let j = comma - 1;
    for (let commas = 0; commas < 3; commas++) {
      while (j >= sentence.firstToken && tokens[j]!.text !== ',' && tokens[j]!.quote < 0) j--;
      if (j <= sentence.firstToken || tokens[j]!.text !== ',') break;
      const reference = this.referenceEndingAt(j - 1);
      if (reference && (reference.entity === null || this.isPerson(reference.entity) || reference.rule !== 'name'))
        return reference;
      firstFound ??= reference;
      j--;
    }
    // the name opens the sentence: "Marcio Astrini, executive secretary of …, called …"
    if (!firstFound) return this.mainSubject(tokens[verb]!.sentence) ?? null;
    return firstFound;
  }

  /** The subject of a speech verb: the phrase right before it, past adverbs and a comma-enclosed appositive. */
  subjectOf(verb: number): Reference | null {
    const { tokens } = this;
    const sentence = this.analysed.sentences[tokens[verb]!.sentence]!;
    let k = verb - 1;
    while (k >= sentence.firstToken && SKIPPABLE_BEFORE_VERB.has(tokens[k]!.lower)) k--;
    if (k < sentence.firstToken) return null;
    // "Rep. Gwen Moore (D-Wis.) said": a short parenthesis (party and state, an age) stands between name and verb.
    if (tokens[k]!.text === ')') {
      let open = k - 1;
      while (open > sentence.firstToken && k - open <= 8 && tokens[open]!.text !== '(' && tokens[open]!.text !== ')')
        open--;
      if (tokens[open]!.text === '(' && open > sentence.firstToken) k = open - 1;
    }
    const participle = /ing$/.test(tokens[verb]!.lower);
    const coordinated =
      tokens[k]!.lower === 'and' || tokens[k]!.lower === 'but' || (tokens[k]!.text === ',' && participle);
    if (participle || coordinated) return this.mainSubject(tokens[verb]!.sentence);
    if (tokens[k]!.text === ',') return this.appositiveSubject(verb, k);
    return this.referenceEndingAt(k);
  }

  /** Where the subject search starts: past a leading clause ("In Beijing on Monday, …"). */
  private subjectSearchStart(sentenceIndex: number): number {
    const sentence = this.analysed.sentences[sentenceIndex]!;
    const k = sentence.firstToken;
    if (!LEADING_CLAUSE.has(this.tokens[k]?.lower ?? '')) return k;
    let j = k;
    while (j < sentence.endToken && this.tokens[j]!.text !== ',') j++;
    return j < sentence.endToken - 1 ? j + 1 : k;
  }

  /** "NATO Secretary General Mark Rutte": past an organisation that is part of the person's title, the person's first token. */
  private personAfterTitledOrganisation(mentionIndex: number, endToken: number): number | null {
    const { tokens } = this;
    const { mentions, entities } = this.extraction;
    const m = mentions[mentionIndex]!;
    let j = m.tokenEnd;
    while (
      j < endToken &&
      (TITLE_HEADS.has(tokens[j]!.lower) || TITLE_MODIFIERS.has(tokens[j]!.lower) || POSSESSIVE.test(tokens[j]!.text))
    )
      j++;
    const next = this.mentionAt[j]!;
    return entities[m.entity]!.type !== 'PERSON' &&
      j > m.tokenEnd &&
      next >= 0 &&
      entities[mentions[next]!.entity]!.type === 'PERSON'
      ? j
      : null;
  }

  /** "A spokesperson for the Kremlin dismissed …" opening at token `k`. */
  private spokespersonPhraseAt(k: number, endToken: number): Reference | null {
    const { tokens } = this;
    let j = k + 1;
    while (j < Math.min(endToken, k + 4) && !SPOKESPERSON_NOUNS.has(tokens[j]!.lower)) j++;
    if (!SPOKESPERSON_NOUNS.has(tokens[j]?.lower ?? '') || !/^(for|of|at)$/.test(tokens[j + 1]?.lower ?? ''))
      return null;
    let o = j + 2;
    if (tokens[o]?.lower === 'the') o++;
    return this.mentionAt[o]! >= 0
      ? this.referenceEndingAt(this.extraction.mentions[this.mentionAt[o]!]!.tokenEnd - 1)
      : null;
  }

  /** The sentence's grammatical subject: the first reference outside quotes that no preposition governs. */
  mainSubject(sentenceIndex: number): Reference | null {
    const { tokens } = this;
    const sentence = this.analysed.sentences[sentenceIndex]!;
    for (let k = this.subjectSearchStart(sentenceIndex); k < sentence.endToken; k++) {
      const t = tokens[k]!;
      if (t.quote >= 0 || /^[“"”]$/.test(t.text)) continue;
      if (t.pos === 'VERB' && SPEECH_VERBS.has(t.lower)) break;
      const previous = tokens[k - 1];
      const governed =
        previous && k > sentence.firstToken && (PREPOSITIONS.has(previous.lower) || POSSESSIVE.test(previous.text));
      const mention = this.mentionAt[k]!;
      if (mention >= 0) {
        const m = this.extraction.mentions[mention]!;
        const possessor = tokens[m.tokenEnd] && POSSESSIVE.test(tokens[m.tokenEnd]!.text);
        const person = this.personAfterTitledOrganisation(mention, sentence.endToken);
        if (person !== null) k = person - 1;
        else if (!governed && !possessor) return this.referenceEndingAt(m.tokenEnd - 1);
        else k = m.tokenEnd - 1;
        continue;
      }
      if (/^(he|she|they)$/.test(t.lower) && !governed) return this.referenceEndingAt(k);
      const description = this.extraction.descriptions.find((d) => d.tokenStart === k);
      if (
        description &&
        !governed &&
        !(tokens[description.tokenEnd] && POSSESSIVE.test(tokens[description.tokenEnd]!.text))
      )
        return this.referenceEndingAt(description.tokenEnd - 1);
      if (/^(a|an)$/.test(t.lower) && !governed) {
        const spokesperson = this.spokespersonPhraseAt(k, sentence.endToken);
        if (spokesperson) return spokesperson;
      }
    }
    return null;
  }
}
