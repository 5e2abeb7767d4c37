// Article queries and fields. Root resolvers push the whole selection into one SQL statement (see
// src/sql/projection.ts); relation fields read what it preloaded.
import type { Resolvers } from '../generated/graphql.ts';
import { badUserInput } from '../shared/errors.ts';
import { decodeGlobalId, encodeGlobalId } from '../shared/global-id.ts';
import { nodeFetchers } from '../shared/node.resolvers.ts';
import { totalCountOf } from '../shared/pagination.ts';
import { relationResolver } from '../sql/fallback.ts';
import { fieldsOf, selectionOf } from '../sql/selection.ts';
import type { EntityRow } from '../entity/entity.repository.ts';
import type { MediaRow } from '../media/media.repository.ts';
import type { QuoteRow } from '../quote/quote.repository.ts';
import {
  articleById,
  articleBySlug,
  articlesPage,
  type ArticleBlockRow,
  type ArticleEntityEdgeRow,
  type ArticleMediaEdgeRow,
  type ArticleRow,
} from './article.repository.ts';
import type { MentionRow } from '../entity/entity.repository.ts';

nodeFetchers.set('Article', async (id, context) => {
  const row = await articleById(context, id, {});
  return row && { __typename: 'Article', ...row };
});

export const articleResolvers: Resolvers = {
  Query: {
    article: (_, args, context, info) => {
      if ((args.slug == null) === (args.id == null)) throw badUserInput('Give exactly one of `slug` and `id`.', args.slug == null ? 'slug' : 'id');
      const fields = fieldsOf(selectionOf(info), 'Article');
      return args.slug != null ? articleBySlug(context, args.slug, fields) : articleById(context, decodeGlobalId(args.id!, 'id', 'Article').id, fields);
    },
    articles: (_, args, context, info) => articlesPage(context, args, selectionOf(info)),
  },
  Article: {
    id: (article) => encodeGlobalId('Article', article.id),
    blocks: relationResolver<ArticleBlockRow[]>('Article', 'blocks'),
    entities: relationResolver<ArticleEntityEdgeRow[]>('Article', 'entities'),
    quotes: relationResolver<QuoteRow[]>('Article', 'quotes'),
    media: relationResolver<ArticleMediaEdgeRow[]>('Article', 'media'),
    related: relationResolver<ArticleRow[]>('Article', 'related'),
  },
  ArticleBlock: {
    media: relationResolver<MediaRow | null>('ArticleBlock', 'media'),
  },
  ArticleEntityEdge: {
    entity: relationResolver<EntityRow>('ArticleEntityEdge', 'entity'),
    mentions: relationResolver<MentionRow[]>('ArticleEntityEdge', 'mentions'),
  },
  ArticleMediaEdge: {
    media: relationResolver<MediaRow>('ArticleMediaEdge', 'media'),
  },
  ArticleConnection: {
    totalCount: totalCountOf,
  },
};
