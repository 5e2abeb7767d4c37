// Author writes: create and update (a new slug keeps the old one as a redirect), and an article's credits, set as
// a new revision of the article in one transaction with its change-feed event.
import { TRANSACTION_OPTIONS, withLockedArticle, type WriteResult } from '../article/article-mutations.repository.ts';
import { invalidField } from '../article/article-mutations.input.ts';
import { commitRevision, type RevisionAuthor, type TransactionClient } from '../article/article-writer.ts';
import type { Database } from '../db/client.ts';
import { newRowId } from '../db/ids.ts';
import type { AuthorRole } from '../generated/prisma/enums.ts';
import { conflict, notFound } from '../shared/errors.ts';
import { slugify } from '../shared/slug.ts';
import type { CreateAuthorValues, UpdateAuthorValues } from './author.input.ts';

/** A slug is free for `authorId` when no other author has it now or had it before a rename. */
async function assertAuthorSlugFree(tx: TransactionClient, slug: string, authorId: string | null): Promise<void> {
  const owner = await tx.author.findUnique({ where: { slug }, select: { id: true } });
  const redirect = await tx.authorSlugRedirect.findUnique({ where: { slug }, select: { authorId: true } });
  const holder = owner?.id ?? redirect?.authorId;
  if (holder && holder !== authorId)
    throw conflict(`The slug "${slug}" belongs to another author.`, { field: 'input.slug' });
}

async function assertMediaExists(tx: TransactionClient, mediaId: string | null | undefined): Promise<void> {
  if (mediaId && !(await tx.media.findUnique({ where: { id: mediaId }, select: { id: true } })))
    throw invalidField('input.photoId names no stored medium.', 'input.photoId');
}

export type AuthorWriteValues = Omit<CreateAuthorValues, 'photoId'> & { photoMediaId?: string | null };

export async function createAuthor(db: Database, values: AuthorWriteValues): Promise<{ authorId: string }> {
  return db.prisma.$transaction(async (tx) => {
    const slug = values.slug ?? slugify(values.name);
    if (!slug) throw invalidField('input.name yields an empty slug; give input.slug.', 'input.slug');
    await assertAuthorSlugFree(tx, slug, null);
    await assertMediaExists(tx, values.photoMediaId);
    const created = await tx.author.create({
      data: {
        id: newRowId(),
        slug,
        name: values.name,
        bio: values.bio ?? null,
        jobTitle: values.jobTitle ?? null,
        photoUrl: values.photoUrl ?? null,
        photoMediaId: values.photoMediaId ?? null,
        sameAs: values.sameAs ?? [],
      },
      select: { id: true },
    });
    return { authorId: created.id };
  }, TRANSACTION_OPTIONS);
}

/** What an author update touched: the author, and the articles crediting it (their bylines show its name). */
export interface AuthorUpdate {
  authorId: string;
  creditedArticleIds: string[];
}

export async function updateAuthor(
  db: Database,
  authorId: string,
  values: Omit<UpdateAuthorValues, 'photoId'> & { photoMediaId?: string | null },
): Promise<AuthorUpdate> {
  return db.prisma.$transaction(async (tx) => {
    const locked = await tx.$queryRaw<Array<{ slug: string }>>`
      SELECT slug FROM "Author" WHERE id = ${authorId}::uuid FOR UPDATE`;
    if (!locked[0]) throw notFound('No author with this ID.');
    const oldSlug = locked[0].slug;
    if (values.slug != null && values.slug !== oldSlug) {
      await assertAuthorSlugFree(tx, values.slug, authorId);
      // The old slug keeps working; a redirect this author now takes back is dropped.
      await tx.authorSlugRedirect.deleteMany({ where: { slug: values.slug, authorId } });
      await tx.authorSlugRedirect.create({ data: { slug: oldSlug, authorId } });
    }
    await assertMediaExists(tx, values.photoMediaId);
    await tx.author.update({
      where: { id: authorId },
      data: {
        ...(values.name != null ? { name: values.name } : {}),
        ...(values.slug != null ? { slug: values.slug } : {}),
        ...(values.bio !== undefined ? { bio: values.bio } : {}),
        ...(values.jobTitle !== undefined ? { jobTitle: values.jobTitle } : {}),
        ...(values.photoUrl !== undefined ? { photoUrl: values.photoUrl } : {}),
        ...(values.photoMediaId !== undefined ? { photoMediaId: values.photoMediaId } : {}),
        ...(values.sameAs !== undefined ? { sameAs: values.sameAs ?? [] } : {}),
      },
    });
    const credited = await tx.articleAuthor.findMany({ where: { authorId }, select: { articleId: true } });
    return { authorId, creditedArticleIds: [...new Set(credited.map((c) => c.articleId))] };
  }, TRANSACTION_OPTIONS);
}

export interface Credit {
  authorId: string;
  role: AuthorRole;
}

const creditKey = (credit: Credit) => `${credit.role}:${credit.authorId}`;

/** Replaces an article's credits (in the order given) as its next revision; nothing changes when they are the same. */
export async function setArticleAuthors(
  db: Database,
  articleId: string,
  credits: Credit[],
  expectedRevision: number | null,
  author: RevisionAuthor,
): Promise<WriteResult> {
  const keys = credits.map(creditKey);
  const repeated = keys.findIndex((key, i) => keys.indexOf(key) !== i);
  if (repeated >= 0)
    throw invalidField(`authors.${repeated} credits an author twice in the same role.`, `authors.${repeated}`);
  return withLockedArticle(db, articleId, async (tx, article) => {
    if (expectedRevision != null && article.revision !== expectedRevision)
      throw conflict(`The article is at revision ${article.revision}, not ${expectedRevision}: reload and reapply.`, {
        field: 'expectedRevision',
        currentRevision: article.revision,
      });
    const ids = [...new Set(credits.map((credit) => credit.authorId))];
    const found = await tx.author.findMany({ where: { id: { in: ids } }, select: { id: true } });
    const missing = credits.findIndex((credit) => !found.some((row) => row.id === credit.authorId));
    if (missing >= 0) throw invalidField(`authors.${missing}.authorId names no author.`, `authors.${missing}.authorId`);
    const before = await tx.articleAuthor.findMany({ where: { articleId }, orderBy: [{ position: 'asc' }] });
    const from = before.map(creditKey);
    if (from.join() === keys.join()) return { articleId, revision: article.revision, changes: [] };
    await tx.articleAuthor.deleteMany({ where: { articleId } });
    await tx.articleAuthor.createMany({
      data: credits.map((credit, position) => ({ articleId, ...credit, position })),
    });
    const committed = await commitRevision(
      tx,
      article,
      {},
      { author, changes: [{ field: 'authors', from, to: keys }], kinds: ['UPDATED'] },
    );
    return { articleId, ...committed };
  });
}
