// Text in, stored article out: extraction plus the article writer, shared by the ingestArticle mutation, the ingest
// CLI and `npm run seed -- --from-text`, so the three entry points store a story identically.
import type { ArticleDraft } from '../article/article-draft.ts';
import { LIMITS } from '../article/article-mutations.input.ts';
import { persistArticleDraft, validateDraft, type PersistResult } from '../article/article-writer.ts';
import { creditBylineAuthors } from '../author/byline-credits.ts';
import type { PrismaClient } from '../db/client.ts';
import { slugify } from '../shared/slug.ts';
import { createExtractor, type Extractor } from './extractor.ts';

/** What the caller knows that the text does not say; each given field replaces the extracted value. */
interface IngestMetadata {
  slug?: string | null;
  section?: string | null;
  tags?: string[] | null;
  byline?: string | null;
  source?: string | null;
  canonicalUrl?: string | null;
  publishedAt?: string | null;
  language?: string | null;
  /** A wire embargo (ISO-8601): a time ahead of `now` stores the story SCHEDULED to be published then. */
  embargoUntil?: string | null;
}

export interface IngestOptions {
  metadata?: IngestMetadata;
  /** Publish the article; otherwise a new one is a DRAFT and an existing one keeps its status. */
  publish?: boolean;
  extractor?: Extractor;
  apiKeyId?: string | null;
  editor?: string | null;
  /** Where the text came from (a file path), for error messages. */
  origin?: string;
  /** What time it is, to tell an embargo ahead from one already lifted; the system clock's when absent. */
  now?: Date;
}

export interface IngestResult extends PersistResult {
  draft: ArticleDraft;
  found: { entities: number; quotes: number; media: number };
}

/** The text could not be read as a story (empty, no headline...): the caller's to fix. */
export class StoryTextError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StoryTextError';
  }
}

let defaultExtractor: Extractor | undefined;

/** Runs the extractor and lays the caller's metadata over its draft. */
export function extractStory(
  text: string,
  options: Pick<IngestOptions, 'metadata' | 'extractor' | 'origin'> = {},
): ArticleDraft {
  const extractor = options.extractor ?? (defaultExtractor ??= createExtractor());
  const metadata = options.metadata ?? {};
  let draft: ArticleDraft;
  try {
    draft = extractor.extract(text, {
      ...(metadata.slug ? { slug: metadata.slug } : {}),
      section: metadata.section ?? null,
      canonicalUrl: metadata.canonicalUrl ?? null,
      publishedAt: metadata.publishedAt ?? null,
      language: metadata.language ?? null,
      ...(options.origin ? { origin: options.origin } : {}),
    });
  } catch (error) {
    throw new StoryTextError((error as Error).message);
  }
  if (!(draft.slug ?? slugify(draft.headline)))
    throw new StoryTextError('The headline (line 1) has no letters or digits to make a slug from.');
  // An inconsistent draft here is the extractor's bug, not the caller's: keep it out of BAD_USER_INPUT.
  try {
    validateDraft(draft);
  } catch (error) {
    throw new Error(`The ${extractor.name} extractor produced an inconsistent draft: ${(error as Error).message}`, {
      cause: error,
    });
  }
  checkExtractedSizes(draft);
  const overrides: Partial<ArticleDraft> = {};
  if (metadata.tags != null) overrides.tags = metadata.tags;
  if (metadata.byline != null) overrides.byline = metadata.byline;
  if (metadata.source != null) overrides.source = metadata.source;
  if (metadata.language != null) overrides.language = metadata.language;
  return { ...draft, ...overrides };
}

/**
 * Extracts and stores a story in one transaction (nothing is written when any part fails), the people its byline names
 * credited as its authors. Idempotent by slug: the same text again is `unchanged`, an edited text replaces the
 * article's content as a new revision.
 */
export async function ingestStory(
  prisma: PrismaClient,
  text: string,
  options: IngestOptions = {},
): Promise<IngestResult> {
  const draft = extractStory(text, options);
  const slug = draft.slug ?? slugify(draft.headline);
  // Without `publish`, re-ingesting never unpublishes (or un-withdraws) a story: it keeps the stored status. Read
  // before the write's transaction; a status change racing an ingest of the same story is the editors' to settle.
  const existing = options.publish
    ? null
    : await prisma.article.findUnique({ where: { slug }, select: { status: true, deletedAt: true } });
  const embargo = embargoAhead(options.metadata?.embargoUntil, options.now ?? new Date());
  // An embargo holds even with `publish` (and hides an already published story again): it is the wire's legal terms.
  const status = embargo
    ? 'SCHEDULED'
    : options.publish
      ? 'PUBLISHED'
      : existing && !existing.deletedAt
        ? existing.status
        : 'DRAFT';
  const result = await persistArticleDraft(prisma, draft, {
    status,
    publishAt: embargo,
    onExisting: 'replace',
    apiKeyId: options.apiKeyId ?? null,
    editor: options.editor ?? 'ingest',
    afterWrite: (tx, articleId) => creditBylineAuthors(tx, articleId, draft.byline),
  });
  return { ...result, draft, found: countFound(draft) };
}

/** The embargo's end when it lies ahead of `now`; null when there is none or it has already lifted. */
function embargoAhead(embargoUntil: string | null | undefined, now: Date): Date | null {
  if (!embargoUntil) return null;
  const until = new Date(embargoUntil);
  if (Number.isNaN(until.getTime())) throw new StoryTextError(`The embargo "${embargoUntil}" is not a date-time.`);
  return until.getTime() > now.getTime() ? until : null;
}

/**
 * The sizes createArticle accepts, applied to what was extracted: text that is not a story (a data dump, a run of
 * capitalised words) can yield a "headline" or "name" thousands of characters long, which indexes cannot hold.
 */
function checkExtractedSizes(draft: ArticleDraft): void {
  const checks: Array<[string, string | null | undefined, number]> = [
    ['headline (line 1)', draft.headline, LIMITS.headline],
    ['standfirst', draft.standfirst, LIMITS.standfirst],
    ['byline', draft.byline, LIMITS.shortText],
    ['source line', draft.source, LIMITS.shortText],
    ...draft.entities.flatMap((e): Array<[string, string, number]> =>
      [e.name, ...(e.aliases ?? [])].map((name) => [`name "${name.slice(0, 40)}…"`, name, LIMITS.shortText]),
    ),
    ...draft.media.flatMap((m): Array<[string, string | null | undefined, number]> => [
      ['photo caption', m.caption, LIMITS.caption],
      ['photo credit', m.credit.raw, LIMITS.shortText],
    ]),
  ];
  for (const [what, value, max] of checks) {
    if (value && value.length > max)
      throw new StoryTextError(
        `The ${what} found is ${value.length} characters long (at most ${max}): is this a story, headline first?`,
      );
  }
}

function countFound(draft: ArticleDraft): IngestResult['found'] {
  return { entities: draft.entities.length, quotes: draft.quotes.length, media: draft.media.length };
}
