// Collection writes and hand-picked related stories, each in one transaction. Items are replaced as a whole list
// (the front as the editor sees it), under the collection's row lock, so two editors never interleave their lists.
import { TRANSACTION_OPTIONS } from '../article/article-mutations.repository.ts';
import { invalidField } from '../article/article-mutations.input.ts';
import type { TransactionClient } from '../article/article-writer.ts';
import type { Database } from '../db/client.ts';
import { newRowId } from '../db/ids.ts';
import { conflict, notFound } from '../shared/errors.ts';
import { slugify } from '../shared/slug.ts';
import type { CollectionKey } from './collection.repository.ts';
import type { CreateCollectionValues, UpdateCollectionValues } from './collection.input.ts';

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

export async function createCollection(db: Database, values: CreateCollectionValues): Promise<string> {
  return db.prisma.$transaction(async (tx) => {
    const slug = values.slug ?? slugify(values.name);
    if (!slug) throw invalidField('input.name yields an empty slug; give input.slug.', 'input.slug');
    await assertSlugFree(tx, slug, null);
    const id = newRowId();
    await tx.collection.create({ data: { id, slug, name: values.name, description: values.description ?? null } });
    return id;
  }, TRANSACTION_OPTIONS);
}

export async function updateCollection(
  db: Database,
  id: string,
  values: UpdateCollectionValues & { clearDescription: boolean },
): Promise<void> {
  await db.prisma.$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<
      Array<{ id: string }>
    >`SELECT id FROM "Collection" WHERE id = ${id}::uuid FOR UPDATE`;
    if (!row) throw notFound('No collection with this ID.');
    if (values.slug != null) await assertSlugFree(tx, values.slug, id);
    const description = values.clearDescription ? { description: null } : {};
    await tx.collection.update({
      where: { id },
      data: {
        ...(values.name != null ? { name: values.name } : {}),
        ...(values.slug != null ? { slug: values.slug } : {}),
        ...(values.description != null ? { description: values.description } : description),
        revision: { increment: 1 },
      },
    });
  }, TRANSACTION_OPTIONS);
}

export async function deleteCollection(db: Database, id: string): Promise<void> {
  const { count } = await db.prisma.collection.deleteMany({ where: { id } });
  if (!count) throw notFound('No collection with this ID.');
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

/** Replaces the collection's items; returns its id. */
export async function setCollectionItems(
  db: Database,
  key: CollectionKey,
  items: CollectionItemValues[],
  expectedRevision: number | null,
): Promise<string> {
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
    await tx.collection.update({ where: { id: collection.id }, data: { revision: { increment: 1 } } });
    return collection.id;
  }, TRANSACTION_OPTIONS);
}

/** Replaces the hand-picked related stories of an article. */
export async function setRelatedArticles(db: Database, articleId: string, relatedIds: string[]): Promise<void> {
  await db.prisma.$transaction(async (tx) => {
    const [article] = await tx.$queryRaw<Array<{ id: string }>>`
      SELECT id FROM "Article" WHERE id = ${articleId}::uuid AND "deletedAt" IS NULL AND "stagedFor" IS NULL FOR UPDATE`;
    if (!article) throw notFound('No article with this ID.');
    const self = relatedIds.indexOf(articleId);
    if (self >= 0) throw invalidField(`relatedIds.${self} is the article itself.`, `relatedIds.${self}`);
    await checkArticles(tx, relatedIds, 'relatedIds');
    await tx.articleRelated.deleteMany({ where: { articleId } });
    await tx.articleRelated.createMany({
      data: relatedIds.map((relatedId, position) => ({ articleId, relatedId, position })),
    });
  }, TRANSACTION_OPTIONS);
}
