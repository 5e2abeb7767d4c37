// Entity writes: upsert (with slug renames kept as redirects) and merge (moving every mention, quote, depiction
// and article link from one entity to another, keeping the old slug resolvable).
import type { RecordedChange, TransactionClient } from '../article/article-writer.ts';
import { recordChanges } from '../article/article-writer.ts';
import { TRANSACTION_OPTIONS } from '../article/article-mutations.repository.ts';
import { invalidField } from '../article/article-mutations.input.ts';
import type { Database } from '../db/client.ts';
import type { EntityType } from '../generated/prisma/enums.ts';
import { badUserInput, conflict, notFound } from '../shared/errors.ts';
import { slugify } from '../shared/slug.ts';

export interface UpsertEntityValues {
  id?: string | null;
  type: EntityType;
  name: string;
  slug?: string | null;
  aliases?: string[] | null;
  description?: string | null;
  wikidataId?: string | null;
}

/** A slug is free for `entityId` when no other entity has it now or had it before a merge or rename. */
async function assertSlugFree(tx: TransactionClient, slug: string, entityId: string | null): Promise<void> {
  const owner = await tx.entity.findUnique({ where: { slug }, select: { id: true } });
  const redirect = await tx.entitySlugRedirect.findUnique({ where: { slug }, select: { entityId: true } });
  const holder = owner?.id ?? redirect?.entityId;
  if (holder && holder !== entityId)
    throw conflict(`The slug "${slug}" belongs to another entity.`, { field: 'input.slug' });
}

export async function upsertEntity(
  db: Database,
  values: UpsertEntityValues,
): Promise<{ entityId: string; created: boolean }> {
  return db.prisma.$transaction(async (tx) => {
    const slug = values.slug ?? slugify(values.name);
    if (!slug) throw invalidField('input.name yields an empty slug; give input.slug.', 'input.slug');
    let existing = values.id ? await tx.entity.findUnique({ where: { id: values.id } }) : null;
    if (values.id && !existing) throw notFound('No entity with this ID.');
    if (!existing && values.wikidataId)
      existing = await tx.entity.findUnique({ where: { wikidataId: values.wikidataId } });
    if (!existing) existing = await tx.entity.findUnique({ where: { slug } });
    await assertSlugFree(tx, slug, existing?.id ?? null);
    if (values.wikidataId) {
      const holder = await tx.entity.findUnique({ where: { wikidataId: values.wikidataId }, select: { id: true } });
      if (holder && holder.id !== existing?.id)
        throw conflict(`Another entity already has the Wikidata ID ${values.wikidataId}; merge them instead.`, {
          field: 'input.wikidataId',
        });
    }
    const aliases = values.aliases ? [...new Set(values.aliases)].filter((a) => a !== values.name) : undefined;
    const data = {
      type: values.type,
      name: values.name,
      slug,
      ...(aliases ? { aliases } : {}),
      ...(values.description !== undefined ? { description: values.description } : {}),
      ...(values.wikidataId !== undefined ? { wikidataId: values.wikidataId } : {}),
    };
    if (!existing) {
      const created = await tx.entity.create({ data: { ...data, aliases: aliases ?? [] }, select: { id: true } });
      return { entityId: created.id, created: true };
    }
    if (existing.slug !== slug) {
      // The old slug keeps working; a redirect this entity now takes back is dropped.
      await tx.entitySlugRedirect.deleteMany({ where: { slug, entityId: existing.id } });
      await tx.entitySlugRedirect.create({ data: { slug: existing.slug, entityId: existing.id } });
    }
    await tx.entity.update({ where: { id: existing.id }, data });
    return { entityId: existing.id, created: false };
  }, TRANSACTION_OPTIONS);
}

export interface MergeResult {
  entityId: string;
  movedMentions: number;
  movedQuotes: number;
  affectedArticles: number;
  changes: RecordedChange[];
}

export async function mergeEntities(db: Database, fromId: string, intoId: string): Promise<MergeResult> {
  if (fromId === intoId) throw badUserInput('An entity cannot be merged into itself.', 'into');
  return db.prisma.$transaction(async (tx) => {
    // Lock both in a fixed order so two merges of the same pair cannot deadlock.
    const locked = await tx.$queryRaw<Array<{ id: string }>>`
      SELECT id FROM "Entity" WHERE id IN (${fromId}::uuid, ${intoId}::uuid) ORDER BY id FOR UPDATE`;
    if (!locked.some((r) => r.id === fromId)) throw notFound('No entity with the ID given as `from`.');
    if (!locked.some((r) => r.id === intoId)) throw notFound('No entity with the ID given as `into`.');
    const from = await tx.entity.findUniqueOrThrow({ where: { id: fromId } });
    const into = await tx.entity.findUniqueOrThrow({ where: { id: intoId } });
    if (from.wikidataId && into.wikidataId && from.wikidataId !== into.wikidataId) {
      throw conflict(
        `These entities have different Wikidata IDs (${from.wikidataId}, ${into.wikidataId}): they are not the same.`,
        { field: 'from' },
      );
    }
    const articles = await tx.$queryRaw<Array<{ articleId: string; revision: number }>>`
      SELECT a.id AS "articleId", a.revision FROM "Article" a
       WHERE a."deletedAt" IS NULL AND (
             EXISTS (SELECT 1 FROM "ArticleEntity" ae WHERE ae."articleId" = a.id AND ae."entityId" = ${fromId}::uuid)
          OR EXISTS (SELECT 1 FROM "Mention" m WHERE m."articleId" = a.id AND m."entityId" = ${fromId}::uuid)
          OR EXISTS (SELECT 1 FROM "Quote" q WHERE q."articleId" = a.id AND q."speakerId" = ${fromId}::uuid))
       ORDER BY a.id`;

    const movedMentions =
      await tx.$executeRaw`UPDATE "Mention" SET "entityId" = ${intoId}::uuid WHERE "entityId" = ${fromId}::uuid`;
    const movedQuotes =
      await tx.$executeRaw`UPDATE "Quote" SET "speakerId" = ${intoId}::uuid WHERE "speakerId" = ${fromId}::uuid`;
    await tx.$executeRaw`
      INSERT INTO "MediaDepiction" ("mediaId", "entityId")
      SELECT "mediaId", ${intoId}::uuid FROM "MediaDepiction" WHERE "entityId" = ${fromId}::uuid
      ON CONFLICT DO NOTHING`;
    // Articles linking both: one summary row with the counts added up; the others simply change hands.
    await tx.$executeRaw`
      UPDATE "ArticleEntity" t
         SET "mentionCount" = t."mentionCount" + f."mentionCount",
             relevance = greatest(t.relevance, f.relevance),
             "firstPosition" = least(t."firstPosition", f."firstPosition"),
             role = coalesce(t.role, f.role)
        FROM "ArticleEntity" f
       WHERE t."entityId" = ${intoId}::uuid AND f."entityId" = ${fromId}::uuid AND f."articleId" = t."articleId"`;
    await tx.$executeRaw`
      DELETE FROM "ArticleEntity" f
       WHERE f."entityId" = ${fromId}::uuid
         AND EXISTS (SELECT 1 FROM "ArticleEntity" t WHERE t."entityId" = ${intoId}::uuid AND t."articleId" = f."articleId")`;
    await tx.$executeRaw`UPDATE "ArticleEntity" SET "entityId" = ${intoId}::uuid WHERE "entityId" = ${fromId}::uuid`;
    await tx.$executeRaw`UPDATE "EntitySlugRedirect" SET "entityId" = ${intoId}::uuid WHERE "entityId" = ${fromId}::uuid`;

    const aliases = [...new Set([...into.aliases, from.name, ...from.aliases])].filter((a) => a !== into.name);
    if (from.wikidataId && !into.wikidataId)
      await tx.entity.update({ where: { id: fromId }, data: { wikidataId: null } });
    await tx.entity.delete({ where: { id: fromId } });
    await tx.entitySlugRedirect.create({ data: { slug: from.slug, entityId: intoId } });
    await tx.entity.update({
      where: { id: intoId },
      data: {
        aliases,
        wikidataId: into.wikidataId ?? from.wikidataId,
        description: into.description ?? from.description,
      },
    });

    // The articles' links changed: consumers of the feed refresh them (their own revision is unchanged).
    const changes: RecordedChange[] = [];
    for (const article of articles)
      changes.push(...(await recordChanges(tx, article.articleId, article.revision, ['UPDATED'])));
    return { entityId: intoId, movedMentions, movedQuotes, affectedArticles: articles.length, changes };
  }, TRANSACTION_OPTIONS);
}
