// Stores an ArticleDraft and everything linked to it in one transaction: the article and its blocks, entities
// (matched to existing ones by Wikidata QID, slug, or name + type), mentions and per-article entity summaries,
// quotes with speakers, media with credits and depicted entities, and the change-feed event.
// Idempotent by slug: writing the same story again replaces its content in place, never duplicating it.
import { createHash } from 'node:crypto';

import type { ArticleDraft, DraftEntity, DraftMention } from './article-draft.ts';
import { recordsOfArticles } from '../cache/touched-records.ts';
import { slugify } from '../shared/slug.ts';
import { DraftValidationError, SlugTakenError } from '../shared/write-errors.ts';
import { combinedWriteStatement, type BulkInsert, type StatementParams } from '../db/bulk-insert.ts';
import { newRowId } from '../db/ids.ts';
import { markIssues } from './rich-text/marks.ts';
import { matchSpeakerDecisions, storedSpeaker, type SpeakerDecision } from '../quote/speaker-decisions.ts';
import { storeScheduleWithStatus } from '../scheduling/scheduled-jobs.ts';
import type { Prisma, PrismaClient } from '../generated/prisma/client.ts';
import type { ArticleStatus, ChangeKind } from '../generated/prisma/enums.ts';

export type TransactionClient = Prisma.TransactionClient;

export interface PersistOptions {
  /** Overrides draft.status. */
  status?: ArticleStatus;
  apiKeyId?: string | null;
  editor?: string | null;
  /** When the slug already exists: 'replace' (seed, ingest) or 'reject' (createArticle). */
  onExisting?: 'replace' | 'reject';
  /** More writes in the same transaction once the content is written (ingest's byline credits); skipped when unchanged. */
  afterWrite?: (tx: TransactionClient, articleId: string) => Promise<void>;
  /** Runs in the write's transaction once the article row is settled (written or unchanged): records of the caller's. */
  onSettled?: (tx: TransactionClient, articleId: string) => Promise<void>;
  /** With status SCHEDULED: when the scheduler publishes it (an embargo); its pending PUBLISH job is replaced. */
  publishAt?: Date | null;
}

export interface PersistResult {
  articleId: string;
  slug: string;
  created: boolean;
  /** True when the stored article already had exactly this content and status: nothing was written. */
  unchanged: boolean;
  revision: number;
  entityIds: Map<string, string>;
  /** Change-feed events written (none when unchanged); publish them to live subscribers after commit. */
  changes: RecordedChange[];
  /** Global IDs of the records the replaced article was linked to before (the response cache evicts them). */
  formerRecords?: string[];
}

/** One change-feed row as written. */
export interface RecordedChange {
  id: bigint;
  articleId: string;
  kind: ChangeKind;
  revision: number;
  at: Date;
}

const FIELD_WEIGHT = { HEADLINE: 5, STANDFIRST: 3, CAPTION: 2, CREDIT: 0.5, BODY: 1 } as const;

function countWords(text: string): number {
  return text.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
}

/** Checks the internal consistency the database cannot: keys resolve, offsets point at the stated text. */
export function validateDraft(draft: ArticleDraft): void {
  const entityKeys = new Set<string>();
  draft.entities.forEach((entity, i) => {
    if (entityKeys.has(entity.key))
      throw new DraftValidationError(`Duplicate entity key "${entity.key}".`, `entities.${i}.key`);
    entityKeys.add(entity.key);
  });
  const mediaKeys = new Set(draft.media.map((m) => m.key));
  const blockText = (position: number | null | undefined) =>
    position == null ? undefined : draft.blocks[position]?.text;
  draft.blocks.forEach((block, i) => {
    if (block.kind === 'MEDIA' && (!block.mediaKey || !mediaKeys.has(block.mediaKey)))
      throw new DraftValidationError(`MEDIA block ${i} must name one of the article's media.`, `blocks.${i}.mediaKey`);
    const separators = block.kind === 'LIST' ? '\n' : block.kind === 'TABLE' ? '\t\n' : '';
    const [issue] = markIssues(block.text, block.marks ?? [], separators);
    if (issue)
      throw new DraftValidationError(
        `Mark ${issue.index} ${issue.message}.`,
        `blocks.${i}.marks.${issue.index}.${issue.field}`,
      );
  });
  draft.mentions.forEach((mention, i) => {
    if (!entityKeys.has(mention.entityKey))
      throw new DraftValidationError(`Unknown entity key "${mention.entityKey}".`, `mentions.${i}.entityKey`);
    const text = mentionFieldText(draft, mention);
    if (text === undefined)
      throw new DraftValidationError(
        `Mention ${i} points at a block that does not exist.`,
        `mentions.${i}.blockPosition`,
      );
    if (text !== null && text.slice(mention.startOffset, mention.endOffset) !== mention.surface)
      throw new DraftValidationError(`Mention offsets do not cover "${mention.surface}".`, `mentions.${i}.startOffset`);
  });
  draft.quotes.forEach((quote, i) => {
    if (quote.speakerKey && !entityKeys.has(quote.speakerKey))
      throw new DraftValidationError(`Unknown speaker key "${quote.speakerKey}".`, `quotes.${i}.speakerKey`);
    const text = blockText(quote.blockPosition);
    if (text === undefined)
      throw new DraftValidationError(`Quote ${i} points at a block that does not exist.`, `quotes.${i}.blockPosition`);
    if (text.slice(quote.startOffset, quote.endOffset) !== quote.text)
      throw new DraftValidationError(`Quote offsets do not cover its text.`, `quotes.${i}.startOffset`);
  });
  draft.media.forEach((media, i) => {
    media.depicts.forEach((key, j) => {
      if (!entityKeys.has(key))
        throw new DraftValidationError(`Unknown entity key "${key}".`, `media.${i}.depicts.${j}`);
    });
  });
}

/** The text a mention's offsets refer to; null when the field carries no checkable text (credit). */
function mentionFieldText(draft: ArticleDraft, mention: DraftMention): string | null | undefined {
  switch (mention.field) {
    case 'HEADLINE':
      return draft.headline;
    case 'STANDFIRST':
      return draft.standfirst ?? undefined;
    case 'BODY':
      return mention.blockPosition == null ? undefined : draft.blocks[mention.blockPosition]?.text;
    case 'CAPTION': {
      const block = mention.blockPosition == null ? undefined : draft.blocks[mention.blockPosition];
      return block?.mediaKey ? (draft.media.find((m) => m.key === block.mediaKey)?.caption ?? undefined) : undefined;
    }
    case 'CREDIT': {
      const block = mention.blockPosition == null ? undefined : draft.blocks[mention.blockPosition];
      return block?.mediaKey ? (draft.media.find((m) => m.key === block.mediaKey)?.credit.raw ?? null) : undefined;
    }
  }
}

interface EntitySummary {
  entityKey: string;
  mentionCount: number;
  relevance: number;
  role: string | null;
  firstPosition: number;
}

/**
 * Per-article prominence of each entity: mentions weighted by where they stand (headline > standfirst > caption >
 * body, earlier body paragraphs above later ones), plus quotes said; scaled so the most prominent entity is 1.
 */
function summarizeEntities(draft: Pick<ArticleDraft, 'entities' | 'mentions' | 'quotes'>): EntitySummary[] {
  const byKey = new Map<string, EntitySummary & { score: number }>();
  for (const entity of draft.entities) {
    byKey.set(entity.key, {
      entityKey: entity.key,
      mentionCount: 0,
      relevance: 0,
      role: entity.role ?? null,
      firstPosition: Number.MAX_SAFE_INTEGER,
      score: 0,
    });
  }
  for (const mention of draft.mentions) {
    const summary = byKey.get(mention.entityKey);
    if (!summary) continue;
    summary.mentionCount += 1;
    const position = mention.field === 'HEADLINE' || mention.field === 'STANDFIRST' ? -1 : (mention.blockPosition ?? 0);
    summary.firstPosition = Math.min(summary.firstPosition, position);
    const decay = mention.field === 'BODY' ? 1 / (1 + 0.15 * (mention.blockPosition ?? 0)) : 1;
    summary.score += FIELD_WEIGHT[mention.field] * decay;
    if (!summary.role && mention.role) summary.role = mention.role;
  }
  for (const quote of draft.quotes) {
    const summary = quote.speakerKey ? byKey.get(quote.speakerKey) : undefined;
    if (summary) summary.score += 0.5;
  }
  const max = Math.max(0, ...[...byKey.values()].map((s) => s.score));
  return [...byKey.values()].map(({ score, ...summary }) => ({
    ...summary,
    firstPosition: summary.firstPosition === Number.MAX_SAFE_INTEGER ? 0 : summary.firstPosition,
    relevance: max > 0 ? Math.round((score / max) * 1000) / 1000 : 0,
  }));
}

type ResolvableEntity = DraftEntity & { slug?: string | null };
type StoredEntity = {
  id: string;
  type: string;
  name: string;
  slug: string;
  aliases: string[];
  wikidataId: string | null;
  description: string | null;
};
type StoredArticle = {
  id: string;
  status: ArticleStatus;
  revision: number;
  publishedAt: Date | null;
  contentHash: string | null;
  deletedAt: Date | null;
};

/** What a write must know of the stored rows before it writes: all of it read in one statement. */
interface StoredRows {
  /** The article with the draft's slug, if any. */
  article: StoredArticle | undefined;
  /** Entities the draft's entities may stand for (see matchStoredEntity). */
  entities: StoredEntity[];
  /** Merge redirects of the draft's entity slugs: old slug → surviving entity. */
  redirectTo: Map<string, string>;
  /** Stored media by URL, which the draft's media reuse. */
  mediaIdByUrl: Map<string, string>;
  /** Articles the draft's ARTICLE_LINK blocks name, by slug and by id: slug or id → article id. */
  linkedArticleIds: Map<string, string>;
}

/** The slugs and ids of the articles a draft's ARTICLE_LINK blocks name. */
function linkedArticleKeys(draft: ArticleDraft): { slugs: string[]; ids: string[] } {
  const links = draft.blocks.flatMap((block) => (block.linkedArticle ? [block.linkedArticle] : []));
  return {
    slugs: links.flatMap((link) => ('slug' in link ? [link.slug] : [])),
    ids: links.flatMap((link) => ('id' in link ? [link.id] : [])),
  };
}

/** The slug each draft entity is matched and stored by: the client's, or one made from the name. */
const entitySlugs = (entities: ResolvableEntity[]) =>
  new Map(entities.map((entity) => [entity.key, entity.slug || slugify(entity.name)]));

async function lookUpStoredRows(
  tx: TransactionClient,
  {
    slug = null,
    entities = [],
    mediaUrls = [],
    links = { slugs: [], ids: [] },
  }: {
    slug?: string | null;
    entities?: ResolvableEntity[];
    mediaUrls?: string[];
    links?: { slugs: string[]; ids: string[] };
  },
): Promise<StoredRows> {
  const qids = entities.flatMap((e) => (e.wikidataId ? [e.wikidataId] : []));
  const slugList = [...entitySlugs(entities).values()];
  const names = entities.map((e) => e.name);
  // ARRAY(...): an IN (subquery) cannot take part in the BitmapOr of the four indexes, and becomes a sequential scan.
  const [row] = await tx.$queryRaw<
    Array<
      Partial<StoredArticle> & {
        entities: StoredEntity[];
        redirects: Array<{ slug: string; entityId: string }>;
        media: Array<{ id: string; url: string }>;
        linked: Array<{ id: string; slug: string }>;
      }
    >
  >`
    SELECT a.id, a.status::text AS status, a.revision, a."publishedAt", a."contentHash", a."deletedAt",
      (SELECT coalesce(json_agg(e), '[]') FROM (
         SELECT id, type::text AS type, name, slug, aliases, "wikidataId", description FROM "Entity"
          WHERE "wikidataId" = ANY(${qids}::text[]) OR slug = ANY(${slugList}::text[])
             OR lower(name) = ANY(ARRAY(SELECT lower(n) FROM unnest(${names}::text[]) n)) OR aliases && ${names}::text[]) e) AS entities,
      (SELECT coalesce(json_agg(r), '[]') FROM (SELECT slug, "entityId" FROM "EntitySlugRedirect" WHERE slug = ANY(${slugList}::text[])) r) AS redirects,
      (SELECT coalesce(json_agg(m), '[]') FROM (SELECT id, url FROM "Media" WHERE url = ANY(${mediaUrls}::text[])) m) AS media,
      (SELECT coalesce(json_agg(l), '[]') FROM (SELECT id, slug FROM "Article" WHERE "deletedAt" IS NULL AND (slug = ANY(${links.slugs}::text[]) OR id = ANY(${links.ids}::uuid[]))) l) AS linked
    FROM (SELECT 1) one LEFT JOIN "Article" a ON a.slug = ${slug}`;
  const { id, status, revision, publishedAt, contentHash, deletedAt } = row;
  return {
    article: id
      ? {
          id,
          status: status!,
          revision: revision!,
          publishedAt: publishedAt ?? null,
          contentHash: contentHash ?? null,
          deletedAt: deletedAt ?? null,
        }
      : undefined,
    entities: row.entities,
    redirectTo: new Map(row.redirects.map((r) => [r.slug, r.entityId])),
    mediaIdByUrl: new Map(row.media.map((m) => [m.url, m.id])),
    linkedArticleIds: new Map(row.linked.flatMap((l) => [[l.slug, l.id] as const, [l.id, l.id] as const])),
  };
}

/** The stored entity a draft entity stands for, in order: Wikidata QID, slug, name + type, alias + type. */
function matchStoredEntity(entity: ResolvableEntity, slug: string, stored: StoredEntity[]): StoredEntity | undefined {
  const name = entity.name.toLowerCase();
  return (
    (entity.wikidataId ? stored.find((e) => e.wikidataId === entity.wikidataId) : undefined) ??
    stored.find((e) => e.slug === slug) ??
    stored.find((e) => e.type === entity.type && e.name.toLowerCase() === name) ??
    stored.find((e) => e.type === entity.type && e.aliases.includes(entity.name))
  );
}

/**
 * Finds the stored entities the draft's entities stand for, creating the missing ones and merging newly seen aliases,
 * in a constant number of statements whatever the number of entities. A client may name an entity's slug
 * (createArticle): merge redirects are followed first. Creation skips rows another writer inserted meanwhile (same
 * slug or QID), then matches again, so two stories naming the same new person at once both succeed.
 * `looked` is what lookUpStoredRows already read for these entities in this transaction.
 */
async function resolveEntities(
  tx: TransactionClient,
  entities: ResolvableEntity[],
  looked?: Pick<StoredRows, 'entities' | 'redirectTo'>,
): Promise<Map<string, string>> {
  const slugs = entitySlugs(entities);
  const { entities: stored, redirectTo } = looked ?? (await lookUpStoredRows(tx, { entities }));
  const resolved = new Map<string, string>();
  const missing: ResolvableEntity[] = [];
  for (const entity of entities) {
    const slug = slugs.get(entity.key)!;
    const viaExplicitSlug = entity.slug ? redirectTo.get(entity.slug) : undefined;
    const match = viaExplicitSlug ? undefined : matchStoredEntity(entity, slug, stored);
    const id = viaExplicitSlug ?? match?.id ?? redirectTo.get(slug);
    if (!id) {
      missing.push(entity);
      continue;
    }
    resolved.set(entity.key, id);
    if (match) {
      const aliases = [...new Set([...match.aliases, ...(entity.aliases ?? [])])].filter((a) => a !== match.name);
      if (
        aliases.length !== match.aliases.length ||
        (!match.wikidataId && entity.wikidataId) ||
        (!match.description && entity.description)
      ) {
        await tx.entity.update({
          where: { id: match.id },
          data: {
            aliases,
            wikidataId: match.wikidataId ?? entity.wikidataId ?? null,
            description: match.description ?? entity.description ?? null,
          },
        });
        match.aliases = aliases;
      }
    }
  }
  if (missing.length) {
    const unique = [...new Map(missing.map((e) => [slugs.get(e.key)!, e])).values()];
    await tx.entity.createMany({
      data: unique.map((entity) => ({
        type: entity.type,
        name: entity.name,
        slug: slugs.get(entity.key)!,
        aliases: [...new Set(entity.aliases ?? [])].filter((a) => a !== entity.name),
        description: entity.description ?? null,
        wikidataId: entity.wikidataId ?? null,
      })),
      skipDuplicates: true,
    });
    const afterInsert = (await lookUpStoredRows(tx, { entities: missing })).entities;
    for (const entity of missing) {
      const match = matchStoredEntity(entity, slugs.get(entity.key)!, afterInsert);
      if (!match)
        throw new DraftValidationError(
          `Entity "${entity.name}" could not be stored.`,
          `entities.${entities.indexOf(entity)}`,
        );
      resolved.set(entity.key, match.id);
    }
  }
  return resolved;
}

/** Replaces everything linked to an article with the draft's content (inside the caller's transaction). */
export async function writeArticleContent(
  tx: TransactionClient,
  articleId: string,
  draft: ArticleDraft,
  { newArticle = false, looked }: { newArticle?: boolean; looked?: StoredRows } = {},
): Promise<Map<string, string>> {
  const decisions = newArticle ? [] : await deleteArticleContent(tx, articleId);
  const decisionFor = matchSpeakerDecisions(draft.quotes, decisions);
  const stored =
    looked ??
    (await lookUpStoredRows(tx, {
      entities: draft.entities,
      mediaUrls: draft.media.map((m) => m.url),
      links: linkedArticleKeys(draft),
    }));
  const entityIds = draft.entities.length
    ? await resolveEntities(tx, draft.entities, stored)
    : new Map<string, string>();
  const mediaIds = mediaIdsOf(draft, stored);
  const depictions = depictionPairs(draft, mediaIds, entityIds);
  const inserts: BulkInsert[] = [
    mediaInsert(draft, mediaIds),
    articleMediaInsert(articleId, draft, mediaIds),
    // What the media depict now (the pairs they no longer depict are deleted by a part of the same statement).
    depictionInsert(depictions),
    blockInsert(articleId, draft, mediaIds, linkedArticleIdsOf(draft, stored)),
    mentionInsert(articleId, draft, entityIds),
    entitySummaryInsert(articleId, draft, entityIds),
    quoteInsert(articleId, draft, entityIds, decisionFor),
  ];
  // Every row linked to the article in one round trip.
  const statement = combinedWriteStatement(inserts, (params) => staleDepictionsDelete(params, mediaIds, depictions));
  if (statement) await tx.$executeRawUnsafe(statement.sql, ...statement.params);
  return entityIds;
}

/**
 * Deletes the article's mentions, entity summaries, quotes, blocks and media links in one statement: the parts run
 * against one snapshot and the foreign keys are checked once all are gone. Editors' speaker decisions come back from
 * the delete, to be applied to the same quotes in the new content.
 */
async function deleteArticleContent(tx: TransactionClient, articleId: string): Promise<SpeakerDecision[]> {
  return tx.$queryRaw<SpeakerDecision[]>`
    WITH mentions AS (DELETE FROM "Mention" WHERE "articleId" = ${articleId}::uuid),
         summaries AS (DELETE FROM "ArticleEntity" WHERE "articleId" = ${articleId}::uuid),
         quotes AS (DELETE FROM "Quote" WHERE "articleId" = ${articleId}::uuid RETURNING *),
         blocks AS (DELETE FROM "ArticleBlock" WHERE "articleId" = ${articleId}::uuid),
         media AS (DELETE FROM "ArticleMedia" WHERE "articleId" = ${articleId}::uuid)
    SELECT text, "blockPosition", "speakerId"::text, "speakerLabel", "speakerRole", "speakerReviewedAt", "speakerReviewedBy"
      FROM quotes WHERE "speakerReviewedAt" IS NOT NULL`;
}

/**
 * Each draft medium's row id. A medium already stored under the draft's URL is reused (and its caption and credit
 * updated); a new one gets its id here, so it is written with the rest of the article's rows in one statement.
 */
function mediaIdsOf(draft: ArticleDraft, stored: StoredRows): Map<string, string> {
  return new Map(draft.media.map((media) => [media.key, stored.mediaIdByUrl.get(media.url) ?? newRowId()]));
}

/** The distinct (media id, entity id) pairs the draft's media depict. */
function depictionPairs(
  draft: ArticleDraft,
  mediaIds: Map<string, string>,
  entityIds: Map<string, string>,
): string[][] {
  return [
    ...new Set(
      draft.media.flatMap((media) => media.depicts.map((key) => `${mediaIds.get(media.key)}|${entityIds.get(key)}`)),
    ),
  ].map((pair) => pair.split('|'));
}

function mediaInsert(draft: ArticleDraft, mediaIds: Map<string, string>): BulkInsert {
  // Two draft media with one stored URL update one row, which a statement may touch only once: the last one wins.
  const mediaRows = [...new Map(draft.media.map((media) => [mediaIds.get(media.key)!, media])).entries()].map(
    ([id, media]) => [
      id,
      media.kind,
      media.url,
      media.caption ?? null,
      media.altText ?? null,
      media.width ?? null,
      media.height ?? null,
      media.credit.raw ?? null,
      media.credit.photographer ?? null,
      media.credit.pool ?? false,
      media.credit.distributor ?? null,
      media.credit.isFilePhoto ?? false,
      media.credit.copyrightHolder ?? null,
      media.focalPoint?.x ?? null,
      media.focalPoint?.y ?? null,
      media.crops ? JSON.stringify(media.crops) : null,
    ],
  );
  return {
    table: 'Media',
    columns: [
      { name: 'id', type: 'uuid' },
      { name: 'kind', type: 'text', cast: '"MediaKind"' },
      { name: 'url', type: 'text' },
      { name: 'caption', type: 'text' },
      { name: 'altText', type: 'text' },
      { name: 'width', type: 'int' },
      { name: 'height', type: 'int' },
      { name: 'creditRaw', type: 'text' },
      { name: 'photographer', type: 'text' },
      { name: 'pool', type: 'bool' },
      { name: 'distributor', type: 'text' },
      { name: 'isFilePhoto', type: 'bool' },
      { name: 'copyrightHolder', type: 'text' },
      { name: 'focalX', type: 'float8' },
      { name: 'focalY', type: 'float8' },
      { name: 'crops', type: 'text', cast: 'jsonb' },
    ],
    rows: mediaRows,
    generated: { updatedAt: 'now()' },
    onConflictUpdate: 'id',
    // A story written again without them keeps what an editor set on the medium.
    keepStoredWhenNull: ['focalX', 'focalY', 'crops'],
  };
}

function articleMediaInsert(articleId: string, draft: ArticleDraft, mediaIds: Map<string, string>): BulkInsert {
  return {
    table: 'ArticleMedia',
    columns: [
      { name: 'articleId', type: 'uuid' },
      { name: 'mediaId', type: 'uuid' },
      { name: 'role', type: 'text', cast: '"MediaRole"' },
      { name: 'position', type: 'int' },
    ],
    rows: draft.media.map((media, position) => [articleId, mediaIds.get(media.key)!, media.role, position]),
  };
}

function depictionInsert(depictions: string[][]): BulkInsert {
  return {
    table: 'MediaDepiction',
    columns: [
      { name: 'mediaId', type: 'uuid' },
      { name: 'entityId', type: 'uuid' },
    ],
    rows: depictions,
    onConflictDoNothing: true,
  };
}

/** Deletes the depictions of the draft's media that the draft no longer lists; nothing without media. */
function staleDepictionsDelete(
  params: StatementParams,
  mediaIds: Map<string, string>,
  depictions: string[][],
): string[] {
  return mediaIds.size
    ? [
        `DELETE FROM "MediaDepiction" d WHERE d."mediaId" = ANY(${params.add([...mediaIds.values()], 'uuid[]')}) AND NOT EXISTS (` +
          `SELECT 1 FROM unnest(${params.add(
            depictions.map((pair) => pair[0]),
            'uuid[]',
          )}, ${params.add(
            depictions.map((pair) => pair[1]),
            'uuid[]',
          )}) AS n(media_id, entity_id) ` +
          `WHERE n.media_id = d."mediaId" AND n.entity_id = d."entityId")`,
      ]
    : [];
}

/** Each ARTICLE_LINK block's article id, by block position; a block naming no stored article is refused. */
function linkedArticleIdsOf(draft: ArticleDraft, stored: StoredRows): Map<number, string> {
  const ids = new Map<number, string>();
  draft.blocks.forEach((block, position) => {
    if (!block.linkedArticle) return;
    const [field, key] =
      'slug' in block.linkedArticle ? ['slug', block.linkedArticle.slug] : ['id', block.linkedArticle.id];
    const id = stored.linkedArticleIds.get(key);
    if (!id)
      throw new DraftValidationError(
        `No article with this ${field} to link to.`,
        `blocks.${position}.article.${field}`,
      );
    ids.set(position, id);
  });
  return ids;
}

function blockInsert(
  articleId: string,
  draft: ArticleDraft,
  mediaIds: Map<string, string>,
  linkedArticleIds: Map<number, string>,
): BulkInsert {
  return {
    table: 'ArticleBlock',
    columns: [
      { name: 'id', type: 'uuid' },
      { name: 'articleId', type: 'uuid' },
      { name: 'position', type: 'int' },
      { name: 'kind', type: 'text', cast: '"BlockKind"' },
      { name: 'text', type: 'text' },
      { name: 'mediaId', type: 'uuid' },
      { name: 'marks', type: 'text', cast: 'jsonb' },
      { name: 'data', type: 'text', cast: 'jsonb' },
      { name: 'linkedArticleId', type: 'uuid' },
    ],
    rows: draft.blocks.map((block, position) => [
      newRowId(),
      articleId,
      position,
      block.kind,
      block.text,
      block.mediaKey ? (mediaIds.get(block.mediaKey) ?? null) : null,
      JSON.stringify(block.marks ?? []),
      block.data ? JSON.stringify(block.data) : null,
      linkedArticleIds.get(position) ?? null,
    ]),
  };
}

function mentionInsert(articleId: string, draft: ArticleDraft, entityIds: Map<string, string>): BulkInsert {
  return {
    table: 'Mention',
    columns: [
      { name: 'id', type: 'uuid' },
      { name: 'articleId', type: 'uuid' },
      { name: 'entityId', type: 'uuid' },
      { name: 'surface', type: 'text' },
      { name: 'field', type: 'text', cast: '"TextField"' },
      { name: 'blockPosition', type: 'int' },
      { name: 'startOffset', type: 'int' },
      { name: 'endOffset', type: 'int' },
      { name: 'role', type: 'text' },
      { name: 'isMetonymy', type: 'bool' },
      { name: 'provenance', type: 'text', cast: '"Provenance"' },
      { name: 'confidence', type: 'float8' },
    ],
    rows: draft.mentions.map((mention) => [
      newRowId(),
      articleId,
      entityIds.get(mention.entityKey)!,
      mention.surface,
      mention.field,
      mention.blockPosition,
      mention.startOffset,
      mention.endOffset,
      mention.role ?? null,
      mention.isMetonymy ?? false,
      mention.provenance ?? 'EDITOR',
      mention.confidence ?? null,
    ]),
  };
}

type StoredSummary = Omit<EntitySummary, 'entityKey'>;

/** The draft's entity summaries by stored entity: two draft entities can resolve to one (an alias of an existing one), so they are summed. */
function summariesByStoredEntity(draft: ArticleDraft, entityIds: Map<string, string>): Map<string, StoredSummary> {
  const merged = new Map<string, StoredSummary>();
  for (const s of summarizeEntities(draft)) {
    const entityId = entityIds.get(s.entityKey)!;
    const prior = merged.get(entityId);
    merged.set(
      entityId,
      prior
        ? {
            mentionCount: prior.mentionCount + s.mentionCount,
            relevance: Math.max(prior.relevance, s.relevance),
            role: prior.role ?? s.role,
            firstPosition: Math.min(prior.firstPosition, s.firstPosition),
          }
        : { mentionCount: s.mentionCount, relevance: s.relevance, role: s.role, firstPosition: s.firstPosition },
    );
  }
  return merged;
}

function entitySummaryInsert(articleId: string, draft: ArticleDraft, entityIds: Map<string, string>): BulkInsert {
  const merged = summariesByStoredEntity(draft, entityIds);
  return {
    table: 'ArticleEntity',
    columns: [
      { name: 'articleId', type: 'uuid' },
      { name: 'entityId', type: 'uuid' },
      { name: 'mentionCount', type: 'int' },
      { name: 'relevance', type: 'float8' },
      { name: 'role', type: 'text' },
      { name: 'firstPosition', type: 'int' },
    ],
    rows: [...merged].map(([entityId, s]) => [
      articleId,
      entityId,
      s.mentionCount,
      s.relevance,
      s.role,
      s.firstPosition,
    ]),
  };
}

function quoteInsert(
  articleId: string,
  draft: ArticleDraft,
  entityIds: Map<string, string>,
  decisionFor: ReturnType<typeof matchSpeakerDecisions>,
): BulkInsert {
  return {
    table: 'Quote',
    columns: [
      { name: 'id', type: 'uuid' },
      { name: 'articleId', type: 'uuid' },
      { name: 'text', type: 'text' },
      { name: 'kind', type: 'text', cast: '"QuoteKind"' },
      { name: 'speakerId', type: 'uuid' },
      { name: 'speakerLabel', type: 'text' },
      { name: 'speakerRole', type: 'text' },
      { name: 'blockPosition', type: 'int' },
      { name: 'startOffset', type: 'int' },
      { name: 'endOffset', type: 'int' },
      { name: 'saidAt', type: 'timestamp' },
      { name: 'confidence', type: 'float8' },
      { name: 'provenance', type: 'text', cast: '"Provenance"' },
      { name: 'attributedBy', type: 'text' },
      { name: 'attributionStatus', type: 'text', cast: '"AttributionStatus"' },
      { name: 'proposedSpeakerId', type: 'uuid' },
      { name: 'proposedSpeakerLabel', type: 'text' },
      { name: 'proposedSpeakerRole', type: 'text' },
      { name: 'speakerReviewedAt', type: 'timestamp' },
      { name: 'speakerReviewedBy', type: 'text' },
    ],
    rows: draft.quotes.map((quote, i) => {
      const speaker = storedSpeaker(
        quote,
        quote.speakerKey ? (entityIds.get(quote.speakerKey) ?? null) : null,
        decisionFor.get(i),
      );
      return [
        newRowId(),
        articleId,
        quote.text,
        quote.kind,
        speaker.speakerId,
        speaker.speakerLabel,
        speaker.speakerRole,
        quote.blockPosition,
        quote.startOffset,
        quote.endOffset,
        quote.saidAt ? new Date(quote.saidAt) : null,
        quote.confidence ?? null,
        quote.provenance ?? 'EDITOR',
        quote.attributedBy ?? null,
        speaker.attributionStatus,
        speaker.proposedSpeakerId,
        speaker.proposedSpeakerLabel,
        speaker.proposedSpeakerRole,
        speaker.speakerReviewedAt,
        speaker.speakerReviewedBy,
      ];
    }),
    generated: { updatedAt: 'now()' },
  };
}

export function articleFields(draft: ArticleDraft, status: ArticleStatus) {
  const bodyText = draft.blocks
    .filter((b) => b.kind !== 'MEDIA')
    .map((b) => b.text)
    .join('\n\n');
  return {
    headline: draft.headline,
    standfirst: draft.standfirst ?? null,
    bodyText,
    wordCount: countWords(bodyText),
    language: draft.language ?? 'en',
    status,
    section: draft.section ?? null,
    kind: draft.kind ?? null,
    tags: draft.tags ?? [],
    byline: draft.byline ?? null,
    contributors: draft.contributors ?? [],
    source: draft.source ?? null,
    canonicalUrl: draft.canonicalUrl ?? null,
  };
}

type ArticleRow = ReturnType<typeof articleFields> & { publishedAt: Date | null; contentHash: string };

/** The article's own row, new: its UUIDv7 id made here as Prisma's default would (raw SQL costs a third of a model call). */
async function insertArticleRow(
  tx: TransactionClient,
  row: ArticleRow & { slug: string },
): Promise<{ id: string; revision: number }> {
  const [inserted] = await tx.$queryRaw<Array<{ id: string; revision: number }>>`
    INSERT INTO "Article" (id, slug, headline, standfirst, "bodyText", "wordCount", language, status, section, kind, tags, byline, contributors, source, "canonicalUrl", "publishedAt", "contentHash", "updatedAt")
    VALUES (${newRowId()}::uuid, ${row.slug}, ${row.headline}, ${row.standfirst}, ${row.bodyText}, ${row.wordCount}::int, ${row.language}, ${row.status}::"ArticleStatus", ${row.section},
            coalesce(${row.kind}::"ArticleKind", 'STANDARD'), ${row.tags}::text[], ${row.byline}, ${row.contributors}::text[], ${row.source}, ${row.canonicalUrl}, ${row.publishedAt}::timestamp, ${row.contentHash}, now())
    RETURNING id, revision`;
  return inserted;
}

/**
 * The stored article's row replaced by the draft's, as its next revision (and restored if it was deleted). The same
 * statement first keeps the content of the revision it replaces, as lockArticle does, for restoreRevision.
 */
async function updateArticleRow(
  tx: TransactionClient,
  id: string,
  row: ArticleRow,
): Promise<{ id: string; revision: number }> {
  const [updated] = await tx.$queryRaw<Array<{ id: string; revision: number }>>`
    WITH kept AS (
      INSERT INTO "ArticleSnapshot" ("articleId", revision, content)
      SELECT a.id, a.revision, newsgraph_article_content(a.id) FROM "Article" a
       WHERE a.id = ${id}::uuid
         AND NOT EXISTS (SELECT 1 FROM "ArticleSnapshot" s WHERE s."articleId" = a.id AND s.revision = a.revision)
      ON CONFLICT DO NOTHING)
    UPDATE "Article" SET headline = ${row.headline}, standfirst = ${row.standfirst}, "bodyText" = ${row.bodyText}, "wordCount" = ${row.wordCount}::int, language = ${row.language},
           status = ${row.status}::"ArticleStatus", section = ${row.section}, kind = coalesce(${row.kind}::"ArticleKind", kind), tags = ${row.tags}::text[], byline = ${row.byline}, contributors = ${row.contributors}::text[],
           source = ${row.source}, "canonicalUrl" = ${row.canonicalUrl}, "publishedAt" = ${row.publishedAt}::timestamp, "contentHash" = ${row.contentHash},
           revision = revision + 1, "deletedAt" = NULL, "updatedAt" = now()
     WHERE id = ${id}::uuid
    RETURNING id, revision`;
  return updated;
}

/** Stores the draft in one transaction. Nothing is written when any part fails. */
export async function persistArticleDraft(
  prisma: PrismaClient,
  draft: ArticleDraft,
  options: PersistOptions = {},
): Promise<PersistResult> {
  validateDraft(draft);
  const slug = draft.slug ?? slugify(draft.headline);
  if (!slug) throw new DraftValidationError('The headline yields an empty slug.', 'headline');
  const status = options.status ?? draft.status ?? 'DRAFT';
  const publishAt = options.publishAt ?? null;
  // The embargo is part of what was written: the same story under a new embargo is a change.
  const hashed = publishAt ? { draft, status, publishAt } : { draft, status };
  const contentHash = createHash('sha256').update(JSON.stringify(hashed)).digest('hex');
  return prisma.$transaction(
    async (tx) => {
      const stored = await lookUpStoredRows(tx, {
        slug,
        entities: draft.entities,
        mediaUrls: draft.media.map((m) => m.url),
        links: linkedArticleKeys(draft),
      });
      const existing = stored.article;
      if (existing && options.onExisting === 'reject') throw new SlugTakenError(slug);
      if (existing && existing.contentHash === contentHash && !existing.deletedAt) {
        await options.onSettled?.(tx, existing.id);
        return {
          articleId: existing.id,
          slug,
          created: false,
          unchanged: true,
          revision: existing.revision,
          entityIds: new Map(),
          changes: [],
        };
      }
      const formerRecords = existing ? await recordsOfArticles(tx, [existing.id]) : [];
      const fields = articleFields(draft, status);
      const publishedAt = draft.publishedAt
        ? new Date(draft.publishedAt)
        : status === 'PUBLISHED'
          ? (existing?.publishedAt ?? new Date())
          : (existing?.publishedAt ?? null);
      const article = existing
        ? await updateArticleRow(tx, existing.id, { ...fields, publishedAt, contentHash })
        : await insertArticleRow(tx, { ...fields, slug, publishedAt, contentHash });
      const entityIds = await writeArticleContent(tx, article.id, draft, { newArticle: !existing, looked: stored });
      await options.afterWrite?.(tx, article.id);
      await storeScheduleWithStatus(tx, article.id, {
        before: existing?.deletedAt ? undefined : existing?.status,
        after: status,
        publishAt,
        author: { apiKeyId: options.apiKeyId ?? null, editor: options.editor ?? null },
      });
      const events: ChangeKind[] = [existing ? 'UPDATED' : 'CREATED'];
      if (status === 'PUBLISHED' && existing?.status !== 'PUBLISHED') events.push('PUBLISHED');
      if (existing) {
        await tx.articleRevision.create({
          data: {
            articleId: article.id,
            revision: article.revision,
            apiKeyId: options.apiKeyId ?? null,
            editor: options.editor ?? null,
            changes: [{ field: 'content', from: null, to: 'replaced' }],
          },
        });
      }
      const changes = await recordChanges(tx, article.id, article.revision, events);
      await options.onSettled?.(tx, article.id);
      return {
        articleId: article.id,
        slug,
        created: !existing,
        unchanged: false,
        revision: article.revision,
        entityIds,
        changes,
        formerRecords,
      };
    },
    { timeout: 30_000, maxWait: 10_000 },
  );
}

/**
 * Held (transaction-level) by every writer of the change feed, articles' and collections' alike: it serialises them,
 * so events become visible in id order and a consumer resuming from a cursor never skips one committed later with a
 * smaller id.
 */
export const CHANGE_FEED_LOCK = 7281001;

/** Appends change-feed events about an article, under CHANGE_FEED_LOCK. */
export async function recordChanges(
  tx: TransactionClient,
  articleId: string,
  revision: number,
  kinds: ChangeKind[],
): Promise<RecordedChange[]> {
  if (!kinds.length) return [];
  // The lock is a one-row subquery joined to the events: every event row, and so its id, comes after it.
  const rows = await tx.$queryRaw<RecordedChange[]>`
    INSERT INTO "ChangeEvent" ("articleId", kind, revision)
    SELECT ${articleId}::uuid, e.kind::"ChangeKind", ${revision}::int
      FROM (SELECT pg_advisory_xact_lock(${CHANGE_FEED_LOCK}::bigint)) l, unnest(${kinds}::text[]) WITH ORDINALITY AS e(kind, n) ORDER BY e.n
    RETURNING id, "articleId", kind::text AS kind, revision, at`;
  return rows.sort((a, b) => (a.id < b.id ? -1 : 1));
}

/** The row an editing transaction works from, locked until commit so concurrent edits of one article queue up. */
export interface LockedArticle {
  id: string;
  slug: string;
  headline: string;
  standfirst: string | null;
  status: ArticleStatus;
  revision: number;
  section: string | null;
  publishedAt: Date | null;
  scheduledFor: Date | null;
  unpublishAt: Date | null;
  /** The revision of its pending staged edit (src/revision/), or null. */
  stagedRevision: number | null;
}

/**
 * SELECT ... FOR UPDATE of a live (not deleted) article; null when there is none. Before anything changes it, the
 * same statement keeps the content of the revision it is at (once per revision), which restoreRevision brings back.
 */
export async function lockArticle(tx: TransactionClient, articleId: string): Promise<LockedArticle | null> {
  const rows = await tx.$queryRaw<LockedArticle[]>`
    WITH locked AS (
      SELECT id, slug, headline, standfirst, status::text AS status, revision, section, "publishedAt", "scheduledFor", "unpublishAt"
        FROM "Article" WHERE id = ${articleId}::uuid AND "deletedAt" IS NULL FOR UPDATE),
    kept AS (
      INSERT INTO "ArticleSnapshot" ("articleId", revision, content)
      SELECT l.id, l.revision, newsgraph_article_content(l.id) FROM locked l
       WHERE NOT EXISTS (SELECT 1 FROM "ArticleSnapshot" s WHERE s."articleId" = l.id AND s.revision = l.revision)
      ON CONFLICT DO NOTHING)
    SELECT l.*, (SELECT c.revision FROM "Article" c WHERE c."stagedFor" = l.id) AS "stagedRevision" FROM locked l`;
  return rows[0] ?? null;
}

export interface FieldChange {
  field: string;
  from: unknown;
  to: unknown;
}

export interface RevisionAuthor {
  apiKeyId: string | null;
  editor: string | null;
}

/**
 * Applies `data` to a locked article as its next revision: bumps `revision` (only from the locked revision, so a
 * concurrent writer that slipped past the lock cannot be overwritten), stores the ArticleRevision (who, what;
 * `staged` for an edit kept on the staged copy) and appends the change-feed events, all in the caller's transaction.
 */
export async function commitRevision(
  tx: TransactionClient,
  article: LockedArticle,
  data: Prisma.ArticleUpdateManyMutationInput,
  options: { author: RevisionAuthor; changes: FieldChange[]; kinds: ChangeKind[]; staged?: boolean },
): Promise<{ revision: number; changes: RecordedChange[] }> {
  const updated = await tx.article.updateMany({
    where: { id: article.id, revision: article.revision },
    data: { ...data, revision: { increment: 1 } },
  });
  if (updated.count !== 1)
    throw new Error(`Article ${article.id} changed under a lock (revision ${article.revision}).`);
  const revision = article.revision + 1;
  await tx.articleRevision.create({
    data: {
      articleId: article.id,
      revision,
      apiKeyId: options.author.apiKeyId,
      editor: options.author.editor,
      changes: options.changes as unknown as Prisma.InputJsonValue,
      staged: options.staged ?? false,
    },
  });
  return { revision, changes: await recordChanges(tx, article.id, revision, options.kinds) };
}
