// People, organisations and places in an analysed story: known names first (gazetteer, agencies, institutions),
// then runs of capitalised words split at title words, typed by cues (titles, given names, speech verbs, head nouns),
// merged across surface forms (full name, surname, title + name), with roles as stated and capital-city metonymy.
import type { EntityType } from '../generated/prisma/enums.ts';
import type { AnalysedText, Token } from './analyse-text.ts';
import { lookupDemonym, lookupPlace, lookupTown, placeKey, type PlaceEntry } from './gazetteer/gazetteer.ts';
import {
  CAPITALISED_STOPWORDS, CLUB_SUFFIXES, DOCUMENT_NOUNS, FEMALE_GIVEN_NAMES, UNGENDERED_GIVEN_NAMES, PLACE_PREFIXES, SPORTS_CUES, GENDERED_WORDS, ORGANIZATION_ANAPHORS, GIVEN_NAMES, KNOWN_ORGANIZATIONS, LOCATIVE_WORDS, MINISTRY_PORTFOLIOS,
  NAME_PARTICLES, NEWS_AGENCIES, ORGANIZATION_HEADS, PLACE_HEADS, SPEECH_VERBS, TITLE_HEADS, TITLE_MODIFIERS,
} from './lexicon.ts';

export interface StatedRole {
  text: string;
  start: number;
  end: number;
}

export interface EntityMention {
  entity: number;
  /** Token range [tokenStart, tokenEnd). */
  tokenStart: number;
  tokenEnd: number;
  start: number;
  end: number;
  surface: string;
  role: StatedRole | null;
  isMetonymy: boolean;
  confidence: number;
  rule: string;
}

export interface ExtractedEntity {
  type: EntityType;
  name: string;
  aliases: Set<string>;
  role: string | null;
  /** Country a capital or seat of power stands for when used for a government. */
  standsFor: string | null;
  gender: 'm' | 'f' | null;
  isNewsAgency: boolean;
  /** Country tied to the entity by its role or a possessive ("Brazil's Environment Minister"). */
  country: string | null;
  confidence: number;
}

export interface EntityExtraction {
  entities: ExtractedEntity[];
  mentions: EntityMention[];
  /** Title-only noun phrases ("the Prime Minister", "the Finnish leader") for later coreference, by token index. */
  descriptions: { tokenStart: number; tokenEnd: number; head: string; demonymCountry: string | null }[];
}

type CandidateType = EntityType | 'DEMONYM' | 'UNKNOWN';

interface Candidate {
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
}

const isCapitalised = (token: Token) => /^\p{Lu}/u.test(token.text) || /^\d+\p{Lu}/u.test(token.text);
const isWordToken = (token: Token) => /^[\p{L}\d]/u.test(token.text);
const isPossessive = (token: Token | undefined) => !!token && /^['’]s?$/.test(token.text);
const isAcronym = (text: string) => /^\p{Lu}[\p{Lu}\d&-]{1,6}$/u.test(text) && /\p{Lu}.*\p{Lu}|\d/u.test(text) && !/^[IVXLC]+$/.test(text);
const stopwordKey = (token: Token) => token.lower.replace(/\.$/, '');
/** Last words of events, competitions and trophies ("Australian Open", "Norman Brookes Challenge Cup"). */
const EVENT_HEADS = new Set(['cup', 'open', 'championship', 'championships', 'games', 'olympics', 'summit', 'conference', 'festival', 'awards', 'prize', 'war', 'accord', 'accords', 'treaty', 'grand', 'prix', 'series', 'tournament', 'league', 'final', 'finals', 'marathon', 'election', 'elections', 'forum', 'expo', 'week', 'day', 'trophy', 'slam']);
const isTitleWord = (lower: string) => TITLE_HEADS.has(lower) || TITLE_MODIFIERS.has(lower);

/** Tokens are adjacent within one line: only spaces between them. */
function adjacent(text: string, left: Token, right: Token): boolean {
  if (left.segment !== right.segment || left.sentence !== right.sentence) return false;
  const gap = text.slice(left.end, right.start);
  return gap.length <= 1 && !/\n/.test(gap);
}

type KnownName = Omit<Candidate, 'tokenStart' | 'tokenEnd' | 'role' | 'personCue'>;
const knownNameCache = new Map<string, KnownName | null>();

/** What the lexicons and gazetteer know a surface form to be (cached: lookups repeat across stories). */
function knownName(surface: string): KnownName | null {
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
  if (agency && key !== 'pool') return { type: 'ORGANIZATION', name: agency, rule: 'news-agency', confidence: 0.95, isNewsAgency: true };
  const organization = KNOWN_ORGANIZATIONS.get(key);
  if (organization && (surface.length > 2 || surface === surface.toUpperCase())) {
    return { type: 'ORGANIZATION', name: organization.name, rule: 'known-organization', confidence: 0.95, standsFor: organization.standsFor };
  }
  const place = lookupPlace(surface);
  if (place) return { type: 'PLACE', name: place.name, rule: `gazetteer-${place.kind}`, confidence: place.kind === 'city' ? 0.8 : 0.95, place };
  const demonym = lookupDemonym(surface);
  if (demonym) return { type: 'DEMONYM', name: demonym, rule: 'demonym', confidence: 0.9 };
  return null;
}

export function extractEntities(analysed: AnalysedText, headlineSegment: number | null): EntityExtraction {
  const { tokens, text } = analysed;
  const claimed = new Int32Array(tokens.length).fill(-1);
  const candidates: Candidate[] = [];
  // A headline in headline style (no final full stop) capitalises freely; one written as a sentence is body text.
  const headlineIsSentence = headlineSegment !== null && /[.!?]["”]?\s*$/.test(text.slice(analysed.segments[headlineSegment]!.start, analysed.segments[headlineSegment]!.end));
  const inHeadline = (i: number) => headlineSegment !== null && !headlineIsSentence && tokens[i]!.segment === headlineSegment;
  // Lines In Title Case (headlines, subheadings) capitalise every word, so capitals there prove nothing.
  const titleCaseSegments = new Set<number>();
  analysed.segments.forEach((segment, index) => {
    const words = text.slice(segment.start, segment.end).split(/\s+/).filter((w) => /^\p{L}/u.test(w) && w.length > 3);
    if (/[.!?"”]\s*$/.test(text.slice(segment.start, segment.end))) return;
    if (words.length >= 3 && words.filter((w) => /^\p{Lu}/u.test(w)).length / words.length >= 0.75) titleCaseSegments.add(index);
  });
  const titleCaseSegment = (i: number) => titleCaseSegments.has(tokens[i]!.segment);

  const nameLike = (i: number): boolean => {
    const token = tokens[i]!;
    if (!isCapitalised(token) || !isWordToken(token)) return false;
    if (token.text === 'I' || /^I['’]/.test(token.text)) return false;
    if (CAPITALISED_STOPWORDS.has(stopwordKey(token)) && !(i > 0 && GIVEN_NAMES.has(tokens[i - 1]!.lower) && adjacent(text, tokens[i - 1]!, token))) return false;
    if (token.sentenceInitial && token.pos !== 'PROPN' && !isTitleWord(token.lower) && !knownName(token.text) && !isAcronym(token.text)) {
      // Sentence-initial common words ("Separately", "Markets", "Asked") are capitalised by position only.
      if (!GIVEN_NAMES.has(token.lower) && (['ADV', 'VERB', 'AUX', 'DET', 'ADP', 'PRON', 'SCONJ', 'CCONJ', 'NUM', 'ADJ', 'NOUN', 'PART', 'INTJ'].includes(token.pos))) return false;
    }
    return true;
  };

  // 0. "Bank of Portugal", "Ministry of Defence", "University of Oxford": an organisation head with its "of" complement.
  for (let i = 1; i < tokens.length - 1; i++) {
    const head = tokens[i - 1]!;
    if (tokens[i]!.lower !== 'of' || !ORGANIZATION_HEADS.has(head.lower) || !isCapitalised(head) || !adjacent(text, head, tokens[i]!)) continue;
    let end = i + 1;
    if (tokens[end]?.lower === 'the') end++;
    const complementStart = end;
    while (end < tokens.length && isCapitalised(tokens[end]!) && adjacent(text, tokens[end - 1]!, tokens[end]!) && !TITLE_HEADS.has(tokens[end]!.lower) && !GIVEN_NAMES.has(tokens[end]!.lower) && end - complementStart < 4) end++;
    if (end === complementStart) continue;
    let start = i - 1;
    while (start > 0 && isCapitalised(tokens[start - 1]!) && adjacent(text, tokens[start - 1]!, tokens[start]!) && !isTitleWord(tokens[start - 1]!.lower) && !CAPITALISED_STOPWORDS.has(stopwordKey(tokens[start - 1]!)) && !tokens[start - 1]!.sentenceInitial && i - start < 4) start--;
    const surface = text.slice(tokens[start]!.start, tokens[end - 1]!.end);
    if (knownName(surface)) continue;
    candidates.push({ tokenStart: start, tokenEnd: end, type: 'ORGANIZATION', name: surface, rule: 'organization-of', confidence: 0.85, role: null, personCue: false });
    for (let x = start; x < end; x++) claimed[x] = candidates.length - 1;
    i = end - 1;
  }

  // 1. Known names: longest match of up to five adjacent capitalised tokens.
  for (let i = 0; i < tokens.length; i++) {
    if (!isCapitalised(tokens[i]!) || claimed[i]! >= 0) continue;
    for (let k = Math.min(tokens.length, i + 5); k > i; k--) {
      let ok = true;
      for (let x = i + 1; x < k; x++) {
        const t = tokens[x]!;
        if (!adjacent(text, tokens[x - 1]!, t) || !(isCapitalised(t) || t.lower === 'of' || t.lower === '&' || t.text === '-')) ok = false;
      }
      if (!ok || (k - i > 1 && !isCapitalised(tokens[k - 1]!))) continue;
      const surface = text.slice(tokens[i]!.start, tokens[k - 1]!.end);
      const known = knownName(surface);
      if (!known) continue;
      const single = k - i === 1;
      const token = tokens[i]!;
      if (single && token.sentenceInitial && token.pos !== 'PROPN' && token.text !== token.text.toUpperCase() && known.type !== 'DEMONYM' && known.place?.kind === 'city') break;
      if (known.type === 'PLACE' && single) {
        // "Virginia Mayo", "Jordan Henderson": a place-named given name glued to a surname is part of a person's name.
        const next = tokens[k];
        const previous = tokens[i - 1];
        const gluedRight = next && adjacent(text, token, next) && isCapitalised(next) && !knownName(next.text) && !isTitleWord(next.lower) && !CAPITALISED_STOPWORDS.has(next.lower) && !ORGANIZATION_HEADS.has(next.lower) && !PLACE_HEADS.has(next.lower);
        // A capital glued to an unknown proper noun is a surname too ("Lewis Hamilton"; Hamilton is Bermuda's capital).
        const gluableKind = known.place?.kind === 'city' || (known.place?.kind === 'capital' && previous?.pos === 'PROPN' && !PLACE_PREFIXES.has(previous.lower));
        const gluedLeft = previous && adjacent(text, previous, token) && (GIVEN_NAMES.has(previous.lower) || (gluableKind && isCapitalised(previous) && !previous.sentenceInitial && !isTitleWord(previous.lower) && !CAPITALISED_STOPWORDS.has(stopwordKey(previous)) && !knownName(previous.text)));
        if ((gluedRight && (GIVEN_NAMES.has(token.lower) || known.place?.kind === 'city')) || gluedLeft) break;
        if (endsInOrganizationHead(k)) break; // "Liverpool Football Club", "Amazon Cooperation Treaty Organization"
      }
      if (single && known.type === 'ORGANIZATION' && !known.isNewsAgency && i > 0 && adjacent(text, tokens[i - 1]!, token) && isCapitalised(tokens[i - 1]!) && !tokens[i - 1]!.sentenceInitial && !CAPITALISED_STOPWORDS.has(stopwordKey(tokens[i - 1]!)) && !isTitleWord(tokens[i - 1]!.lower)) break;
      if (single && known.type === 'ORGANIZATION' && !known.isNewsAgency) {
        // "Siemens Energy", "Samsung Electronics": a known company's name opening a longer name is that longer company.
        let end = k;
        while (end < Math.min(tokens.length, k + 3) && adjacent(text, tokens[end - 1]!, tokens[end]!) && isCapitalised(tokens[end]!) && isWordToken(tokens[end]!)
          && !TITLE_HEADS.has(tokens[end]!.lower) && !(TITLE_MODIFIERS.has(tokens[end]!.lower) && isTitleWord(tokens[end + 1]?.lower ?? ''))
          && !CAPITALISED_STOPWORDS.has(stopwordKey(tokens[end]!)) && !knownName(tokens[end]!.text) && !GIVEN_NAMES.has(tokens[end]!.lower)) end++;
        if (end > k) {
          candidates.push({ tokenStart: i, tokenEnd: end, type: 'ORGANIZATION', name: text.slice(token.start, tokens[end - 1]!.end), rule: 'known-organization-extended', confidence: 0.85, role: null, personCue: false });
          for (let x = i; x < end; x++) claimed[x] = candidates.length - 1;
          i = end - 1;
          break;
        }
      }
      if (known.type === 'PLACE' && (known.place?.kind === 'city' || known.place?.kind === 'capital') && tokens[k]?.text === 'City' && adjacent(text, tokens[k - 1]!, tokens[k]!) && !isSportsStory()) {
        // "New Taipei City", "Quezon City": the city's own name (in a match report "Manchester City" is the club).
        const previous = tokens[i - 1];
        const from = previous && claimed[i - 1]! < 0 && isCapitalised(previous) && PLACE_PREFIXES.has(previous.lower) && adjacent(text, previous, token) ? i - 1 : i;
        const surfaceWithCity = text.slice(tokens[from]!.start, tokens[k]!.end);
        candidates.push({ tokenStart: from, tokenEnd: k + 1, ...known, name: surfaceWithCity, rule: 'city-name', role: null, personCue: false });
        for (let x = from; x <= k; x++) claimed[x] = candidates.length - 1;
        i = k;
        break;
      }
      if (known.type === 'DEMONYM' && tokens[k] && adjacent(text, tokens[k - 1]!, tokens[k]!) && isCapitalised(tokens[k]!) && EVENT_HEADS.has(tokens[k]!.lower)) break;
      candidates.push({ tokenStart: i, tokenEnd: k, ...known, role: null, personCue: false });
      for (let x = i; x < k; x++) claimed[x] = candidates.length - 1;
      i = k - 1;
      break;
    }
  }

  /** Capitalised words from token `from` that end with an organisation head ("… Cooperation Treaty Organization"). */
  function endsInOrganizationHead(from: number): boolean {
    for (let x = from; x < Math.min(tokens.length, from + 4); x++) {
      const t = tokens[x]!;
      if (isPossessive(t) && x > from && adjacent(text, tokens[x - 1]!, t)) continue; // "Taiwan People's Party"
      if (!isCapitalised(t) || !adjacent(text, tokens[x - 1]!, t)) return false;
      if (ORGANIZATION_HEADS.has(t.lower) || PLACE_HEADS.has(t.lower)) return !knownName(text.slice(tokens[from]!.start, t.end));
    }
    return false;
  }

  // 2. Lower-case ministries: "the Chinese foreign ministry", "Iran's Foreign Ministry".
  const ministry = new RegExp(`\\b(\\p{Lu}[\\p{L}]+(?:['’]s)?)\\s+(${MINISTRY_PORTFOLIOS.join('|')})\\s+(ministry|office)\\b`, 'giu');
  for (const match of text.matchAll(ministry)) {
    const owner = match[1]!.replace(/['’]s$/, '');
    const country = lookupDemonym(owner) ?? lookupPlace(owner)?.name;
    if (!country) continue;
    const first = analysed.tokenAt(match.index!);
    let last = first;
    while (last < tokens.length && tokens[last]!.end <= match.index! + match[0].length) last++;
    for (let x = first; x < last; x++) if (claimed[x]! >= 0) candidates[claimed[x]!]!.type = 'UNKNOWN'; // superseded
    candidates.push({ tokenStart: first, tokenEnd: last, type: 'ORGANIZATION', name: match[0], rule: 'ministry-pattern', confidence: 0.9, standsFor: country, role: null, personCue: false });
    for (let x = first; x < last; x++) claimed[x] = candidates.length - 1;
  }

  // 3. Runs of capitalised tokens not yet claimed, split at title words.
  for (let i = 0; i < tokens.length; i++) {
    if (claimed[i]! >= 0 || !nameLike(i)) continue;
    let j = i + 1;
    while (j < tokens.length && claimed[j]! < 0) {
      const t = tokens[j]!;
      if (!adjacent(text, tokens[j - 1]!, t)) break;
      if (nameLike(j)) { j++; continue; }
      const next = tokens[j + 1];
      const joinsName = next && claimed[j + 1]! < 0 && adjacent(text, t, next) && isCapitalised(next) && nameLike(j + 1);
      if (joinsName && NAME_PARTICLES.has(t.lower) && t.text === t.lower) { j++; continue; }
      if (joinsName && t.text === '&') { j++; continue; }
      if (joinsName && isPossessive(t) && endsInOrganizationHead(j + 1)) { j++; continue; }
      const previousLower = tokens[j - 1]!.lower;
      if (joinsName && (t.lower === 'of' || t.lower === 'for') && (ORGANIZATION_HEADS.has(previousLower) || TITLE_HEADS.has(previousLower) || PLACE_HEADS.has(previousLower))) { j++; continue; }
      break;
    }
    splitRun(i, j);
    i = j - 1;
  }

  function splitRun(runStart: number, runEnd: number): void {
    // The last title head with a name after it ends the role part ("Chinese President | Xi Jinping").
    let nameStart = runStart;
    const organizationName = ORGANIZATION_HEADS.has(tokens[runEnd - 1]!.lower) && runEnd - runStart >= 2;
    for (let x = runEnd - 1; x >= runStart && !organizationName; x--) {
      if (TITLE_HEADS.has(tokens[x]!.lower) && x + 1 < runEnd) {
        const modifierOnly = TITLE_MODIFIERS.has(tokens[x]!.lower) && !tokens.slice(runStart, x).some((t) => TITLE_HEADS.has(t.lower)) && x === runStart && !TITLE_HEADS.has(tokens[x]!.lower);
        if (modifierOnly) continue;
        nameStart = x + 1;
        // "President of Belarus Alexander Lukashenko": the complement after "of" belongs to the title.
        if (['of', 'for'].includes(tokens[nameStart]?.lower ?? '')) {
          let k = nameStart + 1;
          while (k < runEnd && !GIVEN_NAMES.has(tokens[k]!.lower) && k < runEnd - 2) k++;
          if (k < runEnd && knownName(tokens[nameStart + 1]!.text) && k === nameStart + 2) nameStart = k;
          else if (k < runEnd && GIVEN_NAMES.has(tokens[k]!.lower)) nameStart = k;
          else nameStart = runEnd; // no name after the complement: the run is a title ("Minister for Finance")
        }
        break;
      }
    }
    if (nameStart >= runEnd) {
      return;
    }
    // A given name inside the rest starts the name; what precedes it is part of the role ("Government Business").
    for (let x = nameStart + 1; x < runEnd - 1; x++) {
      if (GIVEN_NAMES.has(tokens[x]!.lower) && !GIVEN_NAMES.has(tokens[nameStart]!.lower) && !ORGANIZATION_HEADS.has(tokens[runEnd - 1]!.lower)) { nameStart = x; break; }
    }
    // Strip leading title modifiers with no head ("Activist" in "Activist Nelson Peltz" is not a name).
    while (nameStart < runEnd - 1 && TITLE_MODIFIERS.has(tokens[nameStart]!.lower) && tokens[nameStart]!.sentenceInitial) nameStart++;
    const parts = tokens.slice(nameStart, runEnd);
    if (!organizationName && parts.every((t) => isTitleWord(t.lower))) return;
    if (parts.length === 1 && (parts[0]!.pos === 'VERB' || SPEECH_VERBS.has(parts[0]!.lower))) return;
    addCandidate(nameStart, runEnd);
  }

  function addCandidate(start: number, end: number): void {
    const surface = text.slice(tokens[start]!.start, tokens[end - 1]!.end);
    const last = tokens[end - 1]!.lower;
    const first = tokens[start]!.lower;
    const previous = tokens[start - 1];
    const town = lookupTown(surface);
    let candidate: Omit<Candidate, 'tokenStart' | 'tokenEnd' | 'role' | 'personCue'>;
    if (town && previous && LOCATIVE_WORDS.has(previous.lower)) candidate = { type: 'PLACE', name: town.name, rule: 'town-after-locative', confidence: 0.75, place: town };
    else if (end - start > 1 && ORGANIZATION_HEADS.has(last)) candidate = { type: 'ORGANIZATION', name: surface, rule: 'organization-head', confidence: 0.85 };
    else if (end - start === 2 && CLUB_SUFFIXES.has(last) && lookupPlace(tokens[start]!.text) && (last !== 'city' || isSportsStory())) candidate = { type: 'ORGANIZATION', name: surface, rule: 'club-name', confidence: 0.8 };
    else if (end - start > 2 && ORGANIZATION_HEADS.has(first) && tokens.slice(start, end).some((t) => t.lower === 'of')) candidate = { type: 'ORGANIZATION', name: surface, rule: 'organization-of', confidence: 0.85 };
    else if (end - start > 1 && PLACE_HEADS.has(last)) candidate = { type: 'PLACE', name: surface, rule: 'place-head', confidence: 0.8 };
    else if (EVENT_HEADS.has(last) && (end - start > 1 || (previous && lookupDemonym(previous.text)))) candidate = { type: 'EVENT', name: surface, rule: 'event-head', confidence: 0.6 };
    else if (previous && /^(in|near|outside|inside|across|throughout)$/.test(previous.lower) && tokens[start]!.pos === 'PROPN' && !GIVEN_NAMES.has(first) && !ORGANIZATION_HEADS.has(last)) candidate = { type: 'PLACE', name: surface, rule: 'unknown-after-locative', confidence: 0.5 };
    else if (end - start === 1 && /^\p{Lu}{2,}s$/u.test(surface)) return; // plural abbreviation ("MPs")
    else if (end - start === 1 && isAcronym(surface) && ((previous && /^\d/.test(previous.text) && adjacent(text, previous, tokens[start]!)) || (tokens[end] && /^\d/.test(tokens[end]!.text) && adjacent(text, tokens[start]!, tokens[end]!)))) return; // a model: "737 MAX", "MAX 9"
    else if (end - start === 1 && isAcronym(surface)) candidate = { type: 'ORGANIZATION', name: surface, rule: 'acronym', confidence: 0.7 };
    else candidate = { type: 'UNKNOWN', name: surface, rule: 'capitalised-run', confidence: 0.5 };
    candidates.push({ tokenStart: start, tokenEnd: end, ...candidate, role: null, personCue: false });
    for (let x = start; x < end; x++) claimed[x] = candidates.length - 1;
  }

  function isSportsStory(): boolean {
    return new Set((text.match(SPORTS_CUES) ?? []).map((w) => (/\d/.test(w) ? 'score' : w.toLowerCase()))).size >= 3;
  }

  const live = candidates.filter((c) => c.type !== 'UNKNOWN' || c.rule === 'capitalised-run');

  // 4. Roles and person cues.
  for (const candidate of live) {
    if (candidate.type !== 'UNKNOWN' && candidate.type !== 'PERSON') continue;
    candidate.role = leftRole(candidate.tokenStart) ?? rightRole(candidate.tokenEnd);
    const previous = tokens[candidate.tokenStart - 1];
    const next = tokens[candidate.tokenEnd];
    const afterNext = tokens[candidate.tokenEnd + 1];
    const speechAfter = !!next && (SPEECH_VERBS.has(next.lower) || (['also', 'later', 'then', 'has', 'had', 'previously'].includes(next.lower) && !!afterNext && SPEECH_VERBS.has(afterNext.lower)));
    const speechBefore = !!previous && (SPEECH_VERBS.has(previous.lower) && previous.lower !== 'told') && candidate.tokenStart > 0;
    const accordingTo = previous?.lower === 'to' && tokens[candidate.tokenStart - 2]?.lower === 'according';
    const appositive = /^,\s*(?:\d{1,3},|who\b|aged\s+\d)/.test(text.slice(tokens[candidate.tokenEnd - 1]!.end, tokens[candidate.tokenEnd - 1]!.end + 12));
    const given = GIVEN_NAMES.has(tokens[candidate.tokenStart]!.lower) && candidate.tokenEnd - candidate.tokenStart >= 2;
    const honorific = !!previous && /^(mr|mrs|ms|dr|sir|dame|lord|lady|prof)\.?$/.test(previous.lower);
    candidate.personCue = !!candidate.role || given || honorific || appositive;
    const multiWord = candidate.tokenEnd - candidate.tokenStart >= 2;
    if (inHeadline(candidate.tokenStart) || titleCaseSegment(candidate.tokenStart)) continue;
    if (candidate.type === 'UNKNOWN' && (candidate.personCue || (multiWord && (speechAfter || speechBefore || accordingTo)))) {
      candidate.type = 'PERSON';
      candidate.rule = candidate.role ? 'title-or-appositive' : given ? 'given-name' : honorific ? 'honorific' : appositive ? 'appositive' : 'speech-cue';
      candidate.confidence = candidate.role || given || honorific ? 0.9 : 0.75;
    }
  }

  // An unknown name inside a person's title chain is an organisation ("Red Bull team boss Christian Horner").
  for (const person of live) {
    if (person.type !== 'PERSON' || !person.role) continue;
    const roleStart = analysed.tokenAt(person.role.start);
    for (let x = roleStart; x < person.tokenStart; x++) {
      const owner = claimed[x]! >= 0 ? live.find((c) => c.tokenStart <= x && c.tokenEnd > x) : undefined;
      if (owner && owner !== person && owner.type === 'UNKNOWN' && owner.tokenEnd < person.tokenStart && !titleCaseSegment(owner.tokenStart) && !inHeadline(owner.tokenStart)) {
        const next = tokens[owner.tokenEnd];
        if (next && TITLE_HEADS.has(next.lower) || (next && TITLE_MODIFIERS.has(next.lower))) {
          owner.type = 'ORGANIZATION'; owner.rule = 'organization-in-title'; owner.confidence = 0.7;
        }
      }
    }
  }

  // 5. Single tokens and short forms that repeat part of a known person's name are that person (run again once the
  //    fallback below has typed multi-word names, so "Hou" follows "Hou Yu-ih").
  function adoptShortFormsOfPeople(): void {
    const personTokens = new Set<string>();
    for (const c of live) if (c.type === 'PERSON') for (let x = c.tokenStart; x < c.tokenEnd; x++) if (!NAME_PARTICLES.has(tokens[x]!.lower)) personTokens.add(tokens[x]!.text);
    for (const c of live) {
      if (c.type !== 'UNKNOWN') continue;
      const words = tokens.slice(c.tokenStart, c.tokenEnd).filter((t) => !NAME_PARTICLES.has(t.lower));
      if (words.every((t) => personTokens.has(t.text))) {
        c.type = 'PERSON';
        c.rule = 'short-form-of-person';
        c.confidence = 0.85;
      }
    }
    // Person-name parts the run builder skipped (a sentence-initial surname tagged as a common noun).
    for (let i = 0; i < tokens.length; i++) {
      if (claimed[i]! >= 0 || !personTokens.has(tokens[i]!.text) || isTitleWord(tokens[i]!.lower) || CAPITALISED_STOPWORDS.has(tokens[i]!.lower)) continue;
      live.push({ tokenStart: i, tokenEnd: i + 1, type: 'PERSON', name: tokens[i]!.text, rule: 'short-form-of-person', confidence: 0.8, role: null, personCue: false });
      claimed[i] = live.length - 1;
    }
  }
  adoptShortFormsOfPeople();
  const strongTypeBySurface = new Map<string, CandidateType>();
  for (const c of live) {
    if ((c.type === 'PLACE' || c.type === 'ORGANIZATION' || c.type === 'PERSON') && c.confidence >= 0.7) strongTypeBySurface.set(text.slice(tokens[c.tokenStart]!.start, tokens[c.tokenEnd - 1]!.end), c.type);
  }
  for (const c of live) {
    const strong = strongTypeBySurface.get(text.slice(tokens[c.tokenStart]!.start, tokens[c.tokenEnd - 1]!.end));
    if (strong && (c.type === 'UNKNOWN' || c.confidence < 0.7) && strong !== c.type) {
      const source = live.find((o) => o.type === strong && o.confidence >= 0.7 && text.slice(tokens[o.tokenStart]!.start, tokens[o.tokenEnd - 1]!.end) === text.slice(tokens[c.tokenStart]!.start, tokens[c.tokenEnd - 1]!.end))!;
      c.type = strong; c.name = source.name; c.place = source.place; c.rule = 'same-name-elsewhere'; c.confidence = 0.7;
    }
  }
  // Remaining unknowns: multi-word proper-noun runs are most often people; single proper nouns most often organisations
  // (after the people found here have claimed their short forms).
  const fallbackApplies = (c: Candidate) => c.type === 'UNKNOWN' && !inHeadline(c.tokenStart) && !titleCaseSegment(c.tokenStart); // headlines are judged against the body below
  for (const c of live) {
    if (!fallbackApplies(c)) continue;
    const words = tokens.slice(c.tokenStart, c.tokenEnd);
    if (words.length >= 2 && words.length <= 4 && words.every((t) => t.pos === 'PROPN' || NAME_PARTICLES.has(t.lower))) {
      c.type = 'PERSON';
      c.rule = 'proper-noun-pair';
      c.confidence = 0.55;
    }
  }
  adoptShortFormsOfPeople();
  for (const c of live) {
    if (!fallbackApplies(c)) continue;
    const words = tokens.slice(c.tokenStart, c.tokenEnd);
    if (words.length === 1 && words[0]!.pos === 'PROPN' && !words[0]!.sentenceInitial && words[0]!.text.length > 2) {
      c.type = 'ORGANIZATION';
      c.rule = 'lone-proper-noun';
      c.confidence = 0.45;
    }
  }

  // Places that are organisations by their context: "shares in Boeing", "Amazon, Microsoft and Google", and in a match
  // report a city named like a club ("beat Liverpool 3-2", "Liverpool head coach"), unless it is a location ("in Liverpool").
  const sportsStory = isSportsStory();
  const isKnownOrganization = (c: Candidate | undefined) => !!c && c.type === 'ORGANIZATION' && /^known-organization|news-agency/.test(c.rule);
  const candidateEndingAt = (x: number) => live.find((o) => o.tokenEnd - 1 === x);
  const candidateStartingAt = (x: number) => live.find((o) => o.tokenStart === x);
  for (const c of live) {
    if (c.type !== 'PLACE' || c.tokenEnd - c.tokenStart !== 1 || !c.place || c.place.kind === 'country') continue;
    const previous = tokens[c.tokenStart - 1];
    const beforePrevious = tokens[c.tokenStart - 2];
    const next = tokens[c.tokenEnd];
    const financial = previous && /^(in|of)$/.test(previous.lower) && beforePrevious && /^(shares|stake|stock|stakes|investors)$/.test(beforePrevious.lower);
    const following = candidateStartingAt(c.tokenEnd + 1);
    const listed = c.place.kind !== 'capital' && (
      (previous && /^(,|and|or)$/.test(previous.text) && isKnownOrganization(candidateEndingAt(c.tokenStart - 2)))
      || (next && /^(and|or)$/.test(next.text) && isKnownOrganization(following))
      || (next?.text === ',' && isKnownOrganization(following) && /^(,|and|or)$/.test(tokens[following!.tokenEnd]?.text ?? '')));
    const located = (previous && (LOCATIVE_WORDS.has(previous.lower) || previous.lower === 'city')) || (next?.text === ',' && lookupPlace(tokens[c.tokenEnd + 1]?.text ?? ''));
    const club = sportsStory && !located && c.place.kind !== 'region' && !(next && /^(grand|open)$/i.test(next.text));
    if (financial || listed || club) {
      c.type = 'ORGANIZATION'; c.name = text.slice(tokens[c.tokenStart]!.start, tokens[c.tokenEnd - 1]!.end); c.place = undefined;
      c.rule = financial ? 'shares-in-organization' : listed ? 'listed-with-organizations' : 'club-in-match-report'; c.confidence = 0.7;
    }
  }

  // 6. Title-only descriptions for coreference: "the Prime Minister", "the Finnish leader", "the Russian".
  const descriptions: EntityExtraction['descriptions'] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (!/^(the|this)$/.test(tokens[i]!.lower)) continue;
    let k = i + 1;
    let demonymCountry: string | null = null;
    let head: string | null = null;
    while (k < tokens.length && k < i + 5) {
      const t = tokens[k]!;
      const demonym = lookupDemonym(t.text);
      if (demonym && /^\p{Lu}/u.test(t.text)) { demonymCountry = demonym; head = head ?? null; k++; continue; }
      if (TITLE_MODIFIERS.has(t.lower) && !TITLE_HEADS.has(t.lower)) { k++; continue; }
      if (TITLE_HEADS.has(t.lower) || DOCUMENT_NOUNS.has(t.lower) || ORGANIZATION_ANAPHORS.has(t.lower)) { head = t.lower; k++; if (TITLE_HEADS.has(tokens[k]?.lower ?? '')) { head = tokens[k]!.lower; k++; } break; }
      break;
    }
    const next = tokens[k];
    const followedByName = next && isCapitalised(next) && adjacent(text, tokens[k - 1]!, next) && claimed[k]! >= 0;
    if ((head || demonymCountry) && !followedByName && k > i + 1) {
      const modifiers = tokens.slice(i + 1, k).map((t) => t.lower);
      const fullHead = modifiers.filter((w) => !lookupDemonym(w)).join(' ') || head || '';
      descriptions.push({ tokenStart: i, tokenEnd: k, head: fullHead || (demonymCountry ? 'demonym' : ''), demonymCountry });
    }
  }

  // 7. Entities: people merged by name parts (longest, earliest name first), others by canonical name.
  const entities: ExtractedEntity[] = [];
  const mentions: EntityMention[] = [];
  const entityOf = new Map<Candidate, number>();
  const people = live.filter((c) => c.type === 'PERSON');
  const nameWords = (c: Candidate) => tokens.slice(c.tokenStart, c.tokenEnd).map((t) => t.text.replace(/[’']/g, "'"));
  const personWords: string[][] = [];
  const byLength = [...people].sort((a, b) => (b.tokenEnd - b.tokenStart) - (a.tokenEnd - a.tokenStart) || Number(inHeadline(a.tokenStart)) - Number(inHeadline(b.tokenStart)) || a.tokenStart - b.tokenStart);
  for (const candidate of byLength) {
    const words = nameWords(candidate);
    const matches: { entity: number; strength: number }[] = [];
    personWords.forEach((full, entity) => {
      const joined = words.join(' ');
      if (full.join(' ') === joined) matches.push({ entity, strength: 4 });
      else if (words.length < full.length && full.slice(full.length - words.length).join(' ') === joined) matches.push({ entity, strength: 3 });
      else if (words.length < full.length && full.slice(0, words.length).join(' ') === joined) matches.push({ entity, strength: 2 });
      else if (words.length === 1 && full.slice(1, -1).includes(words[0]!)) matches.push({ entity, strength: 1 });
    });
    let chosen: number | undefined;
    if (matches.length) {
      const best = Math.max(...matches.map((m) => m.strength));
      const tied = matches.filter((m) => m.strength === best || m.strength >= 2);
      if (tied.length === 1) chosen = tied[0]!.entity;
      else {
        // Ambiguous short form: the entity mentioned most recently before it.
        let bestDistance = Infinity;
        for (const m of tied) {
          for (const [other, entity] of entityOf) {
            if (entity !== m.entity || other.tokenStart > candidate.tokenStart) continue;
            const distance = candidate.tokenStart - other.tokenStart;
            if (distance < bestDistance) { bestDistance = distance; chosen = m.entity; }
          }
        }
        chosen ??= tied.sort((a, b) => b.strength - a.strength)[0]!.entity;
      }
    }
    if (chosen === undefined) {
      chosen = entities.length;
      const name = text.slice(tokens[candidate.tokenStart]!.start, tokens[candidate.tokenEnd - 1]!.end);
      entities.push({ type: 'PERSON', name, aliases: new Set(), role: null, standsFor: null, gender: null, isNewsAgency: false, country: null, confidence: candidate.confidence });
      personWords.push(words);
    }
    entityOf.set(candidate, chosen);
  }
  const byName = new Map<string, number>();
  for (const candidate of live) {
    if (candidate.type !== 'ORGANIZATION' && candidate.type !== 'PLACE') continue;
    const key = `${candidate.type}:${placeKey(candidate.name)}`;
    let entity = byName.get(key);
    if (entity === undefined) {
      entity = entities.length;
      entities.push({
        type: candidate.type, name: candidate.name, aliases: new Set(), role: null, standsFor: null, gender: null,
        isNewsAgency: !!candidate.isNewsAgency, country: candidate.place?.country ?? null, confidence: candidate.confidence,
      });
      byName.set(key, entity);
    }
    entityOf.set(candidate, entity);
  }
  const organizationEntities = [...byName.values()].filter((e) => entities[e]!.type === 'ORGANIZATION');
  for (const short of organizationEntities) {
    const shortName = placeKey(entities[short]!.name);
    const longer = organizationEntities.filter((e) => e !== short && placeKey(entities[e]!.name).endsWith(' ' + shortName));
    if (longer.length !== 1) continue;
    for (const [candidate, entity] of entityOf) if (entity === short) entityOf.set(candidate, longer[0]!);
  }
  for (const acronymEntity of organizationEntities) {
    const acronym = entities[acronymEntity]!.name;
    if (!isAcronym(acronym)) continue;
    const expanded = organizationEntities.filter((e) => {
      const words = entities[e]!.name.split(/\s+/).filter((w) => /^\p{Lu}/u.test(w));
      const initials = (from: number) => words.slice(from).map((w) => w[0]).join('');
      // "U.S. Federal Aviation Administration" is the FAA: a leading place or demonym is not part of the acronym.
      const leadingPlace = words.length > 2 && !!(lookupPlace(words[0]!) || lookupDemonym(words[0]!));
      return e !== acronymEntity && (initials(0) === acronym || (leadingPlace && initials(1) === acronym));
    });
    if (expanded.length !== 1) continue;
    for (const [candidate, entity] of entityOf) if (entity === acronymEntity) entityOf.set(candidate, expanded[0]!);
  }
  // Acronyms in parentheses after an organisation name: "People’s National Congress (PNC)".
  for (const candidate of live) {
    const entity = entityOf.get(candidate);
    if (entity === undefined || entities[entity]!.type !== 'ORGANIZATION') continue;
    const open = tokens[candidate.tokenEnd];
    const acronym = tokens[candidate.tokenEnd + 1];
    if (open?.text !== '(' || !acronym || !isAcronym(acronym.text) || tokens[candidate.tokenEnd + 2]?.text !== ')') continue;
    for (const other of live) {
      const otherEntity = entityOf.get(other);
      if (otherEntity === undefined || otherEntity === entity || entities[otherEntity]!.name !== acronym.text) continue;
      entityOf.set(other, entity);
    }
  }
  // "the Nationalist Party, also known as the Kuomintang": one organisation under two names.
  for (const candidate of live) {
    const entity = entityOf.get(candidate);
    if (entity === undefined || entities[entity]!.type !== 'ORGANIZATION') continue;
    let k = candidate.tokenEnd;
    if (tokens[k]?.text === ',') k++;
    if (tokens[k]?.lower !== 'also' || tokens[k + 1]?.lower !== 'known' || tokens[k + 2]?.lower !== 'as') continue;
    k += 3;
    if (tokens[k]?.lower === 'the') k++;
    const other = live.find((o) => o.tokenStart === k);
    const otherEntity = other && entityOf.get(other);
    if (otherEntity === undefined || otherEntity === entity || entities[otherEntity]!.type !== 'ORGANIZATION') continue;
    for (const [c, e] of entityOf) if (e === otherEntity) entityOf.set(c, entity);
  }
  // Headline names with no cue of their own take the type of the same name in the body.
  for (const candidate of live) {
    if (candidate.type !== 'UNKNOWN' || !(inHeadline(candidate.tokenStart) || titleCaseSegment(candidate.tokenStart))) continue;
    const words = nameWords(candidate).join(' ');
    const entity = personWords.findIndex((full) => full.join(' ') === words || full[full.length - 1] === words || full[0] === words);
    if (entity >= 0) entityOf.set(candidate, entity);
    else {
      const same = [...entityOf.entries()].find(([other]) => other !== candidate && text.slice(tokens[other.tokenStart]!.start, tokens[other.tokenEnd - 1]!.end) === words);
      if (same) entityOf.set(candidate, same[1]);
    }
  }

  // 8. Mentions with roles, metonymy and entity-level roles.
  const roleVotes = new Map<number, Map<string, { count: number; first: number }>>();
  for (const candidate of live) {
    const entity = entityOf.get(candidate);
    if (entity === undefined) continue;
    const record = entities[entity]!;
    const surface = text.slice(tokens[candidate.tokenStart]!.start, tokens[candidate.tokenEnd - 1]!.end);
    if (surface !== record.name) record.aliases.add(surface);
    let isMetonymy = false;
    if (record.type === 'PLACE' && (candidate.place?.kind === 'capital' || record.name === 'Washington') && candidate.place?.country) {
      const previous = tokens[candidate.tokenStart - 1];
      const next = tokens[candidate.tokenEnd];
      const locative = previous && (LOCATIVE_WORDS.has(previous.lower) || previous.lower === 'city');
      const placeList = next?.text === ',' && lookupPlace(tokens[candidate.tokenEnd + 1]?.text ?? '');
      const dateline = surface === surface.toUpperCase() && surface.length > 3;
      const possessive = isPossessive(next) && previous?.lower !== 'city'; // "Moscow’s troops": the government's
      isMetonymy = (possessive || (!locative && !placeList)) && !dateline && !inHeadline(candidate.tokenStart);
      if (isMetonymy) record.standsFor = candidate.place.country;
    }
    if (candidate.standsFor && record.type === 'ORGANIZATION') record.standsFor = candidate.standsFor;
    const role = record.type === 'PERSON' ? candidate.role : null;
    mentions.push({
      entity, tokenStart: candidate.tokenStart, tokenEnd: candidate.tokenEnd, start: tokens[candidate.tokenStart]!.start,
      end: tokens[candidate.tokenEnd - 1]!.end, surface, role, isMetonymy, confidence: candidate.confidence, rule: candidate.rule,
    });
    if (role && !inHeadline(candidate.tokenStart)) {
      const votes = roleVotes.get(entity) ?? new Map();
      const vote = votes.get(role.text) ?? { count: 0, first: candidate.tokenStart };
      vote.count += 1;
      votes.set(role.text, vote);
      roleVotes.set(entity, votes);
    }
    if (record.type === 'PERSON' && role) {
      const gendered = role.text.toLowerCase().split(/\s+/).map((w) => GENDERED_WORDS[w]).find(Boolean);
      if (gendered) record.gender = gendered;
      // Nationality from the role: a demonym or a country ("Brazil's Environment Minister"), not a city ("Liverpool head coach").
      const countryOf = (word: string) => { const place = lookupPlace(word); return place?.kind === 'country' ? place.name : undefined; };
      const country = role.text.split(/\s+/).map((w) => lookupDemonym(w.replace(/['’]s$/, '')) ?? countryOf(w.replace(/['’]s$/, ''))).find(Boolean);
      if (country) record.country ??= country;
    }
    const previous = tokens[candidate.tokenStart - 1];
    if (record.type === 'PERSON' && previous && /^(mr|sir|lord)\.?$/.test(previous.lower)) record.gender = 'm';
    if (record.type === 'PERSON' && previous && /^(mrs|ms|miss|lady|dame)\.?$/.test(previous.lower)) record.gender = 'f';
    // "Italy's Jannik Sinner": a possessive place in front ties the person to it.
    if (record.type === 'PERSON' && isPossessive(previous)) {
      const owner = tokens[candidate.tokenStart - 2];
      const place = owner ? lookupPlace(owner.text) : undefined;
      if (place?.kind === 'country') record.country ??= place.name;
    }
  }
  // A common given name tells pronoun resolution who "she" can be (role words and honorifics, above, take precedence).
  for (const entity of entities) {
    if (entity.type !== 'PERSON' || entity.gender) continue;
    const first = placeKey(entity.name.split(/\s+/)[0] ?? '');
    if (!GIVEN_NAMES.has(first) || UNGENDERED_GIVEN_NAMES.has(first) || entity.name.split(/\s+/).length < 2) continue;
    entity.gender = FEMALE_GIVEN_NAMES.has(first) ? 'f' : 'm';
  }
  for (const [entity, votes] of roleVotes) {
    const best = [...votes.entries()].sort((a, b) => b[1].count - a[1].count || a[1].first - b[1].first)[0];
    if (best) entities[entity]!.role = best[0];
  }
  mentions.sort((a, b) => a.start - b.start);
  return { entities, mentions, descriptions };

  /** Title chain directly left of a name: "Chinese President", "spokesperson", "his Belarusian counterpart". */
  function leftRole(nameStart: number): StatedRole | null {
    let k = nameStart - 1;
    // A complement between title and name: "Leader of Government Business | James Marape".
    let j = k;
    while (j > 0 && isCapitalised(tokens[j]!) && !TITLE_HEADS.has(tokens[j]!.lower) && adjacent(text, tokens[j]!, tokens[j + 1]!) && k - j < 4) j--;
    if (j < k && j > 0 && /^(of|for)$/.test(tokens[j]!.lower) && TITLE_HEADS.has(tokens[j - 1]!.lower) && adjacent(text, tokens[j]!, tokens[j + 1]!)) k = j;
    let chainStart = nameStart;
    let sawHead = false;
    while (k >= 0 && adjacent(text, tokens[k]!, tokens[k + 1]!)) {
      const t = tokens[k]!;
      if (k !== nameStart - 1 && /^(of|for)$/.test(t.lower) && !sawHead && TITLE_HEADS.has(tokens[k - 1]?.lower ?? '')) { k--; continue; }
      if (TITLE_HEADS.has(t.lower)) { sawHead = true; chainStart = k; k--; continue; }
      if (TITLE_MODIFIERS.has(t.lower) && sawHead) { chainStart = k; k--; continue; }
      if (sawHead && (lookupDemonym(t.text) || (isCapitalised(t) && !t.sentenceInitial && !CAPITALISED_STOPWORDS.has(t.lower)) || (isCapitalised(t) && claimed[k]! >= 0))) { chainStart = k; k--; continue; }
      if (sawHead && isCapitalised(t) && t.sentenceInitial && !CAPITALISED_STOPWORDS.has(t.lower)) { chainStart = k; k--; continue; }
      if (sawHead && isPossessive(t) && k > 0 && isCapitalised(tokens[k - 1]!)) { chainStart = k - 1; k -= 2; continue; }
      if (sawHead && ['of', 'for', '&', 'and'].includes(t.lower) && k > 0 && (isCapitalised(tokens[k - 1]!) || TITLE_HEADS.has(tokens[k - 1]!.lower))) { k--; continue; }
      if (sawHead && /^(his|her|their|its)$/.test(t.lower)) { chainStart = k; break; }
      break;
    }
    // The chain must end right before the name and start at a word that belongs to it.
    while (chainStart < nameStart && ['of', 'for', '&', 'and'].includes(tokens[chainStart]!.lower)) chainStart++;
    if (!sawHead || chainStart >= nameStart) return null;
    const between = tokens.slice(chainStart, nameStart);
    if (!between.some((t) => TITLE_HEADS.has(t.lower))) return null;
    return { text: text.slice(tokens[chainStart]!.start, tokens[nameStart - 1]!.end), start: tokens[chainStart]!.start, end: tokens[nameStart - 1]!.end };
  }

  /** The role after "who is (currently)": title words and their complement, up to the clause's end. */
  function predicateRole(from: number, sentence: number): StatedRole | null {
    let k = from;
    let sawHead = false;
    while (k < tokens.length && tokens[k]!.sentence === sentence && k - from < 12) {
      const t = tokens[k]!;
      if (/^[,.;:()—–]$/.test(t.text) || (t.pos === 'VERB' && !TITLE_HEADS.has(t.lower)) || t.pos === 'AUX') break;
      if (TITLE_HEADS.has(t.lower)) sawHead = true;
      else if (!sawHead && !TITLE_MODIFIERS.has(t.lower) && !lookupDemonym(t.text) && !isCapitalised(t) && !isPossessive(t) && t.pos !== 'ADJ') return null;
      k++;
    }
    if (!sawHead || k === from) return null;
    return { text: text.slice(tokens[from]!.start, tokens[k - 1]!.end), start: tokens[from]!.start, end: tokens[k - 1]!.end };
  }

  /** Appositive after a name: ", a senior adviser to Zelenskyy,", ", the chief executive of AMD,". */
  function rightRole(nameEnd: number): StatedRole | null {
    const comma = tokens[nameEnd];
    if (comma?.text !== ',') return null;
    let k = nameEnd + 1;
    const start = k;
    let sawHead = false;
    let words = 0;
    while (k < tokens.length && tokens[k]!.sentence === comma.sentence && words < 12) {
      const t = tokens[k]!;
      if (t.text === ',' || t.text === '.' || t.text === ';' || t.text === '(' || t.text === '—' || t.text === '–') break;
      if (/^(who|which|whose|that|said|says)$/.test(t.lower)) {
        // A predicate role: "Lai, who is currently vice president, …" / "X, who is also the party's leader".
        if (k !== start || t.lower !== 'who' || !/^(is|was)$/.test(tokens[k + 1]?.lower ?? '')) return null;
        k += 2;
        while (/^(currently|now|also|still|the|a|an)$/.test(tokens[k]?.lower ?? '')) k++;
        return predicateRole(k, comma.sentence);
      }
      if (TITLE_HEADS.has(t.lower) && words <= 5) sawHead = true;
      k++;
      words++;
    }
    if (!sawHead || k === start) return null;
    const first = tokens[start]!;
    if (!/^(a|an|the|his|her|its|their|\p{Lu}.*|[a-z-]+)$/u.test(first.text)) return null;
    return { text: text.slice(first.start, tokens[k - 1]!.end), start: first.start, end: tokens[k - 1]!.end };
  }
}
