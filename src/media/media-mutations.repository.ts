// Media writes. Attaching and detaching change an article (a new revision); editing a medium or what it depicts
// changes every article using it (an UPDATED feed event each, their own revisions unchanged).
import { DraftValidationError } from '../shared/write-errors.ts';
import {
  commitRevision,
  recordChanges,
  type RecordedChange,
  type RevisionAuthor,
  type TransactionClient,
} from '../article/article-writer.ts';
import { TRANSACTION_OPTIONS, withLockedArticle, type WriteResult } from '../article/article-mutations.repository.ts';
import { recordsOfMedia } from '../cache/touched-records.ts';
import type { Database } from '../db/client.ts';
import type { MediaKind, MediaRole } from '../generated/prisma/enums.ts';
import { conflict, notFound } from '../shared/errors.ts';
import { Prisma } from '../generated/prisma/client.ts';
import type { AspectRatio, CropRect, FocalPoint } from './renditions.ts';

export interface MediaValues {
  kind?: MediaKind | null;
  url: string;
  caption?: string | null;
  altText?: string | null;
  width?: number | null;
  height?: number | null;
  credit?: {
    raw?: string | null;
    photographer?: string | null;
    pool?: boolean | null;
    distributor?: string | null;
    isFilePhoto?: boolean | null;
    copyrightHolder?: string | null;
  } | null;
  focalPoint?: FocalPoint | null;
  crops?: Partial<Record<AspectRatio, CropRect>> | null;
}

/** The focal point and crops as columns: only those given (undefined leaves a column as it is, null clears it). */
function renditionColumns({ focalPoint, crops }: Pick<MediaValues, 'focalPoint' | 'crops'>) {
  return {
    ...(focalPoint !== undefined ? { focalX: focalPoint?.x ?? null, focalY: focalPoint?.y ?? null } : {}),
    ...(crops !== undefined
      ? { crops: crops && Object.keys(crops).length ? (crops as Prisma.InputJsonValue) : Prisma.DbNull }
      : {}),
  };
}

function creditColumns(credit: MediaValues['credit']) {
  return {
    creditRaw: credit?.raw ?? null,
    photographer: credit?.photographer ?? null,
    pool: credit?.pool ?? false,
    distributor: credit?.distributor ?? null,
    isFilePhoto: credit?.isFilePhoto ?? false,
    copyrightHolder: credit?.copyrightHolder ?? null,
  };
}

export interface MediaWriteResult extends WriteResult {
  mediaId: string;
}

export async function attachMedia(
  db: Database,
  articleId: string,
  target: { mediaId: string } | { media: MediaValues },
  placement: { role: MediaRole; position: number | null },
  author: RevisionAuthor,
): Promise<MediaWriteResult> {
  return withLockedArticle(db, articleId, async (tx, article) => {
    let mediaId: string;
    if ('mediaId' in target) {
      if (!(await tx.media.findUnique({ where: { id: target.mediaId }, select: { id: true } })))
        throw new DraftValidationError('No medium with this ID.', 'mediaId');
      mediaId = target.mediaId;
    } else {
      const { credit, focalPoint, crops, ...fields } = target.media;
      const data = {
        ...fields,
        kind: fields.kind ?? 'PHOTO',
        ...creditColumns(credit),
        ...renditionColumns({ focalPoint, crops }),
      };
      const existing = await tx.media.findFirst({ where: { url: fields.url }, select: { id: true } });
      mediaId = existing
        ? (await tx.media.update({ where: { id: existing.id }, data })).id
        : (await tx.media.create({ data })).id;
    }
    const last = await tx.articleMedia.aggregate({ where: { articleId }, _max: { position: true } });
    const position = placement.position ?? (last._max.position ?? -1) + 1;
    const before = await tx.articleMedia.findUnique({ where: { articleId_mediaId: { articleId, mediaId } } });
    if (before && before.role === placement.role && before.position === position)
      return { articleId, mediaId, revision: article.revision, changes: [] };
    await tx.articleMedia.upsert({
      where: { articleId_mediaId: { articleId, mediaId } },
      create: { articleId, mediaId, role: placement.role, position },
      update: { role: placement.role, position },
    });
    const committed = await commitRevision(
      tx,
      article,
      {},
      {
        author,
        changes: [
          {
            field: 'media',
            from: before ? { media: mediaId, role: before.role, position: before.position } : null,
            to: { media: mediaId, role: placement.role, position },
          },
        ],
        kinds: ['UPDATED'],
      },
    );
    return { articleId, mediaId, ...committed };
  });
}

export async function detachMedia(
  db: Database,
  articleId: string,
  mediaId: string,
  author: RevisionAuthor,
): Promise<MediaWriteResult> {
  return withLockedArticle(db, articleId, async (tx, article) => {
    const link = await tx.articleMedia.findUnique({ where: { articleId_mediaId: { articleId, mediaId } } });
    if (!link) throw notFound('This medium is not attached to this article.');
    const block = await tx.articleBlock.findFirst({ where: { articleId, mediaId }, select: { position: true } });
    if (block)
      throw conflict(`Block ${block.position} of the article shows this medium: change the article's content first.`, {
        field: 'mediaId',
        blockPosition: block.position,
      });
    await tx.articleMedia.delete({ where: { articleId_mediaId: { articleId, mediaId } } });
    const committed = await commitRevision(
      tx,
      article,
      {},
      {
        author,
        changes: [{ field: 'media', from: { media: mediaId, role: link.role, position: link.position }, to: null }],
        kinds: ['UPDATED'],
      },
    );
    return { articleId, mediaId, ...committed };
  });
}

/** UPDATED events for every live article using the medium (inside the caller's transaction). */
async function touchArticlesUsing(tx: TransactionClient, mediaId: string): Promise<RecordedChange[]> {
  const articles = await tx.article.findMany({
    where: { deletedAt: null, media: { some: { mediaId } } },
    select: { id: true, revision: true },
    orderBy: { id: 'asc' },
  });
  const changes: RecordedChange[] = [];
  for (const a of articles) changes.push(...(await recordChanges(tx, a.id, a.revision, ['UPDATED'])));
  return changes;
}

export async function editMedia(
  db: Database,
  mediaId: string,
  values: Partial<MediaValues>,
): Promise<{ mediaId: string; changes: RecordedChange[]; formerRecords: string[] }> {
  return db.prisma.$transaction(async (tx) => {
    const locked = await tx.$queryRaw<
      Array<{ id: string }>
    >`SELECT id FROM "Media" WHERE id = ${mediaId}::uuid FOR UPDATE`;
    if (!locked.length) throw notFound('No medium with this ID.');
    const formerRecords = await recordsOfMedia(tx, mediaId);
    const { credit, focalPoint, crops, ...fields } = values;
    const data = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
    if (data.kind === null) delete data.kind;
    if (data.url === null) delete data.url;
    await tx.media.update({
      where: { id: mediaId },
      data: {
        ...data,
        ...(credit !== undefined ? creditColumns(credit) : {}),
        ...renditionColumns({ focalPoint, crops }),
      },
    });
    return { mediaId, changes: await touchArticlesUsing(tx, mediaId), formerRecords };
  }, TRANSACTION_OPTIONS);
}

export async function setMediaDepictions(
  db: Database,
  mediaId: string,
  entityIds: string[],
): Promise<{ mediaId: string; changes: RecordedChange[]; formerRecords: string[] }> {
  return db.prisma.$transaction(async (tx) => {
    const locked = await tx.$queryRaw<
      Array<{ id: string }>
    >`SELECT id FROM "Media" WHERE id = ${mediaId}::uuid FOR UPDATE`;
    if (!locked.length) throw notFound('No medium with this ID.');
    const formerRecords = await recordsOfMedia(tx, mediaId);
    const unique = [...new Set(entityIds)];
    const found = new Set(
      (await tx.entity.findMany({ where: { id: { in: unique } }, select: { id: true } })).map((e) => e.id),
    );
    const missing = entityIds.findIndex((id) => !found.has(id));
    if (missing >= 0) throw new DraftValidationError('No entity with this ID.', `entityIds.${missing}`);
    await tx.mediaDepiction.deleteMany({ where: { mediaId } });
    if (unique.length) await tx.mediaDepiction.createMany({ data: unique.map((entityId) => ({ mediaId, entityId })) });
    return { mediaId, changes: await touchArticlesUsing(tx, mediaId), formerRecords };
  }, TRANSACTION_OPTIONS);
}
