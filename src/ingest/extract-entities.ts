// People, organisations and places in an analysed story, as a sequence of named passes over candidate spans:
// find the spans (known names, "Bank of X", runs of capitalised words split at title words), type them by evidence
// (roles, given names, speech verbs, the same name elsewhere, context), link them into entities (full name, surname,
// title + name; acronyms and short forms), and record mentions with roles and capital-city metonymy.
import type { EntityType } from '../generated/prisma/enums.ts';
import type { AnalysedText } from './analyse-text.ts';
import { findCandidateSpans } from './entities/candidate-spans.ts';
import { createContext, type StatedRole } from './entities/context.ts';
import { findDescriptions, type Description } from './entities/descriptions.ts';
import { linkCandidates } from './entities/linking.ts';
import { buildMentions } from './entities/mentions.ts';
import { typeCandidates } from './entities/typing.ts';

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
  descriptions: Description[];
}

export function extractEntities(analysed: AnalysedText, headlineSegment: number | null): EntityExtraction {
  const context = createContext(analysed, headlineSegment);
  findCandidateSpans(context);
  // Spans superseded by a longer pattern (typed UNKNOWN by it) drop out; unknown capitalised runs stay to be typed.
  const live = context.candidates.filter((c) => c.type !== 'UNKNOWN' || c.rule === 'capitalised-run');
  typeCandidates(context, live);
  const descriptions = findDescriptions(context);
  const linking = linkCandidates(context, live);
  const mentions = buildMentions(context, live, linking);
  return { entities: linking.entities, mentions, descriptions };
}
