// Author queries, fields and mutations: the author page, the credits and byline of an article, and the editors'
// writes (each evicting every cached answer that shows what it changed).
import type { GraphQLResolveInfo } from 'graphql';

import { announce, authorOf } from '../article/article-mutations.resolvers.ts';
import { parseInput } from '../article/article-mutations.input.ts';
import type { ArticleConnectionPage } from '../article/article.repository.ts';
import { requireRole } from '../auth/authorize.ts';
import type { GraphQLContext } from '../context.ts';
import type {
  MutationCreateAuthorArgs,
  MutationSetArticleAuthorsArgs,
  MutationUpdateAuthorArgs,
  QueryAuthorArgs,
  Resolvers,
} from '../generated/graphql.ts';
import type { MediaRow } from '../media/media.repository.ts';
import { badUserInput, notFound } from '../shared/errors.ts';
import { decodeGlobalId, encodeGlobalId } from '../shared/global-id.ts';
import type { NodeFetcher } from '../shared/node.resolvers.ts';
import { totalCountOf } from '../shared/pagination.ts';
import { mapWriteErrors } from '../shared/write-errors.ts';
import { relationResolver } from '../sql/fallback.ts';
import { pagePlan, rowPlan, selectOne, type RootPlan, type RowQuery } from '../sql/run.ts';
import { fieldsOf, selectionOf } from '../sql/selection.ts';
import { statementFor, type SqlStatement } from '../sql/statement.ts';
import { createAuthor, setArticleAuthors, updateAuthor } from './author-mutations.repository.ts';
import { createAuthorSchema, MAX_CREDITS, updateAuthorSchema } from './author.input.ts';
import {
  authorByKey,
  authorQuery,
  authorsPage,
  authorsQuery,
  type ArticleAuthorRow,
  type AuthorRow,
} from './author.repository.ts';

/** `node(id:)` for an author: its columns, no relations preloaded. */
export const fetchAuthorNode: NodeFetcher = async (id, context) => {
  const row = await authorByKey(context, { id }, {});
  return row && { __typename: 'Author', ...row };
};

function authorByArgs(statement: SqlStatement, args: QueryAuthorArgs): RowQuery {
  if ((args.slug == null) === (args.id == null))
    throw badUserInput('Give exactly one of `slug` and `id`.', args.slug == null ? 'slug' : 'id');
  return authorQuery(
    statement,
    args.id != null ? { id: decodeGlobalId(args.id, 'id', 'Author').id } : { slug: args.slug! },
  );
}

export const authorRootPlans: Record<string, RootPlan> = {
  author: rowPlan(authorByArgs),
  authors: pagePlan(authorsQuery),
};

async function payloadAuthor(
  parent: { authorId: string },
  _args: unknown,
  context: GraphQLContext,
  info: GraphQLResolveInfo,
) {
  const author = await authorByKey(context, { id: parent.authorId }, fieldsOf(selectionOf(info), 'Author'));
  if (!author) throw notFound('The author no longer exists.');
  return author;
}

/** `photoId` as the stored medium's id: absent stays absent, null clears. */
function photoMediaId(photoId: string | null | undefined): string | null | undefined {
  return photoId == null ? photoId : decodeGlobalId(photoId, 'input.photoId', 'Media').id;
}

/** The author mutations (typed by their own arguments, as the other domains' mutation maps are). */
export const authorMutationResolvers = {
  Mutation: {
    createAuthor: async (_: unknown, args: MutationCreateAuthorArgs, context: GraphQLContext) => {
      requireRole(context.viewer, 'EDITOR', 'createAuthor');
      const { photoId, ...values } = parseInput(createAuthorSchema, args.input, 'input');
      const result = await mapWriteErrors('input', () =>
        createAuthor(context.db, { ...values, photoMediaId: photoMediaId(photoId) }),
      );
      await announce(context, { changes: [] }, [encodeGlobalId('Author', result.authorId)]);
      return result;
    },
    updateAuthor: async (_: unknown, args: MutationUpdateAuthorArgs, context: GraphQLContext) => {
      requireRole(context.viewer, 'EDITOR', 'updateAuthor');
      const id = decodeGlobalId(args.id, 'id', 'Author').id;
      const { photoId, ...values } = parseInput(updateAuthorSchema, args.input, 'input');
      const result = await mapWriteErrors('input', () =>
        updateAuthor(context.db, id, { ...values, photoMediaId: photoMediaId(photoId) }),
      );
      // Bylines derived from the author's name change with it.
      await announce(context, { changes: [] }, [
        args.id,
        ...result.creditedArticleIds.map((articleId) => encodeGlobalId('Article', articleId)),
      ]);
      return result;
    },
    setArticleAuthors: async (_: unknown, args: MutationSetArticleAuthorsArgs, context: GraphQLContext) => {
      requireRole(context.viewer, 'EDITOR', 'setArticleAuthors');
      const articleId = decodeGlobalId(args.articleId, 'articleId', 'Article').id;
      if (args.authors.length > MAX_CREDITS)
        throw badUserInput(`\`authors\` holds at most ${MAX_CREDITS} credits.`, 'authors');
      const credits = args.authors.map((credit, i) => ({
        authorId: decodeGlobalId(credit.authorId, `authors.${i}.authorId`, 'Author').id,
        role: credit.role ?? 'AUTHOR',
      }));
      const result = await mapWriteErrors('authors', () =>
        setArticleAuthors(context.db, articleId, credits, args.expectedRevision ?? null, authorOf(context.viewer)),
      );
      await announce(context, result);
      return result;
    },
  },
  AuthorPayload: { author: payloadAuthor },
};

export const authorResolvers: Resolvers = {
  Query: {
    author: (_, args, context, info) =>
      selectOne<AuthorRow>(context, authorByArgs(statementFor(context), args), fieldsOf(selectionOf(info), 'Author')),
    authors: (_, args, context, info) => authorsPage(context, args, selectionOf(info)),
  },
  Author: {
    id: (author) => encodeGlobalId('Author', author.id),
    photo: relationResolver<MediaRow | null>('Author', 'photo'),
    articles: relationResolver<ArticleConnectionPage>('Author', 'articles'),
  },
  ArticleAuthor: {
    author: relationResolver<AuthorRow>('ArticleAuthor', 'author'),
  },
  Article: {
    authors: relationResolver<ArticleAuthorRow[]>('Article', 'authors'),
    byline: relationResolver<string | null>('Article', 'byline'),
  },
  AuthorConnection: { totalCount: totalCountOf },
};
