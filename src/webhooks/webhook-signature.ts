// Signatures of webhook deliveries, as Stripe signs its events: HMAC-SHA256 with the webhook's secret over
// `<timestamp>.<body>`, sent as `Newsgraph-Signature: t=<unix seconds>,v1=<hex digest>`. The timestamp is inside
// the signed text, so a receiver that refuses old timestamps cannot be replayed a captured delivery later.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'newsgraph-signature';

/** A new signing secret: 32 random bytes, prefixed so it is recognisable in a receiver's configuration. */
export const newWebhookSecret = (): string => `whsec_${randomBytes(32).toString('base64url')}`;

const digest = (secret: string, timestamp: number, body: string) =>
  createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');

/** The signature header's value for `body` sent at `timestamp` (unix seconds). */
export function signatureHeader(secret: string, timestamp: number, body: string): string {
  return `t=${timestamp},v1=${digest(secret, timestamp, body)}`;
}

/**
 * What a receiver runs (docs/api/webhooks.md): true when `header` signs exactly `body` with `secret` and its
 * timestamp is within `toleranceSeconds` of `nowSeconds`.
 */
export function verifySignature(
  header: string,
  body: string,
  secret: string,
  { nowSeconds = Math.floor(Date.now() / 1000), toleranceSeconds = 300 } = {},
): boolean {
  const fields = new Map(header.split(',').map((part) => part.trim().split('=', 2) as [string, string]));
  const timestamp = Number(fields.get('t'));
  const given = fields.get('v1') ?? '';
  if (!Number.isInteger(timestamp) || Math.abs(nowSeconds - timestamp) > toleranceSeconds) return false;
  const expected = Buffer.from(digest(secret, timestamp, body), 'hex');
  const actual = Buffer.from(given, 'hex');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
