// Typing: evidence around each candidate decides what it is. Person cues (a stated role, a given name, an honorific,
// a speech verb), short forms of people already found, the same name typed elsewhere in the story, fallbacks by
// shape, and the context that makes a place an organisation ("shares in Boeing", a club in a match report).
import { lookupPlace } from '../gazetteer/gazetteer.ts';
import type { Token } from '../analyse-text.ts';
import {
  CAPITALISED_STOPWORDS,
  GIVEN_NAMES,
  LOCATIVE_WORDS,
  NAME_PARTICLES,
  ORGANIZATION_ANAPHORS,
  SPEECH_VERBS,
  TITLE_HEADS,
  TITLE_MODIFIERS,
} from '../lexicon.ts';
import { claim, isTitleWord, type Candidate, type CandidateType, type EntityContext } from './context.ts';
import { leftRole, rightRole } from './roles.ts';

export function typeCandidates(context: EntityContext, live: Candidate[]): void {
  typeByOrganizationNouns(context, live);
  typeByPersonCues(context, live);
  typeOrganizationsInTitles(context, live);
  adoptShortFormsOfPeople(context, live);
  typeBySameNameElsewhere(context, live);
  typeRemainingByShape(context, live);
  typeOrganizationsByContext(context, live);
  findShoutedNames(context, live);
}

/** Nouns for organisations that, written in lower case, introduce or describe a name ("law firm Tods Murray",
 *  "Tods Murray, the Edinburgh law firm,"): the name is an organisation, whatever its words look like. */
const ORGANIZATION_NOUNS = new Set([
  ...ORGANIZATION_ANAPHORS,
  'firm',
  'side',
  'outfit',
  'newspaper',
  'daily',
  'charity',
  'label',
  'chain',
  'brand',
  'consultancy',
  'supermarket',
  'rivals',
]);

function typeByOrganizationNouns(context: EntityContext, live: Candidate[]): void {
  const { tokens } = context;
  for (const candidate of live) {
    if (candidate.type !== 'UNKNOWN' || GIVEN_NAMES.has(tokens[candidate.tokenStart]!.lower)) continue;
    const previous = tokens[candidate.tokenStart - 1];
    const before =
      !!previous &&
      previous.text === previous.lower &&
      ORGANIZATION_NOUNS.has(previous.lower) &&
      tokens[candidate.tokenStart - 2]?.text !== "'s";
    if (before || describedAsOrganization(context, candidate.tokenEnd)) {
      candidate.type = 'ORGANIZATION';
      candidate.rule = 'organization-noun';
      candidate.confidence = 0.75;
    }
  }
}

/** ", a law firm," / ", the Edinburgh firm which": an appositive whose head noun is an organisation noun. */
function describedAsOrganization(context: EntityContext, nameEnd: number): boolean {
  const { tokens } = context;
  if (tokens[nameEnd]?.text !== ',' || !/^(a|an|the)$/.test(tokens[nameEnd + 1]?.lower ?? '')) return false;
  for (let k = nameEnd + 2; k < Math.min(tokens.length, nameEnd + 7); k++) {
    const t = tokens[k]!;
    if (ORGANIZATION_NOUNS.has(t.lower) && t.text === t.lower)
      return /^(,|\.|which|that|based|with|in|of|for)$/.test(tokens[k + 1]?.lower ?? '.');
    if (/^[,.;:()]$/.test(t.text) || t.pos === 'VERB' || t.pos === 'AUX') return false;
  }
  return false;
}

/** In an all-capitals line, the names the body found, written in capitals ("DURAN" for Roberto Duran): each joins the
 *  body's entity. Nothing else there is read as a name (known names were taken by the gazetteer pass). */
function findShoutedNames(context: EntityContext, live: Candidate[]): void {
  const { tokens, claimed } = context;
  const byWords = new Map<string, Candidate>();
  const add = (key: string, c: Candidate) => {
    if (!byWords.has(key)) byWords.set(key, c);
  };
  for (const c of live) {
    if ((c.type !== 'PERSON' && c.type !== 'ORGANIZATION' && c.type !== 'PLACE') || context.shouted(c.tokenStart))
      continue;
    const words = tokens.slice(c.tokenStart, c.tokenEnd).map((t) => t.text.toUpperCase());
    add(words.join(' '), c);
    if (c.type === 'PERSON' && words.length > 1) add(words[words.length - 1]!, c);
  }
  if (!byWords.size) return;
  for (let i = 0; i < tokens.length; i++) {
    if (!context.shouted(i) || claimed[i]! >= 0) continue;
    for (let k = Math.min(tokens.length, i + 5); k > i; k--) {
      if (tokens.slice(i, k).some((t, x) => claimed[i + x]! >= 0 || t.segment !== tokens[i]!.segment)) continue;
      const source = byWords.get(
        tokens
          .slice(i, k)
          .map((t) => t.text.toUpperCase())
          .join(' '),
      );
      if (!source) continue;
      const shouted: Candidate = {
        tokenStart: i,
        tokenEnd: k,
        type: source.type,
        name: source.name,
        rule: 'same-name-in-capitals',
        confidence: 0.7,
        place: source.place,
        role: null,
        personCue: false,
        sameAs: source,
      };
      claim(context, shouted);
      live.push(shouted);
      i = k - 1;
      break;
    }
  }
}

/** Roles and person cues: a stated role, a given name, an honorific, an appositive age; a speech verb for longer names. */
function typeByPersonCues(context: EntityContext, live: Candidate[]): void {
  const { tokens, text } = context;
  for (const candidate of live) {
    if (candidate.type !== 'UNKNOWN' && candidate.type !== 'PERSON') continue;
    candidate.role = leftRole(context, candidate.tokenStart) ?? rightRole(context, candidate.tokenEnd);
    const previous = tokens[candidate.tokenStart - 1];
    const next = tokens[candidate.tokenEnd];
    const afterNext = tokens[candidate.tokenEnd + 1];
    const speechAfter =
      !!next &&
      (SPEECH_VERBS.has(next.lower) ||
        (['also', 'later', 'then', 'has', 'had', 'previously'].includes(next.lower) &&
          !!afterNext &&
          SPEECH_VERBS.has(afterNext.lower)));
    const speechBefore =
      !!previous && SPEECH_VERBS.has(previous.lower) && previous.lower !== 'told' && candidate.tokenStart > 0;
    const accordingTo = previous?.lower === 'to' && tokens[candidate.tokenStart - 2]?.lower === 'according';
    const appositive = /^,\s*(?:\d{1,3},|who\b|aged\s+\d)/.test(
      text.slice(tokens[candidate.tokenEnd - 1]!.end, tokens[candidate.tokenEnd - 1]!.end + 12),
    );
    const given =
      GIVEN_NAMES.has(tokens[candidate.tokenStart]!.lower) && candidate.tokenEnd - candidate.tokenStart >= 2;
    const honorific = !!previous && /^(mr|mrs|ms|dr|sir|dame|lord|lady|prof)\.?$/.test(previous.lower);
    candidate.personCue = !!candidate.role || given || honorific || appositive;
    const multiWord = candidate.tokenEnd - candidate.tokenStart >= 2;
    if (context.inHeadline(candidate.tokenStart) || context.titleCaseSegment(candidate.tokenStart)) continue;
    if (
      candidate.type === 'UNKNOWN' &&
      (candidate.personCue || (multiWord && (speechAfter || speechBefore || accordingTo)))
    ) {
      candidate.type = 'PERSON';
      candidate.rule = candidate.role
        ? 'title-or-appositive'
        : given
          ? 'given-name'
          : honorific
            ? 'honorific'
            : appositive
              ? 'appositive'
              : 'speech-cue';
      candidate.confidence = candidate.role || given || honorific ? 0.9 : 0.75;
    }
  }
}

/** An unknown name inside a person's title chain is an organisation ("Red Bull team boss Christian Horner"). */
function typeOrganizationsInTitles(context: EntityContext, live: Candidate[]): void {
  const { analysed, tokens, claimed } = context;
  for (const person of live) {
    if (person.type !== 'PERSON' || !person.role) continue;
    const roleStart = analysed.tokenAt(person.role.start);
    for (let x = roleStart; x < person.tokenStart; x++) {
      const owner = claimed[x]! >= 0 ? live.find((c) => c.tokenStart <= x && c.tokenEnd > x) : undefined;
      if (
        owner &&
        owner !== person &&
        owner.type === 'UNKNOWN' &&
        owner.tokenEnd < person.tokenStart &&
        !context.titleCaseSegment(owner.tokenStart) &&
        !context.inHeadline(owner.tokenStart)
      ) {
        const next = tokens[owner.tokenEnd];
        if ((next && TITLE_HEADS.has(next.lower)) || (next && TITLE_MODIFIERS.has(next.lower))) {
          owner.type = 'ORGANIZATION';
          owner.rule = 'organization-in-title';
          owner.confidence = 0.7;
        }
      }
    }
  }
}

/** Single tokens and short forms that repeat part of a known person's name are that person (run again once the
 *  fallback below has typed multi-word names, so "Hou" follows "Hou Yu-ih"). */
function adoptShortFormsOfPeople(context: EntityContext, live: Candidate[]): void {
  const { tokens, claimed } = context;
  const personTokens = new Set<string>();
  const surnames = new Set<string>();
  for (const c of live) {
    if (c.type !== 'PERSON') continue;
    for (let x = c.tokenStart; x < c.tokenEnd; x++)
      if (!NAME_PARTICLES.has(tokens[x]!.lower)) personTokens.add(tokens[x]!.text);
    surnames.add(tokens[c.tokenEnd - 1]!.text);
  }
  for (const c of live) {
    if (c.type !== 'UNKNOWN') continue;
    const words = tokens.slice(c.tokenStart, c.tokenEnd).filter((t) => !NAME_PARTICLES.has(t.lower));
    if (words.every((t) => personTokens.has(t.text))) {
      c.type = 'PERSON';
      c.rule = 'short-form-of-person';
      c.confidence = 0.85;
    }
  }
  // Surnames the run builder skipped (a sentence-initial surname tagged as a common noun); a lone given name is not one.
  for (let i = 0; i < tokens.length; i++) {
    if (
      claimed[i]! >= 0 ||
      !surnames.has(tokens[i]!.text) ||
      GIVEN_NAMES.has(tokens[i]!.lower) ||
      isTitleWord(tokens[i]!.lower) ||
      CAPITALISED_STOPWORDS.has(tokens[i]!.lower)
    )
      continue;
    live.push({
      tokenStart: i,
      tokenEnd: i + 1,
      type: 'PERSON',
      name: tokens[i]!.text,
      rule: 'short-form-of-person',
      confidence: 0.8,
      role: null,
      personCue: false,
    });
    claimed[i] = live.length - 1;
  }
}

/** A weakly typed or unknown name takes the type the same surface has with confidence elsewhere in the story. */
function typeBySameNameElsewhere(context: EntityContext, live: Candidate[]): void {
  const surfaceOf = (c: Candidate) => context.surface(c.tokenStart, c.tokenEnd);
  const strongTypeBySurface = new Map<string, CandidateType>();
  for (const c of live) {
    if ((c.type === 'PLACE' || c.type === 'ORGANIZATION' || c.type === 'PERSON') && c.confidence >= 0.7)
      strongTypeBySurface.set(surfaceOf(c), c.type);
  }
  for (const c of live) {
    const strong = strongTypeBySurface.get(surfaceOf(c));
    if (strong && (c.type === 'UNKNOWN' || c.confidence < 0.7) && strong !== c.type) {
      const source = live.find((o) => o.type === strong && o.confidence >= 0.7 && surfaceOf(o) === surfaceOf(c))!;
      c.type = strong;
      c.name = source.name;
      c.place = source.place;
      c.rule = 'same-name-elsewhere';
      c.confidence = 0.7;
    }
  }
}

/** Remaining unknowns: multi-word proper-noun runs are most often people; single proper nouns most often
 *  organisations (after the people found here have claimed their short forms). Headlines are judged against the body. */
function typeRemainingByShape(context: EntityContext, live: Candidate[]): void {
  const { tokens } = context;
  const fallbackApplies = (c: Candidate) =>
    c.type === 'UNKNOWN' && !context.inHeadline(c.tokenStart) && !context.titleCaseSegment(c.tokenStart);
  for (const c of live) {
    if (!fallbackApplies(c)) continue;
    const words = tokens.slice(c.tokenStart, c.tokenEnd);
    // A word capitalised mid-sentence is a name word whatever its tag ("Tiger Woods": Tiger/NOUN).
    const nameWord = (t: Token) =>
      t.pos === 'PROPN' || NAME_PARTICLES.has(t.lower) || (!t.sentenceInitial && (t.pos === 'NOUN' || t.pos === 'ADJ'));
    if (words.length >= 2 && words.length <= 4 && words.every(nameWord) && words[words.length - 1]!.pos === 'PROPN') {
      c.type = 'PERSON';
      c.rule = 'proper-noun-pair';
      c.confidence = 0.55;
    }
  }
  adoptShortFormsOfPeople(context, live);
  typeTeamNicknames(context, live);
  for (const c of live) {
    if (!fallbackApplies(c)) continue;
    const words = tokens.slice(c.tokenStart, c.tokenEnd);
    if (
      words.length === 1 &&
      words[0]!.pos === 'PROPN' &&
      !words[0]!.sentenceInitial &&
      words[0]!.text.length > 2 &&
      loneNameIsOrganization(context, c, live)
    ) {
      c.type = 'ORGANIZATION';
      c.rule = 'lone-proper-noun';
      c.confidence = 0.45;
    }
  }
}

const MATCH_WORDS_BEFORE = /^(?:v|v\.|vs|vs\.|versus|beat|defeated|against|edged|routed|downed|hosts?|hosted)$/;
const MATCH_WORDS_AFTER =
  /^(?:beat|beats|defeated|drew|edged|routed|rallied|hosted|hosts|host|lost|won|trounced|thrashed)$/;

/** In a match report, a capitalised plural left untyped is a team's nickname ("Yankees", "Wasps"); two-word names
 *  have been read as people by then ("Loren Roberts"), so only lone words and unusual pairs remain. */
function typeTeamNicknames(context: EntityContext, live: Candidate[]): void {
  if (!context.isSportsStory()) return;
  const { tokens } = context;
  for (const c of live) {
    if (
      c.type !== 'UNKNOWN' ||
      c.tokenEnd - c.tokenStart > 2 ||
      context.titleCaseSegment(c.tokenStart) ||
      context.inHeadline(c.tokenStart)
    )
      continue;
    const last = tokens[c.tokenEnd - 1]!;
    const first = tokens[c.tokenStart]!;
    if (
      !/\p{Ll}(?:[^su]s|sox)$/u.test(last.text) ||
      GIVEN_NAMES.has(first.lower) ||
      (first.sentenceInitial && c.tokenEnd - c.tokenStart === 1)
    )
      continue;
    c.type = 'ORGANIZATION';
    c.rule = 'team-nickname';
    c.confidence = 0.6;
  }
}

/** Places that are organisations by their context: "shares in Boeing", "Amazon, Microsoft and Google", and in a match
 *  report a city named like a club ("beat Liverpool 3-2", "Liverpool head coach"), unless it is a location ("in Liverpool"). */
function typeOrganizationsByContext(context: EntityContext, live: Candidate[]): void {
  const { tokens } = context;
  const sportsStory = context.isSportsStory();
  const isKnownOrganization = (c: Candidate | undefined) =>
    !!c && c.type === 'ORGANIZATION' && /^known-organization|news-agency/.test(c.rule);
  const candidateEndingAt = (x: number) => live.find((o) => o.tokenEnd - 1 === x);
  const candidateStartingAt = (x: number) => live.find((o) => o.tokenStart === x);
  for (const c of live) {
    if (c.type !== 'PLACE' || c.tokenEnd - c.tokenStart !== 1 || !c.place || c.place.kind === 'country') continue;
    const previous = tokens[c.tokenStart - 1];
    const beforePrevious = tokens[c.tokenStart - 2];
    const next = tokens[c.tokenEnd];
    const financial =
      previous &&
      /^(in|of)$/.test(previous.lower) &&
      beforePrevious &&
      /^(shares|stake|stock|stakes|investors)$/.test(beforePrevious.lower);
    const following = candidateStartingAt(c.tokenEnd + 1);
    const listed =
      c.place.kind !== 'capital' &&
      ((previous && /^(,|and|or)$/.test(previous.text) && isKnownOrganization(candidateEndingAt(c.tokenStart - 2))) ||
        (next && /^(and|or)$/.test(next.text) && isKnownOrganization(following)) ||
        (next?.text === ',' &&
          isKnownOrganization(following) &&
          /^(,|and|or)$/.test(tokens[following!.tokenEnd]?.text ?? '')));
    const located =
      (previous && (LOCATIVE_WORDS.has(previous.lower) || previous.lower === 'city')) ||
      (next?.text === ',' && lookupPlace(tokens[c.tokenEnd + 1]?.text ?? ''));
    // A dateline ("LONDON 1996-08-30", "Leeds, May 4") names where the story was filed.
    const dateline =
      c.tokenStart === 0 || tokens[c.tokenStart - 1]!.segment !== tokens[c.tokenStart]!.segment
        ? !next || next.segment !== tokens[c.tokenStart]!.segment || /^(?:\d|,|\(|-)/.test(next.text)
        : false;
    // Opponents: "v Northampton", "Texas beat Minnesota 4-2" (a state or region is a team only there).
    const opponent =
      (previous && MATCH_WORDS_BEFORE.test(previous.lower)) ||
      (next && (MATCH_WORDS_AFTER.test(next.lower) || /^\d+-\d+$/.test(next.text)));
    const club =
      sportsStory &&
      !located &&
      !dateline &&
      (c.place.kind !== 'region' || !!opponent) &&
      !(next && /^(grand|open)$/i.test(next.text));
    if (financial || listed || club) {
      c.type = 'ORGANIZATION';
      c.name = context.surface(c.tokenStart, c.tokenEnd);
      c.place = undefined;
      c.rule = financial ? 'shares-in-organization' : listed ? 'listed-with-organizations' : 'club-in-match-report';
      c.confidence = 0.7;
    }
  }
}

const ORGANIZATION_CONTEXT_BEFORE = new Set([
  'at',
  'shares',
  'stake',
  'rival',
  'rivals',
  'join',
  'joined',
  'joins',
  'joining',
  'signed',
  'v',
  'vs',
  'versus',
  'beat',
  'against',
  'host',
  'hosts',
  'hosted',
  'told',
]);

/** "Greenpeace said … The group has …": one of the next two sentences opens with "the" and an organisation noun,
 *  and no other name stands between, so the story itself calls the name a group. */
function nextSentencesCallItAGroup(context: EntityContext, c: Candidate, live: Candidate[]): boolean {
  const { tokens, analysed } = context;
  const sentence = tokens[c.tokenStart]!.sentence;
  for (const next of analysed.sentences.slice(sentence + 1, sentence + 3)) {
    const [first, second] = [tokens[next.firstToken], tokens[next.firstToken + 1]];
    if (first?.lower !== 'the' || !second || second.text !== second.lower || !ORGANIZATION_ANAPHORS.has(second.lower))
      continue;
    return !live.some((o) => o !== c && o.tokenStart > c.tokenStart && o.tokenStart < next.firstToken);
  }
  return false;
}

/** A lone capitalised word is an organisation only with evidence: written like a brand ("KeyCorp"), followed by a
 *  title ("Jefferies analyst", "Chelsea manager"), after an organisation's context word ("analysts at Bernstein",
 *  "told Movistar", "host Chelsea"), listed after an organisation, called "the group" in the next sentences, or named
 *  again in the story while its lower-case form never appears ("Test", "Open" do). */
function loneNameIsOrganization(context: EntityContext, c: Candidate, live: Candidate[]): boolean {
  const { tokens, text } = context;
  const surface = context.surface(c.tokenStart, c.tokenEnd);
  if (/\p{Ll}\p{Lu}|\d/u.test(surface)) return true;
  const previous = tokens[c.tokenStart - 1];
  const next = tokens[c.tokenEnd];
  if (next && TITLE_HEADS.has(next.lower) && next.text === next.lower) return true;
  if (previous && ORGANIZATION_CONTEXT_BEFORE.has(previous.lower)) return true;
  // Listed with organisations: "Microsoft, chip maker Nvidia and Samsung".
  const listedAfter =
    previous &&
    /^(,|and|or)$/.test(previous.text) &&
    live.some((o) => o.tokenEnd === c.tokenStart - 1 && o.type === 'ORGANIZATION' && o.confidence >= 0.7);
  if (listedAfter) return true;
  if (nextSentencesCallItAGroup(context, c, live)) return true;
  const repeated =
    live.filter(
      (o) =>
        o.tokenEnd - o.tokenStart === 1 &&
        tokens[o.tokenStart]!.text === surface &&
        !context.titleCaseSegment(o.tokenStart),
    ).length >= 2;
  return (
    repeated &&
    !new RegExp(`(?<![\\p{L}])${surface.toLowerCase().replace(/[^\p{L}\d]/gu, '.')}(?![\\p{L}])`, 'u').test(text)
  );
}
