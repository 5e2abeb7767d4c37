// Collection writes and hand-picked related stories, each in one transaction that also records its change-feed
// event. Items are replaced as a whole list (the front as the editor sees it), under the collection's row lock, so
// two editors never interleave their lists.
import { TRANSACTION_OPTIONS, withLockedArticle, type WriteResult } from '../article/article-mutations.repository.ts';
import { invalidField } from '../article/article-mutations.input.ts';
import {
  CHANGE_FEED_LOCK,
  commitRevision,
  type RevisionAuthor,
  type TransactionClient,
} from '../article/article-writer.ts';
import type { Database } from '../db/client.ts';
import { newRowId } from '../db/ids.ts';
import type { RecordedCollectionChange } from '../feed/change-feed.ts';
import type { ChangeKind } from '../generated/prisma/enums.ts';
import { conflict, notFound } from '../shared/errors.ts';
import { slugify } from '../shared/slug.ts';
import type { CollectionKey } from './collection.repository.ts';
import type { CreateCollectionValues, UpdateCollectionValues } from './collection.input.ts';

/** A committed collection write: the collection's id, its slug after the write, and the event recorded. */
export interface CollectionWrite {
  id: string;
  slug: string;
  change: RecordedCollectionChange;
}

/**
 * Appends the collection's change-feed event at `revision` (the collection's once written), under the lock every
 * feed writer holds, so it takes its place in the one id order article events follow.
 */
async function recordCollectionChange(
  tx: TransactionClient,
  collectionId: string,
  revision: number,
  kind: ChangeKind,
): Promise<RecordedCollectionChange> {
  const [row] = await tx.$queryRaw<RecordedCollectionChange[]>`
    INSERT INTO "ChangeEvent" ("collectionId", kind, revision)
    SELECT ${collectionId}::uuid, ${kind}::"ChangeKind", ${revision}::int
      FROM (SELECT pg_advisory_xact_lock(${CHANGE_FEED_LOCK}::bigint)) l
    RETURNING id, "collectionId"::text AS "collectionId", kind::text AS kind, revision, at`;
  return row;
}

export interface CollectionItemValues {
  articleId: string;
  headlineOverride?: string | null;
  standfirstOverride?: string | null;
}

async function assertSlugFree(tx: TransactionClient, slug: string, id: string | null): Promise<void> {
  const holder = await tx.collection.findUnique({ where: { slug }, select: { id: true } });
  if (holder && holder.id !== id)
    throw conflict(`The slug "${slug}" belongs to another collection.`, { field: 'input.slug' });
}

export async function createCollection(db: Database, values: CreateCollectionValues): Promise<CollectionWrite> {
  return db.prisma.$transaction(async (tx) => {
    const slug = values.slug ?? slugify(values.name);
    if (!slug) throw invalidField('input.name yields an empty slug; give input.slug.', 'input.slug');
    await assertSlugFree(tx, slug, null);
    const id = newRowId();
    const created = await tx.collection.create({
      data: { id, slug, name: values.name, description: values.description ?? null },
      select: { revision: true },
    });
    return { id, slug, change: await recordCollectionChange(tx, id, created.revision, 'CREATED') };
  }, TRANSACTION_OPTIONS);
}

export async function updateCollection(
  db: Database,
  id: string,
  values: UpdateCollectionValues & { clearDescription: boolean },
): Promise<CollectionWrite> {
  return db.prisma.$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<
      Array<{ id: string }>
    >`SELECT id FROM "Collection" WHERE id = ${id}::uuid FOR UPDATE`;
    if (!row) throw notFound('No collection with this ID.');
    if (values.slug != null) await assertSlugFree(tx, values.slug, id);
    const description = values.clearDescription ? { description: null } : {};
    const updated = await tx.collection.update({
      where: { id },
      data: {
        ...(values.name != null ? { name: values.name } : {}),
        ...(values.slug != null ? { slug: values.slug } : {}),
        ...(values.description != null ? { description: values.description } : description),
        revision: { increment: 1 },
      },
      select: { slug: true, revision: true },
    });
    return { id, slug: updated.slug, change: await recordCollectionChange(tx, id, updated.revision, 'UPDATED') };
  }, TRANSACTION_OPTIONS);
}

/** Deletes the collection; its DELETED event carries the revision it was at. */
export async function deleteCollection(db: Database, id: string): Promise<CollectionWrite> {
  return db.prisma.$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<Array<{ slug: string; revision: number }>>`
      DELETE FROM "Collection" WHERE id = ${id}::uuid RETURNING slug, revision`;
    if (!row) throw notFound('No collection with this ID.');
    return { id, slug: row.slug, change: await recordCollectionChange(tx, id, row.revision, 'DELETED') };
  }, TRANSACTION_OPTIONS);
}

/** Article ids (of `ids`) that name no live article: deleted ones and staged copies count as unknown. */
async function unknownArticles(tx: TransactionClient, ids: string[]): Promise<Set<string>> {
  const rows = await tx.$queryRaw<Array<{ id: string }>>`
    SELECT id::text FROM "Article" WHERE id = ANY(${ids}::uuid[]) AND "deletedAt" IS NULL AND "stagedFor" IS NULL`;
  const known = new Set(rows.map((row) => row.id));
  return new Set(ids.filter((id) => !known.has(id)));
}

/** BAD_USER_INPUT naming the first item (as `<argument>.<index>`) that repeats an earlier article or names none. */
async function checkArticles(tx: TransactionClient, ids: string[], argument: string): Promise<void> {
  const seen = new Set<string>();
  ids.forEach((id, index) => {
    if (seen.has(id)) throw invalidField(`${argument}.${index} repeats an earlier article.`, `${argument}.${index}`);
    seen.add(id);
  });
  const unknown = await unknownArticles(tx, ids);
  const index = ids.findIndex((id) => unknown.has(id));
  if (index >= 0) throw invalidField(`${argument}.${index} names no article.`, `${argument}.${index}`);
}

/** Replaces the collection's items. */
export async function setCollectionItems(
  db: Database,
  key: CollectionKey,
  items: CollectionItemValues[],
  expectedRevision: number | null,
): Promise<CollectionWrite> {
  return db.prisma.$transaction(async (tx) => {
    const [collection] =
      'id' in key
        ? await tx.$queryRaw<Array<{ id: string; revision: number }>>`
            SELECT id::text, revision FROM "Collection" WHERE id = ${key.id}::uuid FOR UPDATE`
        : await tx.$queryRaw<Array<{ id: string; revision: number }>>`
            SELECT id::text, revision FROM "Collection" WHERE slug = ${key.slug} FOR UPDATE`;
    if (!collection) throw notFound('No such collection.');
    if (expectedRevision != null && collection.revision !== expectedRevision)
      throw conflict(
        `The collection is at revision ${collection.revision}, not ${expectedRevision}: reload and reapply.`,
        {
          field: 'expectedRevision',
        },
      );
    await checkArticles(
      tx,
      items.map((item) => item.articleId),
      'items',
    );
    await tx.collectionItem.deleteMany({ where: { collectionId: collection.id } });
    await tx.collectionItem.createMany({
      data: items.map((item, position) => ({
        collectionId: collection.id,
        position,
        articleId: item.articleId,
        headlineOverride: item.headlineOverride ?? null,
        standfirstOverride: item.standfirstOverride ?? null,
      })),
    });
    const updated = await tx.collection.update({
      where: { id: collection.id },
      data: { revision: { increment: 1 } },
      select: { slug: true, revision: true },
    });
    return {
      id: collection.id,
      slug: updated.slug,
      change: await recordCollectionChange(tx, collection.id, updated.revision, 'UPDATED'),
    };
  }, TRANSACTION_OPTIONS);
}

/**
 * Replaces the hand-picked related stories of an article as its next revision (what `Article.related` answers is
 * the article's metadata, as its credits are); nothing changes when the list is the same.
 */
export async function setRelatedArticles(
  db: Database,
  articleId: string,
  relatedIds: string[],
  author: RevisionAuthor,
): Promise<WriteResult> {
  return withLockedArticle(db, articleId, async (tx, article) => {
    const self = relatedIds.indexOf(articleId);
    if (self >= 0) throw invalidField(`relatedIds.${self} is the article itself.`, `relatedIds.${self}`);
    await checkArticles(tx, relatedIds, 'relatedIds');
    const before = await tx.articleRelated.findMany({
      where: { articleId },
      orderBy: { position: 'asc' },
      select: { relatedId: true },
    });
    const from = before.map((row) => row.relatedId);
    if (from.join() === relatedIds.join()) return { articleId, revision: article.revision, changes: [] };
    await tx.articleRelated.deleteMany({ where: { articleId } });
    await tx.articleRelated.createMany({
      data: relatedIds.map((relatedId, position) => ({ articleId, relatedId, position })),
    });
    const committed = await commitRevision(
      tx,
      article,
      {},
      { author, changes: [{ field: 'related', from, to: relatedIds }], kinds: ['UPDATED'] },
    );
    return { articleId, ...committed };
  });
}
