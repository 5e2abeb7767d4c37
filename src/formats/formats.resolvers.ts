// Article.ninjs and Article.jsonLd: the export source preloaded with the article (or loaded by the batched
// fallback), mapped in TypeScript with the site's settings.
import type { GraphQLResolveInfo } from 'graphql';

import type { ArticleRow } from '../article/article.repository.ts';
import type { GraphQLContext } from '../context.ts';
import { relationResolver } from '../sql/fallback.ts';
import type { ExportSource } from './export-source.ts';
import { newsArticleJsonLd } from './json-ld/news-article.ts';
import { ninjsDocument } from './ninjs/ninjs-document.ts';
import { siteSettings } from './site.ts';

type Export = (article: ArticleRow, source: ExportSource, context: GraphQLContext) => Record<string, unknown> | null;

function exportResolver(field: 'ninjs' | 'jsonLd', build: Export) {
  const source = relationResolver<ExportSource>('Article', field);
  return async (
    article: ArticleRow,
    args: Record<string, unknown>,
    context: GraphQLContext,
    info: GraphQLResolveInfo,
  ) => build(article, await source(article, args, context, info), context);
}

export const formatsResolvers = {
  Article: {
    ninjs: exportResolver('ninjs', (article, source) => ninjsDocument(siteSettings(), article, source)),
    jsonLd: exportResolver('jsonLd', (article, source, context) =>
      newsArticleJsonLd(siteSettings(), article, source, context.imageService ?? null),
    ),
  },
};
