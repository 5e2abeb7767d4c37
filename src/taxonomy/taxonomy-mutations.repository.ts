// Section and tag writes, each in one transaction: create, rename (the old slug becomes a redirect and every
// article holding it is rewritten to the new one, with an UPDATED change-feed event), and moving a section with its
// subtree. Section tree changes are serialised by one advisory lock, so two moves can never close a cycle.
import { TRANSACTION_OPTIONS } from '../article/article-mutations.repository.ts';
import { invalidField } from '../article/article-mutations.input.ts';
import { recordChanges, type RecordedChange, type TransactionClient } from '../article/article-writer.ts';
import type { Database } from '../db/client.ts';
import { newRowId } from '../db/ids.ts';
import type { TagType } from '../generated/prisma/enums.ts';
import { conflict, notFound } from '../shared/errors.ts';
import { slugify } from '../shared/slug.ts';
import { MAX_SECTION_DEPTH } from './section.repository.ts';
import type { CreateSectionValues, CreateTagValues, UpdateSectionValues, UpdateTagValues } from './taxonomy.input.ts';

/** What a taxonomy write touched, for the response cache and the change feed. */
export interface TaxonomyWrite {
  /** The section or tag written. */
  id: string;
  /** Sections whose path, children or subsection articles changed (ancestors, the moved subtree). */
  touchedSectionIds: string[];
  /** Change-feed events of the articles whose `section` or `tags` slug was rewritten. */
  changes: RecordedChange[];
}

interface SectionNode {
  id: string;
  slug: string;
  ancestorIds: string[];
}

const SECTION_TREE_LOCK = 7281002;

async function lockSectionTree(tx: TransactionClient): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${SECTION_TREE_LOCK}::bigint)`;
}

async function sectionNode(tx: TransactionClient, id: string): Promise<SectionNode | null> {
  return tx.section.findUnique({ where: { id }, select: { id: true, slug: true, ancestorIds: true } });
}

/** A slug is free for `id` when no other section (or tag) has it now or had it before a rename. */
async function assertSlugFree(
  tx: TransactionClient,
  kind: 'section' | 'tag',
  slug: string,
  id: string | null,
): Promise<void> {
  const holder =
    kind === 'section'
      ? ((await tx.section.findUnique({ where: { slug }, select: { id: true } }))?.id ??
        (await tx.sectionSlugRedirect.findUnique({ where: { slug } }))?.sectionId)
      : ((await tx.tag.findUnique({ where: { slug }, select: { id: true } }))?.id ??
        (await tx.tagSlugRedirect.findUnique({ where: { slug } }))?.tagId);
  if (holder && holder !== id)
    throw conflict(`The slug "${slug}" belongs to another ${kind}${id ? '' : ': change that one instead'}.`, {
      field: 'input.slug',
    });
}

function newSlug(values: { name: string; slug?: string | null }): string {
  const slug = values.slug ?? slugify(values.name);
  if (!slug) throw invalidField('input.name yields an empty slug; give input.slug.', 'input.slug');
  return slug;
}

/** The parent a section would get, checked: it exists and has room for `levelsBelow` more levels under it. */
async function checkedParent(
  tx: TransactionClient,
  parentId: string | null,
  levelsBelow: number,
): Promise<SectionNode | null> {
  if (parentId == null) return null;
  const parent = await sectionNode(tx, parentId);
  if (!parent) throw invalidField('input.parentId names no section.', 'input.parentId');
  if (parent.ancestorIds.length + 1 + levelsBelow > MAX_SECTION_DEPTH)
    throw invalidField(`Sections nest at most ${MAX_SECTION_DEPTH} levels deep.`, 'input.parentId');
  return parent;
}

const lineOf = (parent: SectionNode | null) => (parent ? [...parent.ancestorIds, parent.id] : []);

export async function createSection(
  db: Database,
  values: CreateSectionValues & { parentId: string | null },
): Promise<TaxonomyWrite> {
  return db.prisma.$transaction(async (tx) => {
    await lockSectionTree(tx);
    const slug = newSlug(values);
    await assertSlugFree(tx, 'section', slug, null);
    const parent = await checkedParent(tx, values.parentId, 1);
    const id = newRowId();
    await tx.section.create({
      data: { id, slug, name: values.name, parentId: parent?.id ?? null, ancestorIds: lineOf(parent) },
    });
    return { id, touchedSectionIds: lineOf(parent), changes: [] };
  }, TRANSACTION_OPTIONS);
}

/** Each article the `rewritten` statement changed gets an UPDATED event (its revision is unchanged, as for merges). */
async function rewriteArticles(
  tx: TransactionClient,
  rewritten: Promise<Array<{ id: string; revision: number }>>,
): Promise<RecordedChange[]> {
  const changes: RecordedChange[] = [];
  for (const article of await rewritten)
    changes.push(...(await recordChanges(tx, article.id, article.revision, ['UPDATED'])));
  return changes;
}

async function renameSection(tx: TransactionClient, section: SectionNode, slug: string): Promise<RecordedChange[]> {
  await assertSlugFree(tx, 'section', slug, section.id);
  await tx.sectionSlugRedirect.deleteMany({ where: { slug, sectionId: section.id } });
  await tx.sectionSlugRedirect.create({ data: { slug: section.slug, sectionId: section.id } });
  await tx.section.update({ where: { id: section.id }, data: { slug } });
  return rewriteArticles(
    tx,
    tx.$queryRaw`UPDATE "Article" SET section = ${slug} WHERE section = ${section.slug} RETURNING id, revision`,
  );
}

/** Moves the section and its subtree under `parentId` (null: top level); returns every section it touched. */
async function moveSection(tx: TransactionClient, section: SectionNode, parentId: string | null): Promise<string[]> {
  if (parentId === section.id) throw invalidField('A section cannot be its own parent.', 'input.parentId');
  const [{ below }] = await tx.$queryRaw<Array<{ below: number }>>`
    SELECT coalesce(max(cardinality("ancestorIds")), ${section.ancestorIds.length})::int - ${section.ancestorIds.length}::int AS below
      FROM "Section" WHERE "ancestorIds" @> ARRAY[${section.id}::uuid]`;
  const parent = await checkedParent(tx, parentId, below + 1);
  if (parent?.ancestorIds.includes(section.id))
    throw invalidField('A section cannot move under a section below it.', 'input.parentId');
  const line = lineOf(parent);
  await tx.section.update({ where: { id: section.id }, data: { parentId: parent?.id ?? null, ancestorIds: line } });
  const moved = await tx.$queryRaw<Array<{ id: string }>>`
    UPDATE "Section"
       SET "ancestorIds" = ${line}::uuid[] || ${section.id}::uuid || "ancestorIds"[${section.ancestorIds.length + 2}:]
     WHERE "ancestorIds" @> ARRAY[${section.id}::uuid]
    RETURNING id`;
  return [...section.ancestorIds, ...line, ...moved.map((row) => row.id)];
}

export async function updateSection(
  db: Database,
  id: string,
  values: UpdateSectionValues & { parentId?: string | null },
): Promise<TaxonomyWrite> {
  return db.prisma.$transaction(async (tx) => {
    await lockSectionTree(tx);
    const section = await sectionNode(tx, id);
    if (!section) throw notFound('No section with this ID.');
    if (values.name != null) await tx.section.update({ where: { id }, data: { name: values.name } });
    const changes =
      values.slug != null && values.slug !== section.slug ? await renameSection(tx, section, values.slug) : [];
    const touchedSectionIds = values.parentId !== undefined ? await moveSection(tx, section, values.parentId) : [];
    return { id, touchedSectionIds, changes };
  }, TRANSACTION_OPTIONS);
}

export async function createTag(db: Database, values: CreateTagValues): Promise<TaxonomyWrite> {
  return db.prisma.$transaction(async (tx) => {
    const slug = newSlug(values);
    await assertSlugFree(tx, 'tag', slug, null);
    const id = newRowId();
    await tx.tag.create({ data: { id, slug, name: values.name, type: (values.type ?? 'TOPIC') as TagType } });
    return { id, touchedSectionIds: [], changes: [] };
  }, TRANSACTION_OPTIONS);
}

export async function updateTag(db: Database, id: string, values: UpdateTagValues): Promise<TaxonomyWrite> {
  return db.prisma.$transaction(async (tx) => {
    const [tag] = await tx.$queryRaw<Array<{ slug: string }>>`SELECT slug FROM "Tag" WHERE id = ${id}::uuid FOR UPDATE`;
    if (!tag) throw notFound('No tag with this ID.');
    await tx.tag.update({
      where: { id },
      data: {
        ...(values.name != null ? { name: values.name } : {}),
        ...(values.type != null ? { type: values.type } : {}),
      },
    });
    let changes: RecordedChange[] = [];
    if (values.slug != null && values.slug !== tag.slug) {
      await assertSlugFree(tx, 'tag', values.slug, id);
      await tx.tagSlugRedirect.deleteMany({ where: { slug: values.slug, tagId: id } });
      await tx.tagSlugRedirect.create({ data: { slug: tag.slug, tagId: id } });
      await tx.tag.update({ where: { id }, data: { slug: values.slug } });
      changes = await rewriteArticles(
        tx,
        tx.$queryRaw`UPDATE "Article" SET tags = array_replace(tags, ${tag.slug}, ${values.slug})
                      WHERE tags @> ARRAY[${tag.slug}] RETURNING id, revision`,
      );
    }
    return { id, touchedSectionIds: [], changes };
  }, TRANSACTION_OPTIONS);
}
