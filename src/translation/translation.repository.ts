// Translation groups: an original article and the articles whose "translationOfId" points at it. One level only (a
// translation of a translation points at the original), so a group is found with two index look-ups and "A
// translates B" reads the same from either side.
import type { Database } from '../db/client.ts';
import type { TransactionClient } from '../article/article-writer.ts';
import { TRANSACTION_OPTIONS } from '../article/article-mutations.repository.ts';
import { invalidField } from '../article/article-mutations.input.ts';
import { notFound } from '../shared/errors.ts';
import { sql, type SQL } from '../sql/fragment.ts';
import { listSql, project, type ListSource, type Relation } from '../sql/projection.ts';
import { fieldsOf } from '../sql/selection.ts';
import type { SqlStatement } from '../sql/statement.ts';

/** The id of the original of `article`'s group (its own id for an original). */
function originalOf(article: SQL): SQL {
  return sql`coalesce(${article}."translationOfId", ${article}.id)`;
}

/** The articles of the group of the article `id` (held by `article`), itself included, that the reader may see. */
function groupMembers(statement: SqlStatement, member: SQL, original: SQL): SQL[] {
  return [
    sql`(${member}.id = ${original} OR ${member}."translationOfId" = ${original})`,
    statement.visibleArticle(member),
  ];
}

/** Article.translations and Article.translationOf, merged into the Article projection (one statement per page). */
export const translationRelations: Record<string, Relation> = {
  translations: {
    sql(statement, parent, tree) {
      const t = statement.alias('t');
      const source: ListSource = {
        typeName: 'Article',
        select: sql`${t}.*`,
        from: sql`"Article" ${t}`,
        where: [...groupMembers(statement, t, originalOf(parent)), sql`${t}.id <> ${parent}.id`],
        order: [
          { expr: sql`${t}.language`, dir: 'ASC', type: 'text' },
          { expr: sql`${t}.id`, dir: 'ASC', type: 'uuid' },
        ],
      };
      return listSql(statement, source, fieldsOf(tree, 'Article'));
    },
  },
  translationOf: {
    sql(statement, parent, tree) {
      const t = statement.alias('t');
      return sql`(SELECT ${project(statement, 'Article', t, fieldsOf(tree, 'Article'))} FROM "Article" ${t} WHERE ${t}.id = ${parent}."translationOfId" AND ${statement.visibleArticle(t)})`;
    },
  },
};

/**
 * `article(slug:, language:)`: the article in `language` of the group of the article with `slug` (the article
 * itself when it is in that language). Found from the slug's row by index: the slug, then the group's two keys.
 */
export function translationBySlug(statement: SqlStatement, alias: SQL, slug: string, language: string): SQL[] {
  const [s, g] = [statement.alias('s'), statement.alias('g')];
  return [
    sql`${alias}.language = ${statement.bind(language, 'text')}`,
    sql`${alias}.id IN (SELECT ${g}.id FROM "Article" ${s} JOIN "Article" ${g} ON ${g}.id = ${originalOf(s)} OR ${g}."translationOfId" = ${originalOf(s)} WHERE ${s}.slug = ${statement.bind(slug, 'text')} AND ${statement.visibleArticle(s)})`,
    statement.visibleArticle(alias),
  ];
}

interface GroupArticle {
  id: string;
  language: string;
  translationOfId: string | null;
}

/** What a link or unlink changed: the article, and every article whose `translations` it changed. */
export interface TranslationChange {
  articleId: string;
  touchedArticleIds: string[];
}

async function lockArticles(tx: TransactionClient, ids: string[]): Promise<GroupArticle[]> {
  // In id order, so two writers locking the same pair cannot deadlock.
  return tx.$queryRaw<GroupArticle[]>`
    SELECT id, language, "translationOfId" FROM "Article"
     WHERE id = ANY(${ids}::uuid[]) AND "deletedAt" IS NULL ORDER BY id FOR UPDATE`;
}

/** The group whose original is `originalId`, locked, in id order. */
async function lockGroup(tx: TransactionClient, originalId: string): Promise<GroupArticle[]> {
  return tx.$queryRaw<GroupArticle[]>`
    SELECT id, language, "translationOfId" FROM "Article"
     WHERE (id = ${originalId}::uuid OR "translationOfId" = ${originalId}::uuid) AND "deletedAt" IS NULL
     ORDER BY id FOR UPDATE`;
}

/** Marks `articleId` as a translation of `translationOfId`'s original, in one transaction. */
export function linkTranslation(db: Database, articleId: string, translationOfId: string): Promise<TranslationChange> {
  if (articleId === translationOfId)
    throw invalidField('An article cannot be a translation of itself.', 'translationOfId');
  return db.prisma.$transaction(async (tx) => {
    const locked = await lockArticles(tx, [articleId, translationOfId]);
    const article = locked.find((row) => row.id === articleId);
    const target = locked.find((row) => row.id === translationOfId);
    if (!article) throw notFound('No article with this ID (articleId).');
    if (!target) throw notFound('No article with this ID (translationOfId).');
    const originalId = target.translationOfId ?? target.id;
    const own = await lockGroup(tx, articleId);
    if (originalId === articleId || (article.translationOfId === null && own.length > 1))
      throw invalidField(
        'The article is the original of translations: unlink them first, or link the other way round.',
        'articleId',
      );
    const group = (await lockGroup(tx, originalId)).filter((row) => row.id !== articleId);
    const sameLanguage = group.find((row) => row.language === article.language);
    if (sameLanguage)
      throw invalidField(`The group already has an article in "${article.language}".`, 'translationOfId');
    const former = article.translationOfId ? await lockGroup(tx, article.translationOfId) : [];
    await tx.$executeRaw`UPDATE "Article" SET "translationOfId" = ${originalId}::uuid WHERE id = ${articleId}::uuid`;
    return { articleId, touchedArticleIds: [...group, ...former].map((row) => row.id) };
  }, TRANSACTION_OPTIONS);
}

/** Takes `articleId` out of its group; an original hands the group to its earliest translation. */
export function unlinkTranslation(db: Database, articleId: string): Promise<TranslationChange> {
  return db.prisma.$transaction(async (tx) => {
    const [article] = await lockArticles(tx, [articleId]);
    if (!article) throw notFound('No article with this ID (articleId).');
    const group = await lockGroup(tx, article.translationOfId ?? articleId);
    if (article.translationOfId) {
      await tx.$executeRaw`UPDATE "Article" SET "translationOfId" = NULL WHERE id = ${articleId}::uuid`;
    } else {
      const heir = group.find((row) => row.id !== articleId);
      if (heir) {
        await tx.$executeRaw`UPDATE "Article" SET "translationOfId" = ${heir.id}::uuid WHERE "translationOfId" = ${articleId}::uuid AND id <> ${heir.id}::uuid`;
        await tx.$executeRaw`UPDATE "Article" SET "translationOfId" = NULL WHERE id = ${heir.id}::uuid`;
      }
    }
    return { articleId, touchedArticleIds: group.map((row) => row.id) };
  }, TRANSACTION_OPTIONS);
}
