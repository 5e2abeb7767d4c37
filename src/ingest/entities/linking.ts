// Linking: candidates become entities. People are merged by name parts (longest, earliest name first), other types
// by canonical name; then short organisation names, acronyms, "(PNC)" and "also known as" join their long forms,
// and headline names without cues of their own join the same name in the body.
import { lookupDemonym, lookupPlace, placeKey } from '../gazetteer/gazetteer.ts';
import { GIVEN_NAMES } from '../lexicon.ts';
import { isAcronym, type Candidate, type EntityContext } from './context.ts';
import type { ExtractedEntity } from '../extract-entities.ts';

export interface Linking {
  entities: ExtractedEntity[];
  entityOf: Map<Candidate, number>;
}

export function linkCandidates(context: EntityContext, live: Candidate[]): Linking {
  const linking: Linking = { entities: [], entityOf: new Map() };
  const personWords = linkPeople(context, live, linking);
  const byName = linkByCanonicalName(live, linking);
  const organizations = [...byName.values()].filter((e) => linking.entities[e]!.type === 'ORGANIZATION');
  mergeShortOrganizationNames(organizations, linking);
  mergeAcronyms(organizations, linking);
  mergeParenthesisedAcronyms(context, live, linking);
  mergeAlsoKnownAs(context, live, linking);
  linkHeadlineNames(context, live, linking, personWords);
  for (const c of live) {
    const entity = c.sameAs && linking.entityOf.get(c.sameAs);
    if (entity !== undefined) linking.entityOf.set(c, entity);
  }
  return linking;
}

const nameWords = (context: EntityContext, c: Candidate) =>
  context.tokens.slice(c.tokenStart, c.tokenEnd).map((t) => t.text.replace(/[’']/g, "'"));

/** Each person candidate joins the person whose name it repeats in full, as an ending, an opening or a middle word. */
function linkPeople(context: EntityContext, live: Candidate[], linking: Linking): string[][] {
  const { entities, entityOf } = linking;
  const people = live.filter((c) => c.type === 'PERSON' && !c.sameAs);
  const personWords: string[][] = [];
  const byLength = [...people].sort(
    (a, b) =>
      b.tokenEnd - b.tokenStart - (a.tokenEnd - a.tokenStart) ||
      Number(context.inHeadline(a.tokenStart)) - Number(context.inHeadline(b.tokenStart)) ||
      a.tokenStart - b.tokenStart,
  );
  for (const candidate of byLength) {
    const words = nameWords(context, candidate);
    let chosen = matchPerson(candidate, words, personWords, entityOf);
    if (chosen === null) continue;
    if (chosen === undefined) {
      chosen = entities.length;
      entities.push({
        type: 'PERSON',
        name: context.surface(candidate.tokenStart, candidate.tokenEnd),
        aliases: new Set(),
        role: null,
        standsFor: null,
        gender: null,
        isNewsAgency: false,
        country: null,
        confidence: candidate.confidence,
      });
      personWords.push(words);
    }
    entityOf.set(candidate, chosen);
  }
  return personWords;
}

/** The person a name form belongs to; undefined for a new person, null for a lone given name shared by several. */
function matchPerson(
  candidate: Candidate,
  words: string[],
  personWords: string[][],
  entityOf: Map<Candidate, number>,
): number | undefined | null {
  const matches: { entity: number; strength: number }[] = [];
  personWords.forEach((full, entity) => {
    const joined = words.join(' ');
    if (full.join(' ') === joined) matches.push({ entity, strength: 4 });
    else if (words.length < full.length && full.slice(full.length - words.length).join(' ') === joined)
      matches.push({ entity, strength: 3 });
    else if (words.length < full.length && full.slice(0, words.length).join(' ') === joined)
      matches.push({ entity, strength: 2 });
    else if (words.length === 1 && full.slice(1, -1).includes(words[0]!)) matches.push({ entity, strength: 1 });
  });
  if (!matches.length) return undefined;
  const best = Math.max(...matches.map((m) => m.strength));
  // A lone given name ("David") joins the one person it opens, as a mention and never as an alias.
  if (best === 2 && words.length === 1 && GIVEN_NAMES.has(words[0]!.toLowerCase())) {
    candidate.firstNameOnly = true;
    return matches.length === 1 ? matches[0]!.entity : null;
  }
  const tied = matches.filter((m) => m.strength === best || m.strength >= 2);
  if (tied.length === 1) return tied[0]!.entity;
  // Ambiguous short form: the entity mentioned most recently before it.
  let chosen: number | undefined;
  let bestDistance = Infinity;
  for (const m of tied) {
    for (const [other, entity] of entityOf) {
      if (entity !== m.entity || other.tokenStart > candidate.tokenStart) continue;
      const distance = candidate.tokenStart - other.tokenStart;
      if (distance < bestDistance) {
        bestDistance = distance;
        chosen = m.entity;
      }
    }
  }
  return chosen ?? tied.sort((a, b) => b.strength - a.strength)[0]!.entity;
}

/** Organisations and places: one entity per type and canonical name. */
function linkByCanonicalName(live: Candidate[], linking: Linking): Map<string, number> {
  const { entities, entityOf } = linking;
  const byName = new Map<string, number>();
  for (const candidate of live) {
    if ((candidate.type !== 'ORGANIZATION' && candidate.type !== 'PLACE') || candidate.sameAs) continue;
    const key = `${candidate.type}:${placeKey(candidate.name)}`;
    let entity = byName.get(key);
    if (entity === undefined) {
      entity = entities.length;
      entities.push({
        type: candidate.type,
        name: candidate.name,
        aliases: new Set(),
        role: null,
        standsFor: null,
        gender: null,
        isNewsAgency: !!candidate.isNewsAgency,
        country: candidate.place?.country ?? null,
        confidence: candidate.confidence,
      });
      byName.set(key, entity);
    }
    entityOf.set(candidate, entity);
  }
  return byName;
}

function relink(linking: Linking, from: number, to: number): void {
  for (const [candidate, entity] of linking.entityOf) if (entity === from) linking.entityOf.set(candidate, to);
}

/** "Authority" after "Palestinian Authority": a short name that ends exactly one longer organisation's name. */
function mergeShortOrganizationNames(organizations: number[], linking: Linking): void {
  const { entities } = linking;
  for (const short of organizations) {
    const shortName = placeKey(entities[short]!.name);
    const longer = organizations.filter((e) => e !== short && placeKey(entities[e]!.name).endsWith(' ' + shortName));
    if (longer.length !== 1) continue;
    relink(linking, short, longer[0]!);
  }
}

/** An acronym of exactly one organisation's initials is that organisation. */
function mergeAcronyms(organizations: number[], linking: Linking): void {
  const { entities } = linking;
  for (const acronymEntity of organizations) {
    const acronym = entities[acronymEntity]!.name;
    if (!isAcronym(acronym)) continue;
    const expanded = organizations.filter((e) => {
      const words = entities[e]!.name.split(/\s+/).filter((w) => /^\p{Lu}/u.test(w));
      const initials = (from: number) =>
        words
          .slice(from)
          .map((w) => w[0])
          .join('');
      // "U.S. Federal Aviation Administration" is the FAA: a leading place or demonym is not part of the acronym.
      const leadingPlace = words.length > 2 && !!(lookupPlace(words[0]!) || lookupDemonym(words[0]!));
      return e !== acronymEntity && (initials(0) === acronym || (leadingPlace && initials(1) === acronym));
    });
    if (expanded.length !== 1) continue;
    relink(linking, acronymEntity, expanded[0]!);
  }
}

/** Acronyms in parentheses after an organisation name: "People’s National Congress (PNC)". */
function mergeParenthesisedAcronyms(context: EntityContext, live: Candidate[], linking: Linking): void {
  const { tokens } = context;
  const { entities, entityOf } = linking;
  for (const candidate of live) {
    const entity = entityOf.get(candidate);
    if (entity === undefined || entities[entity]!.type !== 'ORGANIZATION') continue;
    const open = tokens[candidate.tokenEnd];
    const acronym = tokens[candidate.tokenEnd + 1];
    if (open?.text !== '(' || !acronym || !isAcronym(acronym.text) || tokens[candidate.tokenEnd + 2]?.text !== ')')
      continue;
    for (const other of live) {
      const otherEntity = entityOf.get(other);
      if (otherEntity === undefined || otherEntity === entity || entities[otherEntity]!.name !== acronym.text) continue;
      entityOf.set(other, entity);
    }
  }
}

/** "the Nationalist Party, also known as the Kuomintang": one organisation under two names. */
function mergeAlsoKnownAs(context: EntityContext, live: Candidate[], linking: Linking): void {
  const { tokens } = context;
  const { entities, entityOf } = linking;
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
    relink(linking, otherEntity, entity);
  }
}

/** Headline names with no cue of their own take the type of the same name in the body. */
function linkHeadlineNames(context: EntityContext, live: Candidate[], linking: Linking, personWords: string[][]): void {
  const { entityOf } = linking;
  for (const candidate of live) {
    if (
      candidate.type !== 'UNKNOWN' ||
      !(context.inHeadline(candidate.tokenStart) || context.titleCaseSegment(candidate.tokenStart))
    )
      continue;
    const words = nameWords(context, candidate).join(' ');
    const entity = personWords.findIndex(
      (full) => full.join(' ') === words || full[full.length - 1] === words || full[0] === words,
    );
    if (entity >= 0) entityOf.set(candidate, entity);
    else {
      const same = [...entityOf.entries()].find(
        ([other]) => other !== candidate && context.surface(other.tokenStart, other.tokenEnd) === words,
      );
      if (same) entityOf.set(candidate, same[1]);
    }
  }
}
