// The extraction contract: text in, ArticleDraft out, no database. Implementations are chosen by name so a stronger
// extractor (a statistical model, a hosted service) can replace the rule-based one by configuration.
import type { ArticleDraft } from '../article/article-draft.ts';
import { RuleBasedExtractor } from './rule-based-extractor.ts';

export interface ExtractionMetadata {
  /** Overrides the slug derived from the headline. */
  slug?: string;
  publishedAt?: string | null;
  section?: string | null;
  canonicalUrl?: string | null;
  /** ISO 639-1 code of the text (default `en`). */
  language?: string | null;
  /** Where the text came from (a file path), for error messages only. */
  origin?: string;
}

export interface Extractor {
  readonly name: string;
  extract(text: string, metadata?: ExtractionMetadata): ArticleDraft;
}

const EXTRACTORS: Record<string, () => Extractor> = {
  rules: () => new RuleBasedExtractor(),
};

/** The extractor named by `name`, or by NEWSGRAPH_EXTRACTOR, or the rule-based default. */
export function createExtractor(name: string = process.env.NEWSGRAPH_EXTRACTOR ?? 'rules'): Extractor {
  const factory = EXTRACTORS[name];
  if (!factory) throw new Error(`Unknown extractor "${name}"; available: ${Object.keys(EXTRACTORS).join(', ')}.`);
  return factory();
}
