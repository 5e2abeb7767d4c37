// Mentions: each linked candidate becomes a mention with its stated role and metonymy ("Moscow said" is Russia's
// government); entities collect aliases, their most stated role, gender and country from the mentions.
import type { Token } from '../analyse-text.ts';
import { lookupDemonym, lookupPlace, placeKey } from '../gazetteer/gazetteer.ts';
import { FEMALE_GIVEN_NAMES, GENDERED_WORDS, GIVEN_NAMES, LOCATIVE_WORDS, UNGENDERED_GIVEN_NAMES } from '../lexicon.ts';
import { isPossessive, type Candidate, type EntityContext } from './context.ts';
import type { EntityMention, ExtractedEntity } from '../extract-entities.ts';
import type { Linking } from './linking.ts';

type RoleVotes = Map<number, Map<string, { count: number; first: number }>>;

export function buildMentions(context: EntityContext, live: Candidate[], linking: Linking): EntityMention[] {
  const { tokens } = context;
  const { entities, entityOf } = linking;
  const mentions: EntityMention[] = [];
  const roleVotes: RoleVotes = new Map();
  for (const candidate of live) {
    const entity = entityOf.get(candidate);
    if (entity === undefined) continue;
    const record = entities[entity]!;
    const surface = context.surface(candidate.tokenStart, candidate.tokenEnd);
    if (surface !== record.name && !candidate.firstNameOnly) record.aliases.add(surface);
    // "the German foreign ministry" is also "the foreign ministry", as the story's later mentions call it.
    if (candidate.rule === 'ministry-pattern') record.aliases.add(surface.replace(/^\S+\s+/, ''));
    const isMetonymy = readMetonymy(context, candidate, record, surface);
    if (candidate.standsFor && record.type === 'ORGANIZATION') record.standsFor = candidate.standsFor;
    const role = record.type === 'PERSON' ? candidate.role : null;
    mentions.push({
      entity,
      tokenStart: candidate.tokenStart,
      tokenEnd: candidate.tokenEnd,
      start: tokens[candidate.tokenStart]!.start,
      end: tokens[candidate.tokenEnd - 1]!.end,
      surface,
      role,
      isMetonymy,
      confidence: candidate.confidence,
      rule: candidate.rule,
    });
    if (role && !context.inHeadline(candidate.tokenStart))
      voteForRole(roleVotes, entity, role.text, candidate.tokenStart);
    if (record.type === 'PERSON') readPersonAttributes(context, candidate, record);
  }
  genderFromGivenNames(entities);
  for (const [entity, votes] of roleVotes) {
    const best = [...votes.entries()].sort((a, b) => b[1].count - a[1].count || a[1].first - b[1].first)[0];
    if (best) entities[entity]!.role = best[0];
  }
  mentions.sort((a, b) => a.start - b.start);
  return mentions;
}

function voteForRole(roleVotes: RoleVotes, entity: number, role: string, at: number): void {
  const votes = roleVotes.get(entity) ?? new Map();
  const vote = votes.get(role) ?? { count: 0, first: at };
  vote.count += 1;
  votes.set(role, vote);
  roleVotes.set(entity, votes);
}

/** A capital (or Washington) used for its government: not after a locative word, in a list of places or a dateline. */
function readMetonymy(context: EntityContext, candidate: Candidate, record: ExtractedEntity, surface: string): boolean {
  const { tokens } = context;
  if (!(
    record.type === 'PLACE' &&
    (candidate.place?.kind === 'capital' || record.name === 'Washington') &&
    candidate.place?.country
  ))
    return false;
  const previous = tokens[candidate.tokenStart - 1];
  const next = tokens[candidate.tokenEnd];
  const locative = previous && (LOCATIVE_WORDS.has(previous.lower) || previous.lower === 'city');
  const placeList = next?.text === ',' && lookupPlace(tokens[candidate.tokenEnd + 1]?.text ?? '');
  const dateline = surface === surface.toUpperCase() && surface.length > 3;
  const possessive = isPossessive(next) && previous?.lower !== 'city'; // "Moscow’s troops": the government's
  const isMetonymy =
    (possessive || (!locative && !placeList)) && !dateline && !context.inHeadline(candidate.tokenStart);
  if (isMetonymy) record.standsFor = candidate.place.country;
  return isMetonymy;
}

/** Gender and country of a person from the mention's role, honorific and a possessive place in front. */
function readPersonAttributes(context: EntityContext, candidate: Candidate, record: ExtractedEntity): void {
  const role = candidate.role;
  if (role) {
    const gendered = role.text
      .toLowerCase()
      .split(/\s+/)
      .map((w) => GENDERED_WORDS[w])
      .find(Boolean);
    if (gendered) record.gender = gendered;
    // Nationality from the role: a demonym or a country ("Brazil's Environment Minister"), not a city ("Liverpool head coach").
    const countryOf = (word: string) => {
      const place = lookupPlace(word);
      return place?.kind === 'country' ? place.name : undefined;
    };
    const country = role.text
      .split(/\s+/)
      .map((w) => lookupDemonym(w.replace(/['’]s$/, '')) ?? countryOf(w.replace(/['’]s$/, '')))
      .find(Boolean);
    if (country) record.country ??= country;
  }
  const previous: Token | undefined = context.tokens[candidate.tokenStart - 1];
  if (previous && /^(mr|sir|lord)\.?$/.test(previous.lower)) record.gender = 'm';
  if (previous && /^(mrs|ms|miss|lady|dame)\.?$/.test(previous.lower)) record.gender = 'f';
  // "Italy's Jannik Sinner": a possessive place in front ties the person to it.
  if (isPossessive(previous)) {
    const owner = context.tokens[candidate.tokenStart - 2];
    const place = owner ? lookupPlace(owner.text) : undefined;
    if (place?.kind === 'country') record.country ??= place.name;
  }
}

/** A common given name tells pronoun resolution who "she" can be (role words and honorifics take precedence). */
function genderFromGivenNames(entities: ExtractedEntity[]): void {
  for (const entity of entities) {
    if (entity.type !== 'PERSON' || entity.gender) continue;
    const first = placeKey(entity.name.split(/\s+/)[0] ?? '');
    if (!GIVEN_NAMES.has(first) || UNGENDERED_GIVEN_NAMES.has(first) || entity.name.split(/\s+/).length < 2) continue;
    entity.gender = FEMALE_GIVEN_NAMES.has(first) ? 'f' : 'm';
  }
}
