// What every entity pass shares: the analysed story, the candidate spans found so far, the tokens they claim, and
// the token tests (capitalised, name-like, in the headline) the passes judge spans by.
import type { EntityType } from '../../generated/prisma/enums.ts';
import type { AnalysedText, Token } from '../analyse-text.ts';
import { lookupDemonym, lookupPlace, placeKey, type PlaceEntry } from '../gazetteer/gazetteer.ts';
import {
  CAPITALISED_STOPWORDS,
  GIVEN_NAMES,
  KNOWN_ORGANIZATIONS,
  NEWS_AGENCIES,
  ORGANIZATION_HEADS,
  PLACE_HEADS,
  SPORTS_CUES,
  TITLE_HEADS,
  TITLE_MODIFIERS,
} from '../lexicon.ts';

export interface StatedRole {
  text: string;
  start: number;
  end: number;
}

export type CandidateType = EntityType | 'DEMONYM' | 'UNKNOWN';

/** A span of tokens that may name an entity, with the type and rule the passes have given it so far. */
export interface Candidate {
  tokenStart: number;
  tokenEnd: number;
  type: CandidateType;
  name: string;
  rule: string;
  confidence: number;
  place?: PlaceEntry;
  standsFor?: string;
  isNewsAgency?: boolean;
  role: StatedRole | null;
  personCue: boolean;
  /** A mention in an all-capitals line that repeats this body candidate: it joins that candidate's entity. */
  sameAs?: Candidate;
  /** A lone given name standing for a person named in full: a mention, never an alias ("David" for David McLetchie). */
  firstNameOnly?: boolean;
}

export const isCapitalised = (token: Token) => /^\p{Lu}/u.test(token.text) || /^\d+\p{Lu}/u.test(token.text);
export const isWordToken = (token: Token) => /^[\p{L}\d]/u.test(token.text);
export const isPossessive = (token: Token | undefined) => !!token && /^['’]s?$/.test(token.text);
export const isAcronym = (text: string) =>
  /^\p{Lu}[\p{Lu}\d&-]{1,6}$/u.test(text) && /\p{Lu}.*\p{Lu}|\d/u.test(text) && !/^[IVXLC]+$/.test(text);
export const stopwordKey = (token: Token) => token.lower.replace(/\.$/, '');
export const isTitleWord = (lower: string) => TITLE_HEADS.has(lower) || TITLE_MODIFIERS.has(lower);
/** A last word that makes a name an organisation, with or without an abbreviation's full stop ("Corp.", "S.A."). */
export const isOrganizationHead = (token: Token | undefined) =>
  !!token && ORGANIZATION_HEADS.has(token.lower.replace(/\.$/, ''));
/** Last words of events, competitions and trophies ("Australian Open", "Norman Brookes Challenge Cup"). */
export const EVENT_HEADS = new Set([
  'cup',
  'open',
  'championship',
  'championships',
  'games',
  'olympics',
  'summit',
  'conference',
  'festival',
  'awards',
  'prize',
  'war',
  'accord',
  'accords',
  'treaty',
  'grand',
  'prix',
  'series',
  'tournament',
  'league',
  'final',
  'finals',
  'marathon',
  'election',
  'elections',
  'forum',
  'expo',
  'week',
  'day',
  'trophy',
  'slam',
]);

/** Tokens are adjacent within one line: only spaces between them. */
export function adjacent(text: string, left: Token, right: Token): boolean {
  if (left.segment !== right.segment || left.sentence !== right.sentence) return false;
  const gap = text.slice(left.end, right.start);
  return gap.length <= 1 && !/\n/.test(gap);
}

export type KnownName = Omit<Candidate, 'tokenStart' | 'tokenEnd' | 'role' | 'personCue'>;
const knownNameCache = new Map<string, KnownName | null>();

/** What the lexicons and gazetteer know a surface form to be (cached: lookups repeat across stories). */
export function knownName(surface: string): KnownName | null {
  let known = knownNameCache.get(surface);
  if (known === undefined) {
    known = lookupKnownName(surface);
    if (knownNameCache.size > 50_000) knownNameCache.clear();
    knownNameCache.set(surface, known);
  }
  return known && { ...known };
}

function lookupKnownName(surface: string): KnownName | null {
  const key = placeKey(surface);
  const agency = NEWS_AGENCIES.get(key);
  if (agency && key !== 'pool')
    return { type: 'ORGANIZATION', name: agency, rule: 'news-agency', confidence: 0.95, isNewsAgency: true };
  const organization = KNOWN_ORGANIZATIONS.get(key);
  if (organization && (surface.length > 2 || surface === surface.toUpperCase())) {
    return {
      type: 'ORGANIZATION',
      name: organization.name,
      rule: 'known-organization',
      confidence: 0.95,
      standsFor: organization.standsFor,
    };
  }
  const place = lookupPlace(surface);
  if (place)
    return {
      type: 'PLACE',
      name: place.name,
      rule: `gazetteer-${place.kind}`,
      confidence: place.kind === 'city' ? 0.8 : 0.95,
      place,
    };
  const demonym = lookupDemonym(surface);
  if (demonym) return { type: 'DEMONYM', name: demonym, rule: 'demonym', confidence: 0.9 };
  return null;
}

export interface EntityContext {
  analysed: AnalysedText;
  tokens: Token[];
  text: string;
  /** Per token: the candidate claiming it, or -1 (only "claimed or not" is read once the spans are found). */
  claimed: Int32Array;
  candidates: Candidate[];
  /** In a headline written in headline style (no final full stop), where capitals prove nothing. */
  inHeadline(i: number): boolean;
  /** In a line In Title Case (headline, subheading). */
  titleCaseSegment(i: number): boolean;
  /** In an all-capitals line (headline, dateline, results heading), where capitals prove nothing. */
  shouted(i: number): boolean;
  /** A match report: several words of sport, so a city named like a club is the club. */
  isSportsStory(): boolean;
  /** The surface text of tokens [start, end). */
  surface(start: number, end: number): string;
}

export function createContext(analysed: AnalysedText, headlineSegment: number | null): EntityContext {
  const { tokens, text } = analysed;
  // A headline in headline style (no final full stop) capitalises freely; one written as a sentence is body text.
  const headline = headlineSegment === null ? null : analysed.segments[headlineSegment]!;
  const headlineIsSentence = headline !== null && /[.!?]["”]?\s*$/.test(text.slice(headline.start, headline.end));
  const titleCaseSegments = findTitleCaseSegments(analysed, headlineSegment);
  const shoutedSegments = findShoutedSegments(analysed);
  let sportsStory: boolean | undefined;
  return {
    analysed,
    tokens,
    text,
    claimed: new Int32Array(tokens.length).fill(-1),
    candidates: [],
    inHeadline: (i) => headlineSegment !== null && !headlineIsSentence && tokens[i]!.segment === headlineSegment,
    titleCaseSegment: (i) => titleCaseSegments.has(tokens[i]!.segment) || shoutedSegments.has(tokens[i]!.segment),
    shouted: (i) => shoutedSegments.has(tokens[i]!.segment),
    isSportsStory: () =>
      (sportsStory ??=
        new Set((text.match(SPORTS_CUES) ?? []).map((w) => (/\d/.test(w) ? 'score' : w.toLowerCase()))).size >= 3),
    surface: (start, end) => text.slice(tokens[start]!.start, tokens[end - 1]!.end),
  };
}

/**
 * Lines In Title Case (headlines, subheadings) capitalise every word, so capitals there prove nothing. A final full
 * stop makes a body line a sentence, but not the headline: feeds often end a Title Case headline with one.
 */
function findTitleCaseSegments(analysed: AnalysedText, headlineSegment: number | null): Set<number> {
  const { text } = analysed;
  const titleCaseSegments = new Set<number>();
  analysed.segments.forEach((segment, index) => {
    const words = text
      .slice(segment.start, segment.end)
      .split(/\s+/)
      .filter((w) => /^\p{L}/u.test(w) && w.length > 3);
    const line = text.slice(segment.start, segment.end);
    if (/[.!?"”]\s*$/.test(line) && index !== headlineSegment) return;
    // Results and lists ("65 Billy Andrade , Duffy Waldorf ( Sweden )") capitalise names, not every word.
    if (/^\d/.test(line) || line.includes('(') || (line.match(/,/g) ?? []).length >= 2) return;
    if (words.length >= 3 && words.filter((w) => /^\p{Lu}/u.test(w)).length / words.length >= 0.75)
      titleCaseSegments.add(index);
  });
  return titleCaseSegments;
}

/** Lines written in capitals ("SOCCER - LEEDS BEAT CHELSEA", "LONDON 1996-08-30"): no letter case to read names by. */
function findShoutedSegments(analysed: AnalysedText): Set<number> {
  const shouted = new Set<number>();
  analysed.segments.forEach((segment, index) => {
    const letters = analysed.text.slice(segment.start, segment.end).replace(/[^\p{L}]/gu, '');
    if (letters.length >= 6 && letters.replace(/[^\p{Lu}]/gu, '').length / letters.length >= 0.9) shouted.add(index);
  });
  return shouted;
}

/** Records a candidate and claims its tokens. */
export function claim(context: EntityContext, candidate: Candidate): void {
  context.candidates.push(candidate);
  for (let x = candidate.tokenStart; x < candidate.tokenEnd; x++) context.claimed[x] = context.candidates.length - 1;
}

/** A capitalised word that can be part of a name (not a stopword, not a common word capitalised by position). */
export function nameLike(context: EntityContext, i: number): boolean {
  const { tokens, text } = context;
  const token = tokens[i]!;
  if (!isCapitalised(token) || !isWordToken(token)) return false;
  if (token.text === 'I' || /^I['’]/.test(token.text)) return false;
  // "York-based", "Communist-led", "Ex-Yankee": a modifier made from a name is not part of the next name.
  if (
    /-(?:based|led|born|owned|backed|controlled|run|funded|listed|bound|made|style)$/i.test(token.text) ||
    /^(?:ex|pro|anti|non)-/i.test(token.text)
  )
    return false;
  if (
    CAPITALISED_STOPWORDS.has(stopwordKey(token)) &&
    !(i > 0 && GIVEN_NAMES.has(tokens[i - 1]!.lower) && adjacent(text, tokens[i - 1]!, token))
  )
    return false;
  if (
    token.sentenceInitial &&
    token.pos !== 'PROPN' &&
    !isTitleWord(token.lower) &&
    !knownName(token.text) &&
    !isAcronym(token.text)
  ) {
    // Sentence-initial common words ("Separately", "Markets", "Asked") are capitalised by position only.
    if (
      !GIVEN_NAMES.has(token.lower) &&
      ['ADV', 'VERB', 'AUX', 'DET', 'ADP', 'PRON', 'SCONJ', 'CCONJ', 'NUM', 'ADJ', 'NOUN', 'PART', 'INTJ'].includes(
        token.pos,
      )
    )
      return false;
  }
  return true;
}

/** Capitalised words from token `from` that end with an organisation head ("… Cooperation Treaty Organization"). */
export function endsInOrganizationHead(context: EntityContext, from: number): boolean {
  const { tokens, text } = context;
  for (let x = from; x < Math.min(tokens.length, from + 4); x++) {
    const t = tokens[x]!;
    if (isPossessive(t) && x > from && adjacent(text, tokens[x - 1]!, t)) continue; // "Taiwan People's Party"
    if (!isCapitalised(t) || !adjacent(text, tokens[x - 1]!, t)) return false;
    if (isOrganizationHead(t) || PLACE_HEADS.has(t.lower)) return !knownName(text.slice(tokens[from]!.start, t.end));
  }
  return false;
}
