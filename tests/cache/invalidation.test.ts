// The response cache never answers what a change has made stale, as a property over real HTTP: for every root field
// of Query (enumerated from the schema, so a new one without a case here fails) and every reader-visible change to an
// article and what hangs off it, an anonymous answer warmed in the cache is, right after the mutation answers, no
// longer a hit and equals what a server without a cache answers. In memory, and with two instances on one Redis
// (warmed on B, changed through A).
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';

import { MemoryCacheStore, RedisCacheStore } from '../../src/cache/cache-store.ts';
import { InProcessPubSub } from '../../src/feed/pubsub.ts';
import { RedisPubSub } from '../../src/feed/redis-pubsub.ts';
import { buildSchema } from '../../src/schema.ts';
import { decodeGlobalId } from '../../src/shared/global-id.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { startTestServer, type TestServer } from '../support/server.ts';
import { CREATE_ARTICLE, lukashenkoInput } from '../write/fixtures.ts';

const fromGlobalId = (id: string) => decodeGlobalId(id, 'id').id;

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

interface Ids {
  article: string;
  quote: string;
  media: string;
  speaker: string;
  entity: string;
  /** The medium attachMedia added (for detachMedia). */
  attached?: string;
  /** The author createAuthor added (for setArticleAuthors and updateAuthor). */
  author?: string;
  /** The collection createCollection added (for updateCollection and deleteCollection). */
  collection?: string;
  /** The entry addLiveEntry posted (for updateLiveEntry and deleteLiveEntry). */
  liveEntry?: string;
  /** The French story linkTranslation linked (for unlinkTranslation). */
  translation?: string;
}

type Read = { query: string; variables?: Record<string, unknown> };

/**
 * One anonymous read per root field of Query, each showing what the changes below alter. Roots select their `id`
 * (as Relay does); nested records mostly do not (as the example pages in src/shared/example-queries.ts), so
 * eviction rests on neither.
 */
const ROOT_READS: Record<string, ((ids: Ids) => Read) | 'never cached'> = {
  node: (ids) => ({
    query: 'query($id: ID!) { node(id: $id) { id ... on Quote { text speakerLabel speaker { name } } } }',
    variables: { id: ids.quote },
  }),
  nodes: (ids) => ({
    query:
      'query($ids: [ID!]!) { nodes(ids: $ids) { id ... on Article { headline } ... on Media { caption } ... on Entity { name aliases } } }',
    variables: { ids: [ids.article, ids.media, ids.entity] },
  }),
  article: (ids) => ({
    query: `query($id: ID) { article(id: $id) { id headline unpublishAt corrections { note } quotes { text speakerLabel speaker { name } }
      media { media { caption } } entities { entity { name aliases } } related { headline }
      byline section tags sectionRecord { name } tagRecords { name type } translations { headline language }
      kind liveEntries(first: 5) { edges { node { text isKeyEvent } } } pinnedEntries { text } } }`,
    variables: { id: ids.article },
  }),
  articles: () => ({ query: '{ articles(first: 5) { totalCount edges { node { headline } } } }' }),
  entity: (ids) => ({
    query: `query($id: ID) { entity(id: $id) { name aliases articles(first: 5) { totalCount edges { node { headline } } }
      quotes(first: 5) { edges { node { text speakerLabel } } } } }`,
    variables: { id: ids.speaker },
  }),
  entities: () => ({ query: '{ entities(first: 100) { totalCount edges { node { name aliases } } } }' }),
  media: (ids) => ({
    query: 'query($id: ID!) { media(id: $id) { id caption url depicted { name } } }',
    variables: { id: ids.media },
  }),
  mediaItems: () => ({ query: '{ mediaItems(first: 5) { edges { node { caption } } } }' }),
  quote: (ids) => ({
    query: 'query($id: ID!) { quote(id: $id) { id text speakerLabel speaker { name } article { headline } } }',
    variables: { id: ids.quote },
  }),
  quotes: () => ({ query: '{ quotes(first: 10) { totalCount edges { node { text speakerLabel } } } }' }),
  search: () => ({
    query:
      '{ search(query: "Lukashenko", first: 20) { edges { node { snippet item { ... on Article { headline } ... on Quote { text } ... on Entity { name } } } } } }',
  }),
  changes: 'never cached', // needs an editor key: signed-in answers never enter the shared cache
  collectionChanges: 'never cached', // needs an editor key, as `changes`
  webhooks: 'never cached', // admin keys only
  webhookDeliveries: 'never cached', // admin keys only
  author: () => ({
    query: '{ author(slug: "ilse-varga") { name jobTitle articles(first: 5) { edges { node { headline byline } } } } }',
  }),
  authors: () => ({ query: '{ authors(first: 10) { totalCount edges { node { name } } } }' }),
  section: () => ({
    query:
      '{ section(slug: "news") { name children { name } articles(first: 5) { totalCount edges { node { headline section } } } } }',
  }),
  sections: () => ({ query: '{ sections { slug name } }' }),
  tag: () => ({
    query: '{ tag(slug: "Belarus") { name type articles(first: 5) { totalCount edges { node { headline tags } } } } }',
  }),
  tags: () => ({ query: '{ tags(first: 20) { totalCount edges { node { slug name } } } }' }),
  collection: () => ({
    query: '{ collection(slug: "home") { name items { headlineOverride article { headline byline } } } }',
  }),
  collections: () => ({ query: '{ collections { slug name } }' }),
  preview: 'never cached', // needs a preview token or an editor key: answered private, no-store
};

interface Change {
  name: string;
  apply(
    ids: Ids,
    send: (document: string, variables: Record<string, unknown>) => Promise<Record<string, unknown>>,
  ): Promise<void>;
}

const REVISION = 'query($id: ID) { article(id: $id) { revision } }';

type Send = (document: string, variables: Record<string, unknown>) => Promise<Record<string, unknown>>;

async function revisionOf(ids: Ids, send: Send): Promise<number> {
  return ((await send(REVISION, { id: ids.article })) as { article: { revision: number } }).article.revision;
}

async function stageHeadline(ids: Ids, send: Send, headline: string): Promise<number> {
  const staged = (await send(
    'mutation($id: ID!, $rev: Int!, $headline: String!) { updateArticle(id: $id, expectedRevision: $rev, input: { headline: $headline }, stage: true) { article { revision } } }',
    { id: ids.article, rev: await revisionOf(ids, send), headline },
  )) as { updateArticle: { article: { revision: number } } };
  return staged.updateArticle.article.revision;
}

async function addCorrection(ids: Ids, send: Send, note: string): Promise<void> {
  await send(
    'mutation($id: ID!, $rev: Int!, $note: String!) { updateArticle(id: $id, expectedRevision: $rev, input: {}, correction: $note) { article { id } } }',
    { id: ids.article, rev: await revisionOf(ids, send), note },
  );
}

async function createPreviewToken(ids: Ids, send: Send): Promise<string> {
  const created = (await send('mutation($id: ID!) { createPreviewToken(articleId: $id, expiresIn: 600) { tokenId } }', {
    id: ids.article,
  })) as { createPreviewToken: { tokenId: string } };
  return created.createPreviewToken.tokenId;
}

/** Reader-visible changes, applied in this order to the same article. */
const CHANGES: Change[] = [
  {
    name: 'updateArticle with a correction',
    async apply(ids, send) {
      const { article } = (await send(REVISION, { id: ids.article })) as { article: { revision: number } };
      await send(
        'mutation($id: ID!, $rev: Int!) { updateArticle(id: $id, expectedRevision: $rev, input: { headline: "Lukashenko arrives in Beijing" }, correction: "The visit date was wrong.") { article { id } } }',
        {
          id: ids.article,
          rev: article.revision,
        },
      );
    },
  },
  {
    name: 'editQuote',
    apply: (ids, send) =>
      send(
        'mutation($id: ID!) { editQuote(id: $id, input: { speakerLabel: "the ministry spokesperson" }) { quote { id } } }',
        { id: ids.quote },
      ).then(() => undefined),
  },
  {
    name: 'attributeQuote to another speaker',
    apply: (ids, send) =>
      send('mutation($id: ID!, $speaker: ID) { attributeQuote(id: $id, speakerId: $speaker) { quote { id } } }', {
        id: ids.quote,
        speaker: ids.entity,
      }).then(() => undefined),
  },
  {
    name: 'setQuoteSpeaker back to the first speaker',
    apply: (ids, send) =>
      send('mutation($id: ID!, $speaker: ID) { setQuoteSpeaker(id: $id, speakerId: $speaker) { quote { id } } }', {
        id: ids.quote,
        speaker: ids.speaker,
      }).then(() => undefined),
  },
  {
    name: 'confirmQuoteSpeaker',
    apply: (ids, send) =>
      send('mutation($id: ID!) { confirmQuoteSpeaker(id: $id) { quote { id } } }', { id: ids.quote }).then(
        () => undefined,
      ),
  },
  {
    name: 'editMedia',
    apply: (ids, send) =>
      send(
        'mutation($id: ID!) { editMedia(id: $id, input: { caption: "Xi and Lukashenko in Beijing" }) { media { id } } }',
        { id: ids.media },
      ).then(() => undefined),
  },
  {
    name: 'setMediaDepictions',
    apply: (ids, send) =>
      send('mutation($id: ID!, $who: [ID!]!) { setMediaDepictions(mediaId: $id, entityIds: $who) { media { id } } }', {
        id: ids.media,
        who: [ids.speaker],
      }).then(() => undefined),
  },
  {
    name: 'upsertEntity renaming a speaker',
    apply: (ids, send) =>
      send(
        'mutation($id: ID) { upsertEntity(input: { id: $id, type: PERSON, name: "Hua Chunying (MFA)" }) { entity { id } } }',
        { id: ids.speaker },
      ).then(() => undefined),
  },
  {
    name: 'addQuote',
    apply: (ids, send) =>
      send(
        'mutation($id: ID!) { addQuote(input: { articleId: $id, text: "Xi and Lukashenko announced", blockPosition: 4, speakerId: null }) { quote { id } } }',
        { id: ids.article },
      ).then(() => undefined),
  },
  {
    name: 'linkTranslation of a French story to the article',
    async apply(ids, send) {
      const input = lukashenkoInput({ slug: 'loukachenko-en-chine', language: 'fr', publish: true });
      const { createArticle } = (await send(
        'mutation($input: CreateArticleInput!) { createArticle(input: $input) { article { id } } }',
        { input },
      )) as { createArticle: { article: { id: string } } };
      ids.translation = createArticle.article.id;
      await send(
        'mutation($a: ID!, $o: ID!) { linkTranslation(articleId: $a, translationOfId: $o) { article { id } } }',
        {
          a: ids.translation,
          o: ids.article,
        },
      );
    },
  },
  {
    name: 'unlinkTranslation of the French story',
    apply: (ids, send) =>
      send('mutation($a: ID!) { unlinkTranslation(articleId: $a) { article { id } } }', { a: ids.translation }).then(
        () => undefined,
      ),
  },
  {
    name: 'createArticle publishing another story',
    apply: (_ids, send) =>
      send(CREATE_ARTICLE, {
        input: lukashenkoInput({ slug: 'lukashenko-second-story', section: 'world', publish: true }),
      }).then(() => undefined),
  },
  {
    name: 'withdrawArticle',
    apply: (ids, send) =>
      send('mutation($id: ID!) { withdrawArticle(id: $id, reason: "Legal review") { article { id } } }', {
        id: ids.article,
      }).then(() => undefined),
  },
  {
    name: 'publishArticle',
    apply: (ids, send) =>
      send('mutation($id: ID!) { publishArticle(id: $id) { article { id } } }', { id: ids.article }).then(
        () => undefined,
      ),
  },
  {
    name: 'unpublishArticle',
    apply: (ids, send) =>
      send('mutation($id: ID!) { unpublishArticle(id: $id) { article { id } } }', { id: ids.article }).then(
        () => undefined,
      ),
  },
  {
    name: 'publishArticle again',
    apply: (ids, send) =>
      send('mutation($id: ID!) { publishArticle(id: $id) { article { id } } }', { id: ids.article }).then(
        () => undefined,
      ),
  },
  {
    name: 'scheduleArticle a takedown',
    apply: (ids, send) =>
      send('mutation($id: ID!, $at: DateTime) { scheduleArticle(id: $id, unpublishAt: $at) { article { id } } }', {
        id: ids.article,
        at: new Date(Date.now() + 24 * 60 * 60 * 1000).toISOString(),
      }).then(() => undefined),
  },
  {
    name: 'cancelSchedule of the takedown',
    apply: (ids, send) =>
      send('mutation($id: ID!) { cancelSchedule(id: $id) { article { id } } }', { id: ids.article }).then(
        () => undefined,
      ),
  },
  {
    name: 'mergeEntities',
    async apply(ids, send) {
      const created = (await send(
        'mutation { upsertEntity(input: { type: PERSON, name: "A. G. Lukashenko" }) { entity { id } } }',
        {},
      )) as { upsertEntity: { entity: { id: string } } };
      await send('mutation($from: ID!, $into: ID!) { mergeEntities(from: $from, into: $into) { entity { id } } }', {
        from: created.upsertEntity.entity.id,
        into: ids.entity,
      });
    },
  },
  {
    name: 'createAuthor',
    async apply(ids, send) {
      const created = (await send(
        'mutation { createAuthor(input: { name: "Ilse Varga", jobTitle: "Minsk correspondent" }) { author { id } } }',
        {},
      )) as { createAuthor: { author: { id: string } } };
      ids.author = created.createAuthor.author.id;
    },
  },
  {
    name: 'setArticleAuthors',
    apply: (ids, send) =>
      send(
        'mutation($a: ID!, $au: ID!) { setArticleAuthors(articleId: $a, authors: [{ authorId: $au }]) { article { id } } }',
        {
          a: ids.article,
          au: ids.author,
        },
      ).then(() => undefined),
  },
  {
    name: 'updateAuthor renaming the author',
    apply: (ids, send) =>
      send(
        'mutation($id: ID!) { updateAuthor(id: $id, input: { name: "Ilse Varga-Novak", slug: "ilse-varga-novak" }) { author { id } } }',
        {
          id: ids.author,
        },
      ).then(() => undefined),
  },
  {
    name: 'createSection under news',
    async apply(_ids, send) {
      const { section } = (await send('{ section(slug: "news") { id } }', {})) as { section: { id: string } };
      await send(
        'mutation($p: ID) { createSection(input: { name: "Eastern Europe", parentId: $p }) { section { id } } }',
        {
          p: section.id,
        },
      );
    },
  },
  {
    name: 'updateSection renaming news',
    async apply(_ids, send) {
      const { section } = (await send('{ section(slug: "news") { id } }', {})) as { section: { id: string } };
      await send(
        'mutation($id: ID!) { updateSection(id: $id, input: { name: "Top stories", slug: "top-stories" }) { section { id } } }',
        {
          id: section.id,
        },
      );
    },
  },
  {
    name: 'createTag',
    apply: (_ids, send) =>
      send('mutation { createTag(input: { name: "Sanctions" }) { tag { id } } }', {}).then(() => undefined),
  },
  {
    name: 'updateTag renaming Belarus',
    async apply(_ids, send) {
      const { tag } = (await send('{ tag(slug: "Belarus") { id } }', {})) as { tag: { id: string } };
      await send(
        'mutation($id: ID!) { updateTag(id: $id, input: { name: "Republic of Belarus", slug: "belarus", type: PLACE }) { tag { id } } }',
        {
          id: tag.id,
        },
      );
    },
  },
  {
    name: 'createCollection home',
    async apply(ids, send) {
      const created = (await send(
        'mutation { createCollection(input: { name: "Home page", slug: "home" }) { collection { id } } }',
        {},
      )) as { createCollection: { collection: { id: string } } };
      ids.collection = created.createCollection.collection.id;
    },
  },
  {
    name: 'setCollectionItems of home',
    apply: (ids, send) =>
      send(
        'mutation($a: ID!) { setCollectionItems(slug: "home", items: [{ articleId: $a, headlineOverride: "Lukashenko heads to Beijing" }]) { collection { id } } }',
        { a: ids.article },
      ).then(() => undefined),
  },
  {
    name: 'updateCollection renaming home',
    apply: (ids, send) =>
      send('mutation($id: ID!) { updateCollection(id: $id, input: { name: "Top stories" }) { collection { id } } }', {
        id: ids.collection,
      }).then(() => undefined),
  },
  {
    name: 'setRelatedArticles picking a story that shares no entity',
    async apply(ids, send) {
      const created = (await send(CREATE_ARTICLE, {
        input: {
          slug: 'minsk-snowfall',
          headline: 'Snow closes roads around Minsk',
          section: 'world',
          blocks: [{ kind: 'PARAGRAPH', text: 'Heavy snow closed several roads around the capital on Sunday.' }],
          publish: true,
        },
      })) as { createArticle: { article: { id: string } } };
      await send(
        'mutation($a: ID!, $r: [ID!]!) { setRelatedArticles(articleId: $a, relatedIds: $r) { article { id } } }',
        {
          a: ids.article,
          r: [created.createArticle.article.id],
        },
      );
    },
  },
  {
    name: 'attachMedia',
    async apply(ids, send) {
      const attached = (await send(
        'mutation($a: ID!) { attachMedia(articleId: $a, media: { url: "https://example.com/photos/minsk.jpg", caption: "Minsk at dusk" }) { media { id } } }',
        { a: ids.article },
      )) as {
        attachMedia: { media: { id: string } };
      };
      ids.attached = attached.attachMedia.media.id;
    },
  },
  {
    name: 'detachMedia',
    apply: (ids, send) =>
      send('mutation($a: ID!, $m: ID!) { detachMedia(articleId: $a, mediaId: $m) { article { id } } }', {
        a: ids.article,
        m: ids.attached,
      }).then(() => undefined),
  },
  {
    name: 'removeQuote',
    apply: (ids, send) =>
      send('mutation($id: ID!) { removeQuote(id: $id) { removedQuoteId } }', { id: ids.quote }).then(() => undefined),
  },
  {
    name: 'updateArticle making it a live blog',
    apply: async (ids, send) => {
      await send(
        'mutation($id: ID!, $rev: Int!) { updateArticle(id: $id, expectedRevision: $rev, input: { kind: LIVE }) { article { id } } }',
        { id: ids.article, rev: await revisionOf(ids, send) },
      );
    },
  },
  {
    name: 'addLiveEntry',
    async apply(ids, send) {
      const added = (await send(
        'mutation($a: ID!) { addLiveEntry(articleId: $a, input: { text: "Lukashenko lands in Beijing." }) { entry { id } } }',
        { a: ids.article },
      )) as { addLiveEntry: { entry: { id: string } } };
      ids.liveEntry = added.addLiveEntry.entry.id;
    },
  },
  {
    name: 'updateLiveEntry pinning it as a key event',
    apply: (ids, send) =>
      send(
        'mutation($id: ID!) { updateLiveEntry(id: $id, input: { pinned: true, isKeyEvent: true }) { entry { id } } }',
        {
          id: ids.liveEntry,
        },
      ).then(() => undefined),
  },
  {
    name: 'deleteLiveEntry',
    apply: (ids, send) =>
      send('mutation($id: ID!) { deleteLiveEntry(id: $id) { deletedId } }', { id: ids.liveEntry }).then(
        () => undefined,
      ),
  },
  {
    name: 'ingestArticle replacing the story under its slug',
    apply: (_ids, send) =>
      send(
        'mutation($text: String!, $slug: String!) { ingestArticle(text: $text, metadata: { slug: $slug }, publish: true) { article { id } } }',
        {
          text: readFileSync(new URL('../../seed/lukashenko-china-visit.txt', import.meta.url), 'utf8'),
          slug: lukashenkoInput().slug,
        },
      ).then(() => undefined),
  },
  {
    name: 'publishRevision of a staged headline',
    async apply(ids, send) {
      const revision = await stageHeadline(ids, send, 'Lukashenko lands in Beijing');
      await send(
        'mutation($id: ID!, $rev: Int!) { publishRevision(articleId: $id, revision: $rev) { article { id } } }',
        {
          id: ids.article,
          rev: revision,
        },
      );
    },
  },
  {
    name: 'discardStagedRevision then a direct headline edit',
    async apply(ids, send) {
      const revision = await stageHeadline(ids, send, 'A headline readers never see');
      await send(
        'mutation($id: ID!, $rev: Int!) { discardStagedRevision(articleId: $id, revision: $rev) { article { id } } }',
        { id: ids.article, rev: revision },
      );
      await send(
        'mutation($id: ID!, $rev: Int!) { updateArticle(id: $id, expectedRevision: $rev, input: { headline: "Lukashenko meets Xi in Beijing" }) { article { id } } }',
        { id: ids.article, rev: revision + 1 },
      );
    },
  },
  {
    name: 'restoreRevision of the content before the last edit',
    async apply(ids, send) {
      const revision = await revisionOf(ids, send);
      await send(
        'mutation($id: ID!, $rev: Int!, $expected: Int!) { restoreRevision(articleId: $id, revision: $rev, expectedRevision: $expected) { article { id } } }',
        { id: ids.article, rev: revision - 1, expected: revision },
      );
    },
  },
  {
    // Issuing a token changes nothing readers see; the correction after it does.
    name: 'createPreviewToken then a correction',
    async apply(ids, send) {
      await createPreviewToken(ids, send);
      await addCorrection(ids, send, 'An earlier version gave the wrong arrival city.');
    },
  },
  {
    name: 'revokePreviewToken then a correction',
    async apply(ids, send) {
      const tokenId = await createPreviewToken(ids, send);
      await send('mutation($id: ID!) { revokePreviewToken(id: $id) { tokenId } }', { id: tokenId });
      await addCorrection(ids, send, 'An earlier version misdated the visit.');
    },
  },
  {
    name: 'deleteCollection',
    apply: (ids, send) =>
      send('mutation($id: ID!) { deleteCollection(id: $id) { deletedCollectionId } }', { id: ids.collection }).then(
        () => undefined,
      ),
  },
  {
    name: 'deleteArticle',
    apply: (ids, send) =>
      send('mutation($id: ID!) { deleteArticle(id: $id) { deletedArticleId } }', { id: ids.article }).then(
        () => undefined,
      ),
  },
];

/**
 * Mutations of what no reader sees (webhook administration), in this order: they must leave every cached answer a
 * hit. A public IP literal, so registering resolves nothing; these servers deliver nothing.
 */
const ADMIN_ONLY_CHANGES: Change[] = [
  {
    name: 'createWebhook',
    apply: (_ids, send) =>
      send(
        'mutation { createWebhook(input: { url: "https://93.184.215.14/hooks", events: [UPDATED] }) { secret } }',
        {},
      ).then(() => undefined),
  },
  {
    name: 'updateWebhook',
    async apply(_ids, send) {
      const { webhooks } = (await send('{ webhooks { id } }', {})) as { webhooks: Array<{ id: string }> };
      await send('mutation($id: ID!) { updateWebhook(id: $id, input: { active: false }) { webhook { id } } }', {
        id: webhooks[0].id,
      });
    },
  },
  {
    name: 'redeliverWebhook',
    async apply(_ids, send) {
      const { webhooks } = (await send('{ webhooks { id } }', {})) as { webhooks: Array<{ id: string }> };
      const { webhookDeliveries } = (await send('query($id: ID!) { webhookDeliveries(webhookId: $id) { id } }', {
        id: webhooks[0].id,
      })) as { webhookDeliveries: Array<{ id: string }> };
      await send('mutation($id: ID!) { redeliverWebhook(deliveryId: $id) { status } }', {
        id: webhookDeliveries[0].id,
      });
    },
  },
  {
    name: 'deleteWebhook',
    async apply(_ids, send) {
      const { webhooks } = (await send('{ webhooks { id } }', {})) as { webhooks: Array<{ id: string }> };
      await send('mutation($id: ID!) { deleteWebhook(id: $id) { deletedWebhookId } }', { id: webhooks[0].id });
    },
  },
];

async function anonymousRead(server: TestServer, read: Read) {
  const response = await fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(read),
  });
  return { cache: response.headers.get('x-response-cache'), body: (await response.json()) as Record<string, unknown> };
}

function describeTopology(
  name: string,
  start: (database: TestDatabase) => Promise<{ reader: TestServer; writer: TestServer; stop(): Promise<void> }>,
) {
  describe(name, () => {
    let database: TestDatabase;
    let truth: TestServer;
    let topology: Awaited<ReturnType<typeof start>>;
    let ids: Ids;
    let editor: Record<string, string>;

    beforeAll(async () => {
      database = await createTestDatabase({ poolMax: 8 });
      truth = await startTestServer(database);
      topology = await start(database);
      editor = { authorization: await topology.writer.bearer('ADMIN', 'invalidation desk') };
      const created = await topology.writer.query<{
        createArticle: {
          article: {
            id: string;
            quotes: Array<{ id: string; speaker: { id: string } | null }>;
            media: Array<{ media: { id: string } }>;
            entities: Array<{ entity: { id: string; name: string } }>;
          };
        };
      }>(CREATE_ARTICLE, { input: lukashenkoInput({ publish: true }) }, editor);
      expect(created.body.errors).toBeUndefined();
      const article = created.body.data!.createArticle.article;
      const spoken = article.quotes.find((q) => q.speaker)!;
      ids = {
        article: article.id,
        quote: spoken.id,
        media: article.media[0].media.id,
        speaker: spoken.speaker!.id,
        entity: article.entities.find((e) => /Lukashenko/.test(e.entity.name))!.entity.id,
      };
    });
    afterAll(async () => {
      await topology?.stop();
      await truth?.stop();
      await database?.drop();
    });

    test('every root field of Query has a read here (or is never cached), and every mutation a change', () => {
      const schema = buildSchema();
      expect(Object.keys(schema.getQueryType()!.getFields()).sort()).toEqual(Object.keys(ROOT_READS).sort());
      const exercised = new Set([...CHANGES, ...ADMIN_ONLY_CHANGES].map((change) => change.name.split(' ')[0]));
      expect(Object.keys(schema.getMutationType()!.getFields()).filter((field) => !exercised.has(field))).toEqual([]);
    });

    test('a cached answer names in Surrogate-Key and Cache-Tag the records it shows and the types it lists, on the miss and on every hit', async () => {
      const read = { query: '{ quotes(first: 1) { edges { node { id text } } } }' };
      const first = await fetch(topology.reader.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(read),
      });
      const quoteId = ((await first.json()) as { data: { quotes: { edges: Array<{ node: { id: string } }> } } }).data
        .quotes.edges[0].node.id;
      const second = await fetch(topology.reader.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(read),
      });
      await second.text();
      expect([first.headers.get('x-response-cache'), second.headers.get('x-response-cache')]).toEqual(['miss', 'hit']);
      for (const response of [first, second]) {
        expect(response.headers.get('surrogate-key')?.split(' ').sort()).toEqual([quoteId, 'type:Quote'].sort());
        expect(response.headers.get('cache-tag')?.split(',').sort()).toEqual([quoteId, 'type:Quote'].sort());
      }
    });

    test('a quote or a medium is kept by shared caches no longer than the article it is seen through', async () => {
      const maxAge = async (read: Read) => {
        const response = await fetch(topology.reader.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(read),
        });
        await response.text();
        return response.headers.get('cache-control');
      };
      const policies = await Promise.all(
        [ROOT_READS.article, ROOT_READS.quote, ROOT_READS.media].map((read) =>
          maxAge((read as (ids: Ids) => Read)(ids)),
        ),
      );
      for (const policy of policies) expect(policy).toMatch(/^max-age=(59|60), public$/);
    });

    test('webhook administration evicts nothing: every warmed answer stays a hit and right', async () => {
      const reads = Object.entries(ROOT_READS).flatMap(([field, read]) =>
        read === 'never cached' ? [] : [[field, read(ids)] as const],
      );
      // Answers that are not cached at all (a look-up that finds nothing) have nothing to keep.
      const warmed: Array<(typeof reads)[number]> = [];
      for (const entry of reads) {
        await anonymousRead(topology.reader, entry[1]);
        if ((await anonymousRead(topology.reader, entry[1])).cache === 'hit') warmed.push(entry);
      }
      expect(warmed.length).toBeGreaterThan(reads.length / 2);
      const send = async (document: string, variables: Record<string, unknown>) => {
        const response = await topology.writer.query(document, variables, editor);
        expect(response.body.errors).toBeUndefined();
        return response.body.data as Record<string, unknown>;
      };
      for (const change of ADMIN_ONLY_CHANGES) {
        await change.apply(ids, send);
        // A delivery to redeliver: a change-feed event recorded beside the registration (the trigger queues it).
        if (change.name === 'createWebhook')
          await database.prisma.changeEvent.create({
            data: { articleId: fromGlobalId(ids.article), kind: 'UPDATED', revision: 1 },
          });
      }
      const missed: string[] = [];
      for (const [field, read] of warmed) {
        const after = await anonymousRead(topology.reader, read);
        const fresh = JSON.stringify((await anonymousRead(truth, read)).body);
        if (after.cache !== 'hit' || JSON.stringify(after.body) !== fresh) missed.push(field);
      }
      expect(missed).toEqual([]);
    });

    test.each(CHANGES.map((change, index) => [change.name, index]))(
      'after %s, every answer it altered is no longer a hit and shows the change',
      async (_name, index) => {
        const reads = Object.entries(ROOT_READS).flatMap(([field, read]) =>
          read === 'never cached' ? [] : [[field, read(ids)] as const],
        );
        const warmed: string[] = [];
        const before = new Map<string, string>();
        for (const [field, read] of reads) {
          await anonymousRead(topology.reader, read);
          const second = await anonymousRead(topology.reader, read);
          if (second.cache === 'hit') warmed.push(field);
          before.set(field, JSON.stringify(second.body));
        }
        // Everything but answers that are null at the root (not cached: a withdrawn story's quote) was warmed.
        expect(warmed.length).toBeGreaterThan(reads.length / 2);
        const send = async (document: string, variables: Record<string, unknown>) => {
          const response = await topology.writer.query(document, variables, editor);
          expect(response.body.errors).toBeUndefined();
          return response.body.data as Record<string, unknown>;
        };
        await CHANGES[index as number].apply(ids, send);
        const stale: string[] = [];
        const altered: string[] = [];
        for (const [field, read] of reads) {
          const after = await anonymousRead(topology.reader, read);
          const fresh = JSON.stringify((await anonymousRead(truth, read)).body);
          if (fresh !== before.get(field)) altered.push(field);
          // A hit is fine only where the change altered nothing the answer shows.
          if (JSON.stringify(after.body) !== fresh || (after.cache === 'hit' && fresh !== before.get(field)))
            stale.push(field);
        }
        expect(altered.length).toBeGreaterThan(0);
        expect(stale).toEqual([]);
      },
    );
  });
}

describeTopology('one instance, cache in memory', async (database) => {
  const server = await startTestServer(database, {
    pubsub: new InProcessPubSub(),
    responseCache: new MemoryCacheStore(16 * 1024 * 1024),
  });
  return { reader: server, writer: server, stop: () => server.stop() };
});

describeTopology('two instances sharing one Redis: warmed on B, changed through A', async (database) => {
  const prefix = `newsgraph-test-${randomBytes(4).toString('hex')}:`;
  const instance = async () => {
    const pubsub = new RedisPubSub(REDIS_URL, prefix);
    const server = await startTestServer(database, {
      pubsub,
      responseCache: new RedisCacheStore(pubsub.client, 8 * 1024 * 1024, prefix),
    });
    return { server, pubsub };
  };
  const a = await instance();
  const b = await instance();
  return {
    reader: b.server,
    writer: a.server,
    async stop() {
      for (const { server, pubsub } of [a, b]) {
        await server.stop();
        await pubsub.close();
      }
    },
  };
});
