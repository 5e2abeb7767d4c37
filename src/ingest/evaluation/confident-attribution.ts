// On the annotated fixtures: how often a speaker readers would see (status CONFIDENT) is right, and what share of all
// gold quotes get a confident, right speaker. The two targets of the review policy (src/quote/attribution-policy.ts).
import type { ArticleDraft } from '../../article/article-draft.ts';
import { isConfidentAttribution } from '../../quote/attribution-policy.ts';
import { normaliseName, sameQuoteText, type GoldStory } from '../score-extraction.ts';

export interface ConfidentAttributionScore {
  goldQuotes: number;
  confident: number;
  confidentRight: number;
}

export const emptyConfidentScore = (): ConfidentAttributionScore => ({
  goldQuotes: 0,
  confident: 0,
  confidentRight: 0,
});

/** Names a gold speaker goes by: its own and, when it is a gold entity, that entity's aliases. */
function acceptedNames(gold: GoldStory, speaker: string | string[] | null): Set<string> {
  const wanted = speaker === null ? [] : Array.isArray(speaker) ? speaker : [speaker];
  return new Set(
    wanted.flatMap((name) => {
      const entity = gold.entities.find((e) => normaliseName(e.name) === normaliseName(name));
      return [name, ...(entity ? [entity.name, ...(entity.aliases ?? [])] : [])].map(normaliseName);
    }),
  );
}

export function scoreConfidentAttribution(draft: ArticleDraft, gold: GoldStory, into: ConfidentAttributionScore): void {
  const taken = new Set<number>();
  into.goldQuotes += gold.quotes.filter((q) => !q.optional).length;
  for (const quote of draft.quotes) {
    const index = gold.quotes.findIndex((g, i) => !taken.has(i) && sameQuoteText(g.text, quote.text));
    if (index >= 0) taken.add(index);
    if (!quote.speakerKey || !isConfidentAttribution(quote)) continue;
    const goldQuote = index >= 0 ? gold.quotes[index]! : null;
    if (goldQuote?.optional) continue;
    into.confident++;
    const speaker = draft.entities.find((e) => e.key === quote.speakerKey)!;
    const names = acceptedNames(gold, goldQuote?.speaker ?? null);
    if ([speaker.name, ...(speaker.aliases ?? [])].some((n) => names.has(normaliseName(n)))) into.confidentRight++;
  }
}

export function formatConfidentAttribution(s: ConfidentAttributionScore): string {
  const precision = s.confident ? s.confidentRight / s.confident : 1;
  return `  confident speakers: ${s.confidentRight}/${s.confident} right (precision ${precision.toFixed(3)}); confident and right for ${s.confidentRight}/${s.goldQuotes} gold quotes (${(s.goldQuotes ? s.confidentRight / s.goldQuotes : 0).toFixed(3)})`;
}
