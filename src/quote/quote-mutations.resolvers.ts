// addQuote, editQuote, attributeQuote/setQuoteSpeaker, confirmQuoteSpeaker, removeQuote.
import type { GraphQLResolveInfo } from 'graphql';
import { z } from 'zod';

import { announce, authorOf, payloadArticle } from '../article/article-mutations.resolvers.ts';
import { LIMITS, parseInput, quoteFieldsSchema } from '../article/article-mutations.input.ts';
import { requireRole } from '../auth/authorize.ts';
import type { GraphQLContext } from '../context.ts';
import type {
  MutationAddQuoteArgs,
  MutationConfirmQuoteSpeakerArgs,
  MutationEditQuoteArgs,
  MutationRemoveQuoteArgs,
  MutationSetQuoteSpeakerArgs,
} from '../generated/graphql.ts';
import { notFound } from '../shared/errors.ts';
import { decodeGlobalId, encodeGlobalId } from '../shared/global-id.ts';
import { fieldsOf, selectionOf } from '../sql/selection.ts';
import { mapWriteErrors } from '../shared/write-errors.ts';
import { quoteById } from './quote.repository.ts';
import {
  addQuote,
  attributeQuote,
  confirmQuoteSpeaker,
  editQuote,
  removeQuote,
  type QuoteWriteResult,
} from './quote-mutations.repository.ts';

const editQuoteSchema = quoteFieldsSchema.partial().extend({ text: quoteFieldsSchema.shape.text.optional() });
const labelSchema = z.string().trim().min(1).max(LIMITS.shortText).nullish();

async function payloadQuote(
  parent: { quoteId: string },
  _args: unknown,
  context: GraphQLContext,
  info: GraphQLResolveInfo,
) {
  const quote = await quoteById(context, parent.quoteId, fieldsOf(selectionOf(info), 'Quote'));
  if (!quote) throw notFound('The quote is no longer visible.');
  return quote;
}

async function write(context: GraphQLContext, argument: string, work: () => Promise<QuoteWriteResult>) {
  const result = await mapWriteErrors(argument, work);
  await announce(context, result);
  return result;
}

const quoteIdOf = (id: string) => decodeGlobalId(id, 'id', 'Quote').id;
const speakerIdOf = (id: string | null | undefined, argument: string) =>
  id ? decodeGlobalId(id, argument, 'Entity').id : null;

/** attributeQuote and setQuoteSpeaker: an editor's decision on who said a quote. */
function setSpeaker(args: MutationSetQuoteSpeakerArgs, context: GraphQLContext, action: string) {
  requireRole(context.viewer, 'EDITOR', action);
  const speakerId = speakerIdOf(args.speakerId, 'speakerId');
  const speakerLabel = parseInput(labelSchema, args.speakerLabel, 'speakerLabel');
  const speakerRole = parseInput(labelSchema, args.speakerRole, 'speakerRole');
  return write(context, 'speakerId', () =>
    attributeQuote(context.db, quoteIdOf(args.id), { speakerId, speakerLabel, speakerRole }, authorOf(context.viewer)),
  );
}

export const quoteMutationResolvers = {
  Mutation: {
    addQuote: (_: unknown, args: MutationAddQuoteArgs, context: GraphQLContext) => {
      requireRole(context.viewer, 'EDITOR', 'addQuote');
      const articleId = decodeGlobalId(args.input.articleId, 'input.articleId', 'Article').id;
      const speakerId = speakerIdOf(args.input.speakerId, 'input.speakerId');
      const { articleId: _a, speakerId: _s, ...fields } = args.input;
      const values = parseInput(quoteFieldsSchema, fields, 'input');
      return write(context, 'input', () =>
        addQuote(context.db, articleId, { ...values, speakerId }, authorOf(context.viewer)),
      );
    },
    editQuote: (_: unknown, args: MutationEditQuoteArgs, context: GraphQLContext) => {
      requireRole(context.viewer, 'EDITOR', 'editQuote');
      const values = parseInput(editQuoteSchema, args.input, 'input');
      return write(context, 'input', () => editQuote(context.db, quoteIdOf(args.id), values, authorOf(context.viewer)));
    },
    attributeQuote: (_: unknown, args: MutationSetQuoteSpeakerArgs, context: GraphQLContext) =>
      setSpeaker(args, context, 'attributeQuote'),
    setQuoteSpeaker: (_: unknown, args: MutationSetQuoteSpeakerArgs, context: GraphQLContext) =>
      setSpeaker(args, context, 'setQuoteSpeaker'),
    confirmQuoteSpeaker: (_: unknown, args: MutationConfirmQuoteSpeakerArgs, context: GraphQLContext) => {
      requireRole(context.viewer, 'EDITOR', 'confirmQuoteSpeaker');
      return write(context, 'id', () => confirmQuoteSpeaker(context.db, quoteIdOf(args.id), authorOf(context.viewer)));
    },
    removeQuote: async (_: unknown, args: MutationRemoveQuoteArgs, context: GraphQLContext) => {
      requireRole(context.viewer, 'EDITOR', 'removeQuote');
      const result = await write(context, 'id', () =>
        removeQuote(context.db, quoteIdOf(args.id), authorOf(context.viewer)),
      );
      return { ...result, removedQuoteId: encodeGlobalId('Quote', result.quoteId) };
    },
  },
  QuotePayload: { quote: payloadQuote, article: payloadArticle },
  RemoveQuotePayload: { article: payloadArticle },
};
