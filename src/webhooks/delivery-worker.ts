// Delivers the webhook outbox: every instance runs one worker, which claims due deliveries, POSTs each signed body,
// and records the outcome, retrying failures with exponential backoff until the delivery's retry window closes.
// At-least-once: a delivery is marked DELIVERED only after a 2xx, so a crash between the answer and the record sends
// it again (receivers drop duplicates by `Newsgraph-Event-Id`).
import http from 'node:http';
import https from 'node:https';

import type { Database } from '../db/client.ts';
import { ARTICLE_CHANGES, COLLECTION_CHANGES } from '../feed/change-feed.ts';
import type { PubSub } from '../feed/pubsub.ts';
import type { Logger } from '../logger.ts';
import {
  claimDueDeliveries,
  deliveryBody,
  eventTypeOf,
  recordAttempt,
  type ClaimedDelivery,
} from './delivery-outbox.ts';
import { deliveryAgents, type DeliveryAgents, type PrivateHostAllowList } from './webhook-url.ts';
import { SIGNATURE_HEADER, signatureHeader } from './webhook-signature.ts';
import { eventIdOf } from './webhook.repository.ts';

/** Where the worker reads the time (ms since the epoch); tests pass one they move. */
export interface Clock {
  now(): number;
}

export interface WebhookDeliverySettings {
  /** Addresses or CIDR ranges webhooks may reach though not public (src/webhooks/webhook-url.ts). */
  allowPrivateHosts: PrivateHostAllowList;
  /** false: this instance registers webhooks but leaves delivering to others. */
  deliver: boolean;
  /** One POST must be answered within this. */
  timeoutMs: number;
  /** Delay before the first retry; doubled for each further one, up to retryMaxDelayMs. */
  retryInitialMs: number;
  retryMaxDelayMs: number;
  /** A delivery is retried for this long after its first attempt, then given up (FAILED). */
  retryForMs: number;
  /** How often an idle worker looks for due deliveries (changes on this deployment wake it at once). */
  pollMs: number;
  /** Deliveries POSTed at once by one instance. */
  concurrency: number;
  clock?: Clock;
}

/** How long a claimed delivery stays this instance's beyond its timeout before another may take it over. */
const LEASE_MARGIN_MS = 60_000;
const MAX_ERROR_LENGTH = 500;

/** The delay before retry number `attempts` (1 after the first failure): exponential, capped. */
function retryDelayMs(attempts: number, settings: Pick<WebhookDeliverySettings, 'retryInitialMs' | 'retryMaxDelayMs'>) {
  return Math.min(settings.retryInitialMs * 2 ** Math.min(attempts - 1, 30), settings.retryMaxDelayMs);
}

/** POSTs `body`; resolves with the status once the answer has been read, rejects on no answer within the timeout. */
function post(url: URL, body: string, headers: Record<string, string>, agent: http.Agent, timeoutMs: number) {
  return new Promise<number>((resolve, reject) => {
    const send = url.protocol === 'https:' ? https.request : http.request;
    const request = send(
      url,
      { method: 'POST', agent, headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) } },
      (response) => {
        response.on('error', reject);
        response.on('end', () => resolve(response.statusCode ?? 0));
        response.resume();
      },
    );
    const timer = setTimeout(() => request.destroy(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    request.on('error', reject);
    request.on('close', () => clearTimeout(timer));
    request.end(body);
  });
}

export class WebhookDeliveryWorker {
  private readonly clock: Clock;
  private readonly agents: DeliveryAgents;
  private stopped = false;
  private woken = false;
  private wakeIdle: (() => void) | null = null;
  private loop: Promise<void> | null = null;
  private changes: Array<AsyncIterableIterator<unknown>> = [];

  constructor(
    private readonly db: Database,
    private readonly settings: WebhookDeliverySettings,
    private readonly services: { logger: Logger; pubsub?: PubSub },
  ) {
    this.clock = settings.clock ?? { now: () => Date.now() };
    this.agents = deliveryAgents(settings.allowPrivateHosts);
  }

  /** Starts the loop; committed changes announced on the pub/sub wake it (the poll catches the rest). */
  start(): void {
    if (this.loop) return;
    const pubsub = this.services.pubsub;
    if (pubsub) {
      this.changes = [ARTICLE_CHANGES, COLLECTION_CHANGES].map((topic) => pubsub.subscribe(topic));
      for (const changes of this.changes)
        void (async () => {
          for await (const _ of changes) this.wake();
        })().catch(() => undefined);
    }
    this.loop = this.run();
  }

  /** Looks for due deliveries now (after a change, a redelivery, or a test moving the clock). */
  wake(): void {
    this.woken = true;
    this.wakeIdle?.();
  }

  /** Stops claiming, lets deliveries in flight finish (each within its timeout), and closes connections. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.wake();
    await Promise.all(this.changes.map((changes) => changes.return?.()));
    await this.loop;
    this.agents.destroy();
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      this.woken = false;
      let claimed: ClaimedDelivery[] = [];
      try {
        claimed = await claimDueDeliveries(this.db.prisma, {
          nowMs: this.clock.now(),
          leaseMs: this.settings.timeoutMs + LEASE_MARGIN_MS,
          retryForMs: this.settings.retryForMs,
          limit: this.settings.concurrency,
        });
      } catch (error) {
        this.services.logger.warn({ err: error }, 'webhook deliveries could not be claimed');
      }
      if (claimed.length) await Promise.all(claimed.map((delivery) => this.deliver(delivery)));
      else if (!this.woken && !this.stopped) await this.idle();
    }
  }

  private idle(): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => finish(), this.settings.pollMs);
      const finish = () => {
        clearTimeout(timer);
        this.wakeIdle = null;
        resolve();
      };
      this.wakeIdle = finish;
    });
  }

  private async deliver(delivery: ClaimedDelivery): Promise<void> {
    try {
      const body = await deliveryBody(this.db.prisma, delivery);
      const outcome = await this.attempt(delivery, body);
      const nowMs = this.clock.now();
      await recordAttempt(
        this.db.prisma,
        delivery,
        outcome.ok
          ? { delivered: true, responseStatus: outcome.status }
          : {
              delivered: false,
              responseStatus: outcome.status,
              error: outcome.error.slice(0, MAX_ERROR_LENGTH),
              nextAttemptMs:
                nowMs >= delivery.retryUntilMs
                  ? null
                  : Math.min(nowMs + retryDelayMs(delivery.attempts, this.settings), delivery.retryUntilMs),
            },
        nowMs,
      );
    } catch (error) {
      // The database failed: the lease runs out and the delivery is claimed again.
      this.services.logger.warn({ err: error, delivery: String(delivery.id) }, 'webhook delivery not recorded');
    }
  }

  /** One POST; never throws. */
  private async attempt(
    delivery: ClaimedDelivery,
    body: string,
  ): Promise<{ ok: true; status: number } | { ok: false; status: number | null; error: string }> {
    const url = new URL(delivery.url);
    const headers = {
      'content-type': 'application/json',
      'user-agent': 'newsgraph-webhooks/1',
      'newsgraph-event-id': eventIdOf(delivery.changeEventId),
      'newsgraph-event-type': eventTypeOf(delivery),
      'newsgraph-delivery-attempt': String(delivery.attempts),
      [SIGNATURE_HEADER]: signatureHeader(delivery.secret, Math.floor(this.clock.now() / 1000), body),
    };
    try {
      const status = await post(url, body, headers, this.agents.forUrl(url), this.settings.timeoutMs);
      return status >= 200 && status < 300
        ? { ok: true, status }
        : { ok: false, status, error: `the endpoint answered ${status}` };
    } catch (error) {
      return { ok: false, status: null, error: (error as Error).message };
    }
  }
}
