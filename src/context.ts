// What every resolver receives: the database, per-request loaders, and who is asking.
import type { Database } from './db/client.ts';
import type { SqlCounter } from './db/pool.ts';
import type { PubSub } from './feed/pubsub.ts';
import type { Logger } from './logger.ts';
import type { PrivateHostAllowList } from './webhooks/webhook-url.ts';
import type { Clock } from './shared/clock.ts';
import type { ImageService } from './media/renditions.ts';

export type ViewerRole = 'READER' | 'EDITOR' | 'ADMIN';

export interface Viewer {
  role: ViewerRole;
  /** The API key behind the request; null for anonymous readers. */
  apiKeyId: string | null;
  apiKeyName: string | null;
  /** Set for a request with a preview token (`Authorization: Preview <token>`), a reader otherwise. */
  preview?: PreviewScope;
}

/** What a preview token shows besides what readers see: its article, and its staged copy while one is pending. */
export interface PreviewScope {
  tokenId: string;
  articleId: string;
  /** The article and, when it has a pending staged revision, the hidden row holding it (src/revision/). */
  articleIds: string[];
}

export const ANONYMOUS_READER: Viewer = { role: 'READER', apiKeyId: null, apiKeyName: null };

/** Editors and admins see drafts and withdrawn articles; readers only published ones. */
export const canSeeUnpublished = (viewer: Viewer): boolean => viewer.role !== 'READER';

/** Only answers to anonymous readers may be shared (cached); answers under a preview token never are. */
export const isAnonymous = (viewer: Viewer): boolean =>
  viewer.apiKeyId === null && viewer.role === 'READER' && viewer.preview === undefined;

export interface RequestServices {
  db: Database;
  logger: Logger;
  /** Builds image rendition URLs (IMAGE_URL_TEMPLATE); renditions are the original file when absent. */
  imageService?: ImageService | null;
}

export interface GraphQLContext extends RequestServices {
  viewer: Viewer;
  sql: SqlCounter;
  /** Per-request loaders, created lazily by each domain (see `loaderFor`). */
  loaders: Map<string, unknown>;
  /** Where committed changes are announced to live subscriptions (src/feed/). */
  pubsub: PubSub;
  /**
   * Evicts every cached answer showing any of these records (global IDs), on every instance; absent without a
   * response cache. Writes call it after commit, before answering (src/cache/touched-records.ts).
   */
  evictCachedAnswers?: (globalIds: string[]) => Promise<void>;
  /**
   * false: relations are not joined into their parent's statement but loaded by one batched statement per relation
   * and level (src/sql/fallback.ts). Never set by the server: bench/read-strategy.ts sets it to compare the two.
   */
  joinRelations?: boolean;
  /** What time it is for this request's rules (a schedule's times must lie ahead); the system clock when absent. */
  clock?: Clock;
  /** Set when the request was refused a search slot: answering it again (resolvers) does not queue again. */
  searchRefused?: Error;
  /** Webhooks' URL policy, and a nudge to this instance's delivery worker (src/webhooks/); absent: no private hosts. */
  webhooks?: WebhookServices;
}

interface WebhookServices {
  /** Private addresses webhook URLs may reach (WEBHOOK_ALLOW_PRIVATE_HOSTS). */
  allowPrivateHosts: PrivateHostAllowList;
  /** Asks the delivery worker to look for due deliveries now. */
  wake(): void;
}

/** One instance per request and key: DataLoaders must not outlive a request (visibility, caching). */
export function loaderFor<T>(context: GraphQLContext, key: string, create: () => T): T {
  let loader = context.loaders.get(key) as T | undefined;
  if (!loader) {
    loader = create();
    context.loaders.set(key, loader);
  }
  return loader;
}
