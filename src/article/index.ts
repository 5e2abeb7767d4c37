// The article domain: articles, their blocks, entity links, media items, revisions and the article mutations.
import { connectionDefaults, type DomainModule, sdlFiles } from '../domain-module.ts';
import { articleMutationResolvers } from './article-mutations.resolvers.ts';
import {
  articleBlockProjection,
  articleEntityLinkProjection,
  articleMediaItemProjection,
  articleProjection,
} from './article.repository.ts';
import { articleResolvers, articleRootPlans, fetchArticleNode } from './article.resolvers.ts';

export const articleModule: DomainModule = {
  name: 'article',
  typeDefs: sdlFiles(import.meta.url, 'article.graphql', 'article-mutations.graphql', 'rich-text.graphql'),
  resolvers: [articleResolvers, articleMutationResolvers],
  projections: {
    Article: articleProjection,
    ArticleBlock: articleBlockProjection,
    ArticleEntityLink: articleEntityLinkProjection,
    ArticleMediaItem: articleMediaItemProjection,
  },
  nodeFetchers: { Article: fetchArticleNode },
  rootPlans: articleRootPlans,
  defaultResolved: {
    ...connectionDefaults('Article'),
    DeleteArticlePayload: ['deletedArticleId', 'revision'],
    ArticleRevision: ['revision', 'at', 'editor', 'changes', 'staged'],
    FieldChange: ['field', 'from', 'to'],
    Correction: ['note', 'at'],
    TextMark: ['kind', 'start', 'end', 'href'],
    Embed: ['provider', 'url', 'title', 'html'],
    TextSpan: ['text', 'start', 'end'],
    BlockList: ['ordered', 'items'],
    TableRow: ['cells'],
    BlockTable: ['headerRows', 'rows'],
  },
};
