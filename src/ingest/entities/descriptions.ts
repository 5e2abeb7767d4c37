// Title-only noun phrases ("the Prime Minister", "the Finnish leader", "the Russian") that quote attribution
// resolves to a person or organisation named elsewhere in the story.
import { lookupDemonym } from '../gazetteer/gazetteer.ts';
import { DOCUMENT_NOUNS, ORGANIZATION_ANAPHORS, TITLE_HEADS, TITLE_MODIFIERS } from '../lexicon.ts';
import { adjacent, isCapitalised, type EntityContext } from './context.ts';

export interface Description {
  tokenStart: number;
  tokenEnd: number;
  head: string;
  demonymCountry: string | null;
}

export function findDescriptions(context: EntityContext): Description[] {
  const { tokens, text, claimed } = context;
  const descriptions: Description[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (!/^(the|this)$/.test(tokens[i]!.lower)) continue;
    let k = i + 1;
    let demonymCountry: string | null = null;
    let head: string | null = null;
    while (k < tokens.length && k < i + 5) {
      const t = tokens[k]!;
      const demonym = lookupDemonym(t.text);
      if (demonym && /^\p{Lu}/u.test(t.text)) {
        demonymCountry = demonym;
        k++;
        continue;
      }
      if (TITLE_MODIFIERS.has(t.lower) && !TITLE_HEADS.has(t.lower)) {
        k++;
        continue;
      }
      if (TITLE_HEADS.has(t.lower) || DOCUMENT_NOUNS.has(t.lower) || ORGANIZATION_ANAPHORS.has(t.lower)) {
        head = t.lower;
        k++;
        if (TITLE_HEADS.has(tokens[k]?.lower ?? '')) {
          head = tokens[k]!.lower;
          k++;
        }
        break;
      }
      break;
    }
    const next = tokens[k];
    const followedByName = next && isCapitalised(next) && adjacent(text, tokens[k - 1]!, next) && claimed[k]! >= 0;
    if ((head || demonymCountry) && !followedByName && k > i + 1) {
      const modifiers = tokens.slice(i + 1, k).map((t) => t.lower);
      const fullHead = modifiers.filter((w) => !lookupDemonym(w)).join(' ') || head || '';
      descriptions.push({
        tokenStart: i,
        tokenEnd: k,
        head: fullHead || (demonymCountry ? 'demonym' : ''),
        demonymCountry,
      });
    }
  }
  return descriptions;
}
