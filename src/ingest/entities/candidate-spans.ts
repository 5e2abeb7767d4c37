// Candidate spans: the token runs that may name an entity, each with a first type from its shape alone. Earlier
// passes claim tokens, later ones only look at unclaimed tokens: "Bank of X" phrases, then names the lexicons and
// gazetteer know, then lower-case ministries, then remaining runs of capitalised words split at title words.
import { lookupDemonym, lookupPlace, lookupTown } from '../gazetteer/gazetteer.ts';
import {
  CAPITALISED_STOPWORDS,
  CLUB_PREFIXES,
  CLUB_SUFFIXES,
  GIVEN_NAMES,
  LOCATIVE_WORDS,
  MINISTRY_PORTFOLIOS,
  NAME_PARTICLES,
  ORGANIZATION_HEADS,
  PLACE_HEADS,
  PLACE_PREFIXES,
  SPEECH_VERBS,
  TITLE_HEADS,
  TITLE_MODIFIERS,
} from '../lexicon.ts';
import {
  adjacent,
  claim,
  endsInOrganizationHead,
  EVENT_HEADS,
  isAcronym,
  isCapitalised,
  isOrganizationHead,
  isPossessive,
  isTitleWord,
  isWordToken,
  knownName,
  nameLike,
  stopwordKey,
  type Candidate,
  type EntityContext,
  type KnownName,
} from './context.ts';

export function findCandidateSpans(context: EntityContext): void {
  findOrganizationOfPhrases(context);
  findKnownNames(context);
  findLowerCaseMinistries(context);
  findCapitalisedRuns(context);
}

/** "Bank of Portugal", "Ministry of Defence", "University of Oxford": an organisation head with its "of" complement. */
function findOrganizationOfPhrases(context: EntityContext): void {
  const { tokens, text } = context;
  for (let i = 1; i < tokens.length - 1; i++) {
    const head = tokens[i - 1]!;
    if (
      tokens[i]!.lower !== 'of' ||
      !ORGANIZATION_HEADS.has(head.lower) ||
      !isCapitalised(head) ||
      !adjacent(text, head, tokens[i]!)
    )
      continue;
    let end = i + 1;
    if (tokens[end]?.lower === 'the') end++;
    const complementStart = end;
    while (
      end < tokens.length &&
      isCapitalised(tokens[end]!) &&
      adjacent(text, tokens[end - 1]!, tokens[end]!) &&
      !TITLE_HEADS.has(tokens[end]!.lower) &&
      !GIVEN_NAMES.has(tokens[end]!.lower) &&
      end - complementStart < 4
    )
      end++;
    if (end === complementStart) continue;
    let start = i - 1;
    while (
      start > 0 &&
      isCapitalised(tokens[start - 1]!) &&
      adjacent(text, tokens[start - 1]!, tokens[start]!) &&
      !isTitleWord(tokens[start - 1]!.lower) &&
      !CAPITALISED_STOPWORDS.has(stopwordKey(tokens[start - 1]!)) &&
      !tokens[start - 1]!.sentenceInitial &&
      i - start < 4
    )
      start--;
    const surface = context.surface(start, end);
    if (knownName(surface)) continue;
    claim(context, {
      tokenStart: start,
      tokenEnd: end,
      type: 'ORGANIZATION',
      name: surface,
      rule: 'organization-of',
      confidence: 0.85,
      role: null,
      personCue: false,
    });
    i = end - 1;
  }
}

/** Known names: the longest match of up to five adjacent capitalised tokens. */
function findKnownNames(context: EntityContext): void {
  const { tokens, claimed } = context;
  for (let i = 0; i < tokens.length; i++) {
    if (!isCapitalised(tokens[i]!) || claimed[i]! >= 0) continue;
    i = knownNameAt(context, i);
  }
}

/** Claims the longest known name starting at token i; returns the last token index it consumed. */
function knownNameAt(context: EntityContext, i: number): number {
  const { tokens, text } = context;
  for (let k = Math.min(tokens.length, i + 5); k > i; k--) {
    let ok = true;
    for (let x = i + 1; x < k; x++) {
      const t = tokens[x]!;
      if (
        !adjacent(text, tokens[x - 1]!, t) ||
        !(isCapitalised(t) || t.lower === 'of' || t.lower === '&' || t.text === '-')
      )
        ok = false;
    }
    if (!ok || (k - i > 1 && !isCapitalised(tokens[k - 1]!))) continue;
    const known = knownName(context.surface(i, k));
    if (!known) continue;
    const accepted = acceptKnownName(context, i, k, known);
    if (!accepted) return i;
    claim(context, accepted);
    return accepted.tokenEnd - 1;
  }
  return i;
}

/** The candidate a known name at [i, k) makes in its context, or null when the context says it is something else. */
function acceptKnownName(context: EntityContext, i: number, k: number, known: KnownName): Candidate | null {
  const { tokens, text } = context;
  const single = k - i === 1;
  const token = tokens[i]!;
  if (
    single &&
    token.sentenceInitial &&
    token.pos !== 'PROPN' &&
    token.text !== token.text.toUpperCase() &&
    known.type !== 'DEMONYM' &&
    known.place?.kind === 'city'
  )
    return null;
  if (known.type === 'PLACE') {
    const club = clubNamedAfterPlace(context, i, k);
    if (club) return club;
  }
  if (known.type === 'PLACE' && single && placeNameInsideLongerName(context, i, k, known)) return null;
  // "New York Stock Exchange", "Jakarta Post": a place opening an organisation's name is part of it.
  if (known.type === 'PLACE' && !single && endsInOrganizationHead(context, k)) return null;
  if (known.type === 'PLACE' && single) {
    const prefixed = prefixedPlace(context, i, known);
    if (prefixed) return prefixed;
  }
  // "Palestinian Authority", "Iraqi National Congress": a demonym opening an organisation's name is part of it.
  if (known.type === 'DEMONYM' && single && endsInOrganizationHead(context, k)) return null;
  if (
    single &&
    known.type === 'ORGANIZATION' &&
    !known.isNewsAgency &&
    i > 0 &&
    adjacent(text, tokens[i - 1]!, token) &&
    isCapitalised(tokens[i - 1]!) &&
    !tokens[i - 1]!.sentenceInitial &&
    !CAPITALISED_STOPWORDS.has(stopwordKey(tokens[i - 1]!)) &&
    !isTitleWord(tokens[i - 1]!.lower)
  )
    return null;
  if (single && known.type === 'ORGANIZATION' && !known.isNewsAgency) {
    const extended = extendKnownOrganization(context, i, k);
    if (extended) return extended;
  }
  if (
    known.type === 'PLACE' &&
    (known.place?.kind === 'city' || known.place?.kind === 'capital') &&
    tokens[k]?.text === 'City' &&
    adjacent(text, tokens[k - 1]!, tokens[k]!) &&
    !context.isSportsStory()
  ) {
    // "New Taipei City", "Quezon City": the city's own name (in a match report "Manchester City" is the club).
    const previous = tokens[i - 1];
    const from =
      previous &&
      context.claimed[i - 1]! < 0 &&
      isCapitalised(previous) &&
      PLACE_PREFIXES.has(previous.lower) &&
      adjacent(text, previous, token)
        ? i - 1
        : i;
    return {
      tokenStart: from,
      tokenEnd: k + 1,
      ...known,
      name: context.surface(from, k + 1),
      rule: 'city-name',
      role: null,
      personCue: false,
    };
  }
  if (
    known.type === 'DEMONYM' &&
    tokens[k] &&
    adjacent(text, tokens[k - 1]!, tokens[k]!) &&
    isCapitalised(tokens[k]!) &&
    EVENT_HEADS.has(tokens[k]!.lower)
  )
    return null;
  return { tokenStart: i, tokenEnd: k, ...known, role: null, personCue: false };
}

/** "New York", "North Yorkshire", "Old Trafford": a capitalised place prefix glued to a known place makes one place. */
function prefixedPlace(context: EntityContext, i: number, known: KnownName): Candidate | null {
  const { tokens, text, claimed } = context;
  const previous = tokens[i - 1];
  if (
    !previous ||
    claimed[i - 1]! >= 0 ||
    !isCapitalised(previous) ||
    !PLACE_PREFIXES.has(previous.lower) ||
    !adjacent(text, previous, tokens[i]!)
  )
    return null;
  const name = context.surface(i - 1, i + 1);
  const country = known.place?.kind === 'country' ? known.place.name : known.place?.country;
  return {
    tokenStart: i - 1,
    tokenEnd: i + 1,
    type: 'PLACE',
    name,
    rule: 'prefixed-place',
    confidence: 0.8,
    place: { name, kind: 'region', ...(country ? { country } : {}) },
    role: null,
    personCue: false,
  };
}

/** A club named after its place: "Dynamo Moscow", "FC Barcelona", and in a match report "New York Yankees". */
function clubNamedAfterPlace(context: EntityContext, i: number, k: number): Candidate | null {
  const { tokens, text, claimed } = context;
  const previous = tokens[i - 1];
  if (!context.isSportsStory()) return null;
  const prefixWritten = previous && (previous.text.length > 3 || previous.text === previous.text.toUpperCase()); // "FC", not "As"
  if (
    previous &&
    prefixWritten &&
    claimed[i - 1]! < 0 &&
    CLUB_PREFIXES.has(previous.lower) &&
    adjacent(text, previous, tokens[i]!)
  ) {
    return {
      tokenStart: i - 1,
      tokenEnd: k,
      type: 'ORGANIZATION',
      name: context.surface(i - 1, k),
      rule: 'club-prefix',
      confidence: 0.8,
      role: null,
      personCue: false,
    };
  }
  if (GIVEN_NAMES.has(tokens[i]!.lower) || context.shouted(i)) return null;
  // A team: the place and one or two capitalised words ending in a plural ("Boston Red Sox", "Seattle Mariners").
  let end = k;
  while (
    end < Math.min(tokens.length, k + 2) &&
    claimed[end]! < 0 &&
    isCapitalised(tokens[end]!) &&
    adjacent(text, tokens[end - 1]!, tokens[end]!) &&
    !CAPITALISED_STOPWORDS.has(stopwordKey(tokens[end]!)) &&
    !knownName(tokens[end]!.text) &&
    !isTitleWord(tokens[end]!.lower) &&
    !PLACE_HEADS.has(tokens[end]!.lower) &&
    !EVENT_HEADS.has(tokens[end]!.lower)
  )
    end++;
  for (let last = end; last > k; last--) {
    const after = tokens[last];
    const runGoesOn = !!after && isCapitalised(after) && adjacent(text, tokens[last - 1]!, after); // "Norman Brookes Challenge Cup"
    if (/(?:[^s]s|sox)$/i.test(tokens[last - 1]!.text) && !isOrganizationHead(tokens[last - 1]) && !runGoesOn) {
      return {
        tokenStart: i,
        tokenEnd: last,
        type: 'ORGANIZATION',
        name: context.surface(i, last),
        rule: 'team-name',
        confidence: 0.75,
        role: null,
        personCue: false,
      };
    }
  }
  return null;
}

/** A one-word place glued to other name words: a given name ("Virginia Mayo"), a surname ("Lewis Hamilton"), a club. */
function placeNameInsideLongerName(context: EntityContext, i: number, k: number, known: KnownName): boolean {
  const { tokens, text } = context;
  const token = tokens[i]!;
  // "Virginia Mayo", "Jordan Henderson": a place-named given name glued to a surname is part of a person's name.
  const next = tokens[k];
  const previous = tokens[i - 1];
  const gluedRight =
    next &&
    adjacent(text, token, next) &&
    isCapitalised(next) &&
    !knownName(next.text) &&
    !isTitleWord(next.lower) &&
    !CAPITALISED_STOPWORDS.has(next.lower) &&
    !ORGANIZATION_HEADS.has(next.lower) &&
    !PLACE_HEADS.has(next.lower);
  // A capital glued to an unknown proper noun is a surname too ("Lewis Hamilton"; Hamilton is Bermuda's capital).
  const gluableKind =
    known.place?.kind === 'city' ||
    (known.place?.kind === 'capital' && previous?.pos === 'PROPN' && !PLACE_PREFIXES.has(previous.lower));
  const gluedLeft =
    previous &&
    adjacent(text, previous, token) &&
    (GIVEN_NAMES.has(previous.lower) ||
      (gluableKind &&
        isCapitalised(previous) &&
        !previous.sentenceInitial &&
        !isTitleWord(previous.lower) &&
        !CAPITALISED_STOPWORDS.has(stopwordKey(previous)) &&
        !knownName(previous.text)));
  if ((gluedRight && (GIVEN_NAMES.has(token.lower) || known.place?.kind === 'city')) || gluedLeft) return true;
  return endsInOrganizationHead(context, k); // "Liverpool Football Club", "Amazon Cooperation Treaty Organization"
}

/** "Siemens Energy", "Samsung Electronics": a known company's name opening a longer name is that longer company. */
function extendKnownOrganization(context: EntityContext, i: number, k: number): Candidate | null {
  const { tokens, text } = context;
  let end = k;
  while (
    end < Math.min(tokens.length, k + 3) &&
    adjacent(text, tokens[end - 1]!, tokens[end]!) &&
    isCapitalised(tokens[end]!) &&
    isWordToken(tokens[end]!) &&
    !TITLE_HEADS.has(tokens[end]!.lower) &&
    !(TITLE_MODIFIERS.has(tokens[end]!.lower) && isTitleWord(tokens[end + 1]?.lower ?? '')) &&
    !CAPITALISED_STOPWORDS.has(stopwordKey(tokens[end]!)) &&
    !knownName(tokens[end]!.text) &&
    !GIVEN_NAMES.has(tokens[end]!.lower)
  )
    end++;
  if (end === k) return null;
  return {
    tokenStart: i,
    tokenEnd: end,
    type: 'ORGANIZATION',
    name: context.surface(i, end),
    rule: 'known-organization-extended',
    confidence: 0.85,
    role: null,
    personCue: false,
  };
}

/** Lower-case ministries: "the Chinese foreign ministry", "Iran's Foreign Ministry"; they supersede spans inside them. */
function findLowerCaseMinistries(context: EntityContext): void {
  const { analysed, tokens, text, claimed, candidates } = context;
  const ministry = new RegExp(
    `\\b(\\p{Lu}[\\p{L}]+(?:['’]s)?)\\s+(${MINISTRY_PORTFOLIOS.join('|')})\\s+(ministry|office)\\b`,
    'giu',
  );
  for (const match of text.matchAll(ministry)) {
    const owner = match[1]!.replace(/['’]s$/, '');
    const country = lookupDemonym(owner) ?? lookupPlace(owner)?.name;
    if (!country) continue;
    const first = analysed.tokenAt(match.index!);
    let last = first;
    while (last < tokens.length && tokens[last]!.end <= match.index! + match[0].length) last++;
    for (let x = first; x < last; x++) if (claimed[x]! >= 0) candidates[claimed[x]!]!.type = 'UNKNOWN'; // superseded
    claim(context, {
      tokenStart: first,
      tokenEnd: last,
      type: 'ORGANIZATION',
      name: match[0],
      rule: 'ministry-pattern',
      confidence: 0.9,
      standsFor: country,
      role: null,
      personCue: false,
    });
  }
}

/** Runs of capitalised tokens not yet claimed, joined over particles, "&", possessives and "of"; split at title words. */
function findCapitalisedRuns(context: EntityContext): void {
  const { tokens, text, claimed } = context;
  let cutAt = -1;
  for (let i = 0; i < tokens.length; i++) {
    if (claimed[i]! >= 0 || !nameLike(context, i) || context.shouted(i)) continue;
    let j = i + 1;
    while (j < tokens.length && claimed[j]! < 0) {
      const t = tokens[j]!;
      if (!adjacent(text, tokens[j - 1]!, t)) break;
      if (nameLike(context, j)) {
        j++;
        continue;
      }
      const next = tokens[j + 1];
      const joinsName =
        next && claimed[j + 1]! < 0 && adjacent(text, t, next) && isCapitalised(next) && nameLike(context, j + 1);
      if (joinsName && NAME_PARTICLES.has(t.lower) && t.text === t.lower) {
        j++;
        continue;
      }
      if (joinsName && t.text === '&') {
        j++;
        continue;
      }
      if (joinsName && isPossessive(t) && endsInOrganizationHead(context, j + 1)) {
        j++;
        continue;
      }
      const previousLower = tokens[j - 1]!.lower;
      if (
        joinsName &&
        (t.lower === 'of' || t.lower === 'for') &&
        (isOrganizationHead(tokens[j - 1]) || TITLE_HEADS.has(previousLower) || PLACE_HEADS.has(previousLower))
      ) {
        j++;
        continue;
      }
      break;
    }
    const mayBeFused = context.titleCaseSegment(i) ? j - i >= 2 : j - i >= 3 && GIVEN_NAMES.has(tokens[i]!.lower);
    if (mayBeFused || i === cutAt) {
      const confirmed = confirmedRunEnd(context, i, j);
      // The words after a cut name ("Blasts Drudge") are not a name unless the story writes them too.
      if (confirmed < 0 && i === cutAt) {
        cutAt = i + 1;
        continue;
      }
      if (confirmed > 0 && confirmed < j && (context.titleCaseSegment(i) || endsPersonNameAt(context, i, confirmed, j)))
        [j, cutAt] = [confirmed, confirmed];
    }
    splitRun(context, i, j);
    i = j - 1;
  }
}

/**
 * A line In Title Case capitalises verbs and nouns too, so a run there ("Glenn Beck Blasts Drudge") may fuse a name
 * with the words after it. The end of the run's longest prefix the story also writes elsewhere ("Glenn Beck"), or -1.
 */
function confirmedRunEnd(context: EntityContext, start: number, end: number): number {
  const segment = context.tokens[start]!.segment;
  for (let k = end; k > start; k--) {
    if (writtenElsewhere(context, context.surface(start, k), segment)) return k;
  }
  return -1;
}

/**
 * Outside Title Case lines, a person's name fused with the words after it ("Marco Rubio Miss The Mark", a scraped
 * label run into the text) is cut only when the name has two words or more, and the words after it hold no given
 * name and do not end as an organisation or a place does ("Barack Obama Foundation", "Castellane Tower" stay whole).
 */
function endsPersonNameAt(context: EntityContext, start: number, cut: number, end: number): boolean {
  const { tokens } = context;
  if (cut - start < 2 || !GIVEN_NAMES.has(tokens[start]!.lower)) return false;
  const rest = tokens.slice(cut, end);
  const last = tokens[end - 1]!;
  return (
    !rest.some((t) => GIVEN_NAMES.has(t.lower) || TITLE_HEADS.has(t.lower)) &&
    !isOrganizationHead(last) &&
    !PLACE_HEADS.has(last.lower) &&
    !EVENT_HEADS.has(last.lower)
  );
}

/** The surface occurs as whole words elsewhere in the story (outside its own segment). */
function writtenElsewhere(context: EntityContext, surface: string, segment: number): boolean {
  const { text, analysed } = context;
  const own = analysed.segments[segment]!;
  for (let at = text.indexOf(surface); at >= 0; at = text.indexOf(surface, at + 1)) {
    if (at >= own.start && at < own.end) continue;
    const before = text[at - 1];
    const after = text[at + surface.length];
    if (
      (before === undefined || !/[\p{L}\p{N}]/u.test(before)) &&
      (after === undefined || !/[\p{L}\p{N}]/u.test(after))
    )
      return true;
  }
  return false;
}

/** The name part of a run: after the last title head with a name after it ("Chinese President | Xi Jinping"). */
function splitRun(context: EntityContext, runStart: number, runEnd: number): void {
  const { tokens } = context;
  const nameStart = nameStartInRun(context, runStart, runEnd);
  if (nameStart >= runEnd) return;
  const parts = tokens.slice(nameStart, runEnd);
  const organizationName = isOrganizationHead(tokens[runEnd - 1]) && runEnd - runStart >= 2;
  if (!organizationName && parts.every((t) => isTitleWord(t.lower))) return;
  // "Conservative MSP", "Labour MP": a run ending in a title written as an abbreviation is a title, not a name.
  const last = tokens[runEnd - 1]!;
  if (TITLE_HEADS.has(last.lower) && last.text === last.text.toUpperCase() && last.text.length > 1) return;
  if (parts.length === 1 && (parts[0]!.pos === 'VERB' || SPEECH_VERBS.has(parts[0]!.lower))) return;
  addRunCandidate(context, nameStart, runEnd);
}

function nameStartInRun(context: EntityContext, runStart: number, runEnd: number): number {
  const { tokens } = context;
  let nameStart = runStart;
  const organizationName = isOrganizationHead(tokens[runEnd - 1]) && runEnd - runStart >= 2;
  for (let x = runEnd - 1; x >= runStart && !organizationName; x--) {
    if (TITLE_HEADS.has(tokens[x]!.lower) && x + 1 < runEnd) {
      const modifierOnly =
        TITLE_MODIFIERS.has(tokens[x]!.lower) &&
        !tokens.slice(runStart, x).some((t) => TITLE_HEADS.has(t.lower)) &&
        x === runStart &&
        !TITLE_HEADS.has(tokens[x]!.lower);
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
  if (nameStart >= runEnd) return runEnd;
  // A given name inside the rest starts the name; what precedes it is part of the role ("Government Business").
  for (let x = nameStart + 1; x < runEnd - 1; x++) {
    if (
      GIVEN_NAMES.has(tokens[x]!.lower) &&
      !GIVEN_NAMES.has(tokens[nameStart]!.lower) &&
      !isOrganizationHead(tokens[runEnd - 1])
    ) {
      nameStart = x;
      break;
    }
  }
  // Strip leading title modifiers with no head ("Activist" in "Activist Nelson Peltz" is not a name).
  while (nameStart < runEnd - 1 && TITLE_MODIFIERS.has(tokens[nameStart]!.lower) && tokens[nameStart]!.sentenceInitial)
    nameStart++;
  return nameStart;
}

/** A first type from the span's shape: town after "in", organisation or place head, club, event, acronym, or unknown. */
function addRunCandidate(context: EntityContext, start: number, end: number): void {
  const { tokens, text } = context;
  const surface = context.surface(start, end);
  const last = tokens[end - 1]!.lower;
  const first = tokens[start]!.lower;
  const previous = tokens[start - 1];
  const town = lookupTown(surface);
  let candidate: KnownName;
  if (town && previous && LOCATIVE_WORDS.has(previous.lower))
    candidate = { type: 'PLACE', name: town.name, rule: 'town-after-locative', confidence: 0.75, place: town };
  else if (end - start > 1 && isOrganizationHead(tokens[end - 1]))
    candidate = { type: 'ORGANIZATION', name: surface, rule: 'organization-head', confidence: 0.85 };
  else if (
    end - start === 2 &&
    CLUB_SUFFIXES.has(last) &&
    lookupPlace(tokens[start]!.text) &&
    (last !== 'city' || context.isSportsStory())
  )
    candidate = { type: 'ORGANIZATION', name: surface, rule: 'club-name', confidence: 0.8 };
  else if (end - start > 2 && ORGANIZATION_HEADS.has(first) && tokens.slice(start, end).some((t) => t.lower === 'of'))
    candidate = { type: 'ORGANIZATION', name: surface, rule: 'organization-of', confidence: 0.85 };
  else if (end - start > 1 && PLACE_HEADS.has(last))
    candidate = { type: 'PLACE', name: surface, rule: 'place-head', confidence: 0.8 };
  else if (EVENT_HEADS.has(last) && (end - start > 1 || (previous && lookupDemonym(previous.text))))
    candidate = { type: 'EVENT', name: surface, rule: 'event-head', confidence: 0.6 };
  else if (
    previous &&
    /^(in|near|outside|inside|across|throughout)$/.test(previous.lower) &&
    tokens[start]!.pos === 'PROPN' &&
    !GIVEN_NAMES.has(first) &&
    !isOrganizationHead(tokens[end - 1])
  )
    candidate = { type: 'PLACE', name: surface, rule: 'unknown-after-locative', confidence: 0.5 };
  else if (isDateline(context, start, end))
    candidate = {
      type: 'PLACE',
      name: town?.name ?? surface,
      rule: 'dateline',
      confidence: 0.7,
      ...(town ? { place: town } : {}),
    };
  else if (end - start === 1 && /^\p{Lu}{2,}s$/u.test(surface))
    return; // plural abbreviation ("MPs")
  else if (
    end - start === 1 &&
    isAcronym(surface) &&
    ((previous && /^\d/.test(previous.text) && adjacent(text, previous, tokens[start]!)) ||
      (tokens[end] && /^\d/.test(tokens[end]!.text) && adjacent(text, tokens[start]!, tokens[end]!)))
  )
    return; // a model: "737 MAX", "MAX 9"
  else if (end - start === 1 && isAcronym(surface))
    candidate = { type: 'ORGANIZATION', name: surface, rule: 'acronym', confidence: 0.7 };
  else candidate = { type: 'UNKNOWN', name: surface, rule: 'capitalised-run', confidence: 0.5 };
  claim(context, { tokenStart: start, tokenEnd: end, ...candidate, role: null, personCue: false });
}

/** A dateline: capitals opening a line, then a country or region, or a date ("VENICE, Italy 1996-08-31", "LAGOS, May 4"). */
function isDateline(context: EntityContext, start: number, end: number): boolean {
  const { tokens } = context;
  const first = tokens[start]!;
  if (
    (start > 0 && tokens[start - 1]!.segment === first.segment) ||
    context.surface(start, end) !== context.surface(start, end).toUpperCase()
  )
    return false;
  const next = tokens[end];
  if (!next || next.segment !== first.segment) return false;
  if (/^\d{4}-\d{2}-\d{2}$/.test(next.text)) return true;
  const after = tokens[end + 1];
  return (
    next.text === ',' &&
    !!after &&
    (!!lookupPlace(after.text) || /^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)/i.test(after.text))
  );
}
