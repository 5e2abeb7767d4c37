// ninjs in: a ninjs 3.1 document becomes an article through the same extraction and writer as a plain-text story,
// with the document's own annotations laid over what extraction found (they win), its media associations stored with
// their credits, and idempotence by `uri` + `version`: the same or an older version again changes nothing.
import { createHash } from 'node:crypto';

import type { ArticleDraft, DraftEntity, DraftMention } from '../../article/article-draft.ts';
import { persistArticleDraft } from '../../article/article-writer.ts';
import type { PrismaClient } from '../../db/client.ts';
import type { ArticleStatus } from '../../generated/prisma/enums.ts';
import { extractStory, type IngestOptions, type IngestResult } from '../../ingest/ingest.service.ts';
import { slugify } from '../../shared/slug.ts';
import { ninjsProblems, type NinjsProblem } from './ninjs-schema.ts';
import { readNinjsStory, type NinjsAnnotation, type NinjsDocument, type NinjsStory } from './ninjs-story.ts';

/** Deeper than any real document (associations of associations): refused before the schema's recursive check. */
const MAX_NESTING = 32;

/** Mentions found per annotated entity the extractor missed. */
const MAX_MENTIONS_PER_ENTITY = 50;

/** The text is not a ninjs 3.1 document: `problems` name each failing place by JSON pointer. */
export class NinjsDocumentError extends Error {
  constructor(
    message: string,
    readonly problems: NinjsProblem[] = [],
  ) {
    super(message);
    this.name = 'NinjsDocumentError';
  }
}

/** Whether `text` is a JSON object: a ninjs document rather than a plain-text story (whose line 1 is a headline). */
export function looksLikeJson(text: string): boolean {
  return /^\s*\{/.test(text) && /\}\s*$/.test(text);
}

/** How deeply objects and arrays nest in `value`, counted without recursion, stopping past `limit`. */
function nestingDepth(value: unknown, limit: number): number {
  let deepest = 0;
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length) {
    const [current, depth] = stack.pop()!;
    if (current === null || typeof current !== 'object') continue;
    deepest = Math.max(deepest, depth);
    if (deepest > limit) return deepest;
    for (const child of Object.values(current)) stack.push([child, depth + 1]);
  }
  return deepest;
}

/** Parses and validates a ninjs 3.1 document (`format` an annotation, as JSON Schema 2020-12 has it by default). */
export function parseNinjs(text: string): NinjsDocument {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new NinjsDocumentError(`not JSON: ${(error as Error).message}`);
  }
  if (nestingDepth(document, MAX_NESTING) > MAX_NESTING)
    throw new NinjsDocumentError(`nested more than ${MAX_NESTING} levels deep`);
  const problems = ninjsProblems(document, { assertFormats: false });
  if (problems.length)
    throw new NinjsDocumentError(
      `not a valid ninjs 3.1 document: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}`,
      problems,
    );
  return document as NinjsDocument;
}

/** Whether version `incoming` is newer than `stored`: as integers, else as instants, else any different string. */
export function isNewerVersion(incoming: string, stored: string): boolean {
  if (/^\d+$/.test(incoming) && /^\d+$/.test(stored)) return BigInt(incoming) > BigInt(stored);
  const [a, b] = [Date.parse(incoming), Date.parse(stored)];
  if (!Number.isNaN(a) && !Number.isNaN(b)) return a > b;
  return incoming !== stored;
}

const sameName = (entity: DraftEntity, name: string) =>
  [entity.name, ...(entity.aliases ?? [])].some((n) => n.toLowerCase() === name.toLowerCase());

/** Whole-word occurrences of `name` in the headline and text blocks, as mentions of `entityKey`. */
function mentionsOf(draft: ArticleDraft, name: string, entityKey: string): DraftMention[] {
  const fields: Array<Pick<DraftMention, 'field' | 'blockPosition'> & { text: string }> = [
    { field: 'HEADLINE', blockPosition: null, text: draft.headline },
    ...draft.blocks.flatMap((block, position) =>
      block.kind === 'MEDIA' ? [] : [{ field: 'BODY' as const, blockPosition: position, text: block.text }],
    ),
  ];
  const mentions: DraftMention[] = [];
  const isWordChar = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}]/u.test(c);
  for (const { field, blockPosition, text } of fields) {
    for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + name.length)) {
      if (isWordChar(text[at - 1]) || isWordChar(text[at + name.length])) continue;
      mentions.push({ entityKey, surface: name, field, blockPosition, startOffset: at, endOffset: at + name.length });
      if (mentions.length === MAX_MENTIONS_PER_ENTITY) return mentions;
    }
  }
  return mentions;
}

/**
 * The document's annotations over the extracted entities: an extracted entity of the same name (or alias) takes the
 * annotation's type, name, Wikidata id and role; an annotated entity extraction missed is added with the mentions
 * of its name found in the text.
 */
function applyAnnotations(draft: ArticleDraft, annotations: NinjsAnnotation[]): ArticleDraft {
  const entities = [...draft.entities];
  const mentions = [...draft.mentions];
  annotations.forEach((annotation, i) => {
    const index = entities.findIndex((entity) => sameName(entity, annotation.name));
    if (index >= 0) {
      const found = entities[index]!;
      entities[index] = {
        ...found,
        type: annotation.type,
        name: annotation.name,
        aliases: found.name === annotation.name ? found.aliases : [...(found.aliases ?? []), found.name],
        wikidataId: annotation.wikidataId ?? found.wikidataId ?? null,
        role: annotation.role ?? found.role ?? null,
      };
      return;
    }
    const key = `ninjs-e${i + 1}`;
    entities.push({
      key,
      type: annotation.type,
      name: annotation.name,
      wikidataId: annotation.wikidataId,
      role: annotation.role,
    });
    mentions.push(...mentionsOf(draft, annotation.name, key));
  });
  return { ...draft, entities, mentions };
}

/** The article draft of a ninjs story: extraction over its text, its annotations, metadata and media laid over. */
export function ninjsDraft(
  story: NinjsStory,
  options: Pick<IngestOptions, 'extractor' | 'origin'> & { slug: string },
): ArticleDraft {
  const { metadata } = story;
  const extracted = extractStory(story.text, {
    extractor: options.extractor,
    origin: options.origin,
    metadata: {
      slug: options.slug,
      section: metadata.section,
      tags: metadata.tags,
      byline: metadata.byline,
      source: metadata.source,
      canonicalUrl: metadata.canonicalUrl,
      publishedAt: metadata.publishedAt,
      language: metadata.language,
    },
  });
  const draft = applyAnnotations(
    { ...extracted, headline: story.headline, standfirst: story.standfirst, contributors: metadata.contributors },
    story.annotations,
  );
  const keyOf = (name: string) => draft.entities.find((entity) => sameName(entity, name))?.key;
  const media = story.media.map(({ depictsNames, ...medium }) => ({
    ...medium,
    depicts: [...new Set(depictsNames.map(keyOf).filter((key): key is string => Boolean(key)))],
  }));
  return { ...draft, media: [...draft.media, ...media] };
}

/** The slug a new item gets: its headline's, unless another article has that slug (then the uri's hash is added). */
async function slugForNewItem(prisma: PrismaClient, headline: string, uri: string): Promise<string> {
  const slug = slugify(headline) || 'ninjs-item';
  const taken = await prisma.article.findUnique({ where: { slug }, select: { id: true } });
  return taken ? `${slug.slice(0, 110)}-${createHash('sha256').update(uri).digest('hex').slice(0, 8)}` : slug;
}

function statusFor(
  document: NinjsDocument,
  publish: boolean,
  stored: { status: ArticleStatus; deletedAt: Date | null } | null,
): ArticleStatus {
  if (document.pubStatus === 'canceled') return 'WITHDRAWN';
  if (document.pubStatus === 'withheld') return 'DRAFT';
  if (publish) return 'PUBLISHED';
  return stored && !stored.deletedAt ? stored.status : 'DRAFT';
}

/** What the caller states (the mutation's `metadata`) wins over what the document says. */
function withCallerMetadata(story: NinjsStory, given: IngestOptions['metadata']): NinjsStory {
  const metadata = { ...story.metadata };
  for (const [field, value] of Object.entries(given ?? {}))
    if (value != null && field in metadata) Object.assign(metadata, { [field]: value });
  return { ...story, metadata };
}

export interface NinjsIngestResult extends IngestResult {
  uri: string;
  /** The version stored for the uri: the document's `version`, else its `versionCreated`; empty when it has neither. */
  version: string;
}

/**
 * Stores a validated ninjs document as an article in one transaction (the item's uri and version with it). A uri
 * seen before updates its article in place when the version is newer and changes nothing otherwise.
 */
export async function ingestNinjs(
  prisma: PrismaClient,
  document: NinjsDocument,
  options: IngestOptions = {},
): Promise<NinjsIngestResult> {
  const version = document.version ?? document.versionCreated ?? '';
  const story = withCallerMetadata(readNinjsStory(document), options.metadata);
  const known = await prisma.ninjsItem.findUnique({
    where: { uri: document.uri },
    include: { article: { select: { id: true, slug: true, status: true, deletedAt: true, revision: true } } },
  });
  const slug =
    known?.article.slug ?? options.metadata?.slug ?? (await slugForNewItem(prisma, story.headline, document.uri));
  const draft = ninjsDraft(story, { ...options, slug });
  const found = { entities: draft.entities.length, quotes: draft.quotes.length, media: draft.media.length };
  if (known && version && !isNewerVersion(version, known.version)) {
    const { id, revision } = known.article;
    return {
      articleId: id,
      slug,
      created: false,
      unchanged: true,
      revision,
      entityIds: new Map(),
      changes: [],
      draft,
      found,
      uri: document.uri,
      version: known.version,
    };
  }
  const stored =
    known?.article ?? (await prisma.article.findUnique({ where: { slug }, select: { status: true, deletedAt: true } }));
  const result = await persistArticleDraft(prisma, draft, {
    status: statusFor(document, options.publish ?? false, stored),
    onExisting: 'replace',
    apiKeyId: options.apiKeyId ?? null,
    editor: options.editor ?? 'ingest',
    onSettled: async (tx, articleId) => {
      await tx.ninjsItem.upsert({
        where: { uri: document.uri },
        create: { uri: document.uri, articleId, version },
        update: { articleId, version, importedAt: new Date() },
      });
    },
  });
  return { ...result, draft, found, uri: document.uri, version };
}
