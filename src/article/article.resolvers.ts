// Article queries and fields. Root resolvers push the whole selection into one SQL statement (see
// src/sql/projection.ts); relation fields read what it preloaded.
import type { QueryArticleArgs, Resolvers } from '../generated/graphql.ts';
import { badUserInput } from '../shared/errors.ts';
import { decodeGlobalId, encodeGlobalId } from '../shared/global-id.ts';
import type { NodeFetcher } from '../shared/node.resolvers.ts';
import { totalCountOf } from '../shared/pagination.ts';
import { relationResolver } from '../sql/fallback.ts';
import { pagePlan, rowPlan, selectOne, type RootPlan, type RowQuery } from '../sql/run.ts';
import { fieldsOf, selectionOf } from '../sql/selection.ts';
import { statementFor, type SqlStatement } from '../sql/statement.ts';
import type { EntityRow } from '../entity/entity.repository.ts';
import type { MediaRow } from '../media/media.repository.ts';
import type { QuoteRow } from '../quote/quote.repository.ts';
import { knownLanguage } from '../translation/language.ts';
import {
  articleById,
  articleInLanguage,
  articleQuery,
  articlesPage,
  articlesQuery,
  type ArticleBlockRow,
  type ArticleEntityLinkRow,
  type ArticleMediaItemRow,
  type ArticleRow,
} from './article.repository.ts';
import { readingTimeMinutes } from './reading-time.ts';
import { richTextBlockResolvers } from './rich-text/block.resolvers.ts';
import type { MentionRow } from '../entity/entity.repository.ts';

/** `node(id:)` for an article: its columns, no relations preloaded. */
export const fetchArticleNode: NodeFetcher = async (id, context) => {
  const row = await articleById(context, id, {});
  return row && { __typename: 'Article', ...row };
};

/** Query.article's one row, by exactly one of its arguments. */
function articleByArgs(statement: SqlStatement, args: QueryArticleArgs): RowQuery {
  if ((args.slug == null) === (args.id == null))
    throw badUserInput('Give exactly one of `slug` and `id`.', args.slug == null ? 'slug' : 'id');
  if (args.language != null) {
    if (args.slug == null) throw badUserInput('`language` goes with `slug`, not `id`.', 'language');
    return articleInLanguage(statement, args.slug, knownLanguage(args.language, 'language'));
  }
  return articleQuery(
    statement,
    args.slug != null ? { slug: args.slug } : { id: decodeGlobalId(args.id!, 'id', 'Article').id },
  );
}

/** The root fields answered in one statement each, planned for response mode (src/execution/rendered.ts). */
export const articleRootPlans: Record<string, RootPlan> = {
  article: rowPlan(articleByArgs),
  articles: pagePlan(articlesQuery),
};

export const articleResolvers: Resolvers = {
  Query: {
    article: (_, args, context, info) =>
      selectOne<ArticleRow>(
        context,
        articleByArgs(statementFor(context), args),
        fieldsOf(selectionOf(info), 'Article'),
      ),
    articles: (_, args, context, info) => articlesPage(context, args, selectionOf(info)),
  },
  Article: {
    id: (article) => encodeGlobalId('Article', article.id),
    readingTimeMinutes: (article) => readingTimeMinutes(article.wordCount),
    blocks: relationResolver<ArticleBlockRow[]>('Article', 'blocks'),
    entities: relationResolver<ArticleEntityLinkRow[]>('Article', 'entities'),
    quotes: relationResolver<QuoteRow[]>('Article', 'quotes'),
    media: relationResolver<ArticleMediaItemRow[]>('Article', 'media'),
    related: relationResolver<ArticleRow[]>('Article', 'related'),
  },
  ArticleBlock: {
    media: relationResolver<MediaRow | null>('ArticleBlock', 'media'),
    linkedArticle: relationResolver<ArticleRow | null>('ArticleBlock', 'linkedArticle'),
    ...richTextBlockResolvers,
  },
  ArticleEntityLink: {
    entity: relationResolver<EntityRow>('ArticleEntityLink', 'entity'),
    mentions: relationResolver<MentionRow[]>('ArticleEntityLink', 'mentions'),
  },
  ArticleMediaItem: {
    media: relationResolver<MediaRow>('ArticleMediaItem', 'media'),
  },
  ArticleConnection: {
    totalCount: totalCountOf,
  },
};
