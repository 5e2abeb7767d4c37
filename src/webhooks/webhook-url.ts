// Server-side request forgery guard for webhook URLs: only http(s), and never an address on a private, loopback,
// link-local or otherwise non-public network unless the deployment allows it (WEBHOOK_ALLOW_PRIVATE_HOSTS). Checked
// when a webhook is registered (after resolving its host) and again when each delivery connects: the agent from
// request-filtering-agent checks the address the socket is about to use, so a DNS answer that changed in between
// (DNS rebinding) is refused too.
import { lookup } from 'node:dns/promises';
import type http from 'node:http';
import net from 'node:net';

import ipaddr from 'ipaddr.js';
import { RequestFilteringHttpAgent, RequestFilteringHttpsAgent } from 'request-filtering-agent';

import { badUserInput } from '../shared/errors.ts';

const MAX_URL_LENGTH = 2048;

/** Addresses or CIDR ranges (`127.0.0.1`, `10.0.0.0/8`, `::1`) that webhooks may reach though not public. */
export type PrivateHostAllowList = readonly string[];

/** Refuses an allow-list entry that is neither an IP address nor a CIDR range (configuration is checked at start). */
export function parsePrivateHostAllowList(text: string): string[] {
  const entries = text
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  for (const entry of entries)
    if (!ipaddr.isValid(entry) && !isCidr(entry)) throw new Error(`"${entry}" is not an IP address or CIDR range`);
  return entries;
}

function isCidr(text: string): boolean {
  try {
    ipaddr.parseCIDR(text);
    return true;
  } catch {
    return false;
  }
}

/** The same rule the delivery agent applies: allowed when listed, else only public unicast addresses. */
function isAllowedAddress(address: string, allowList: PrivateHostAllowList): boolean {
  const parsed = ipaddr.process(address);
  const listed = allowList.some((entry) => {
    if (net.isIP(entry)) return ipaddr.process(entry).toString() === parsed.toString();
    const [range, bits] = ipaddr.parseCIDR(entry);
    return parsed.kind() === range.kind() && parsed.match(range, bits);
  });
  return listed || parsed.range() === 'unicast';
}

/** The URL as stored, or BAD_USER_INPUT (argument `url`) when it is not http(s) or reaches a refused address. */
export async function checkWebhookUrl(text: string, allowList: PrivateHostAllowList): Promise<string> {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw badUserInput('`url` is not a URL.', 'url');
  }
  if (text.length > MAX_URL_LENGTH) throw badUserInput(`\`url\` is longer than ${MAX_URL_LENGTH} characters.`, 'url');
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw badUserInput(`\`url\` must be http or https, not ${url.protocol.slice(0, -1)}.`, 'url');
  if (url.username || url.password) throw badUserInput('`url` must not carry credentials.', 'url');
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  let addresses: string[];
  try {
    addresses = net.isIP(host) ? [host] : (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);
  } catch {
    throw badUserInput(`\`url\`: the host ${host} does not resolve.`, 'url');
  }
  const refused = addresses.find((address) => !isAllowedAddress(address, allowList));
  if (refused)
    throw badUserInput(
      `\`url\` reaches ${refused}, a private, loopback or link-local address; webhooks only reach public hosts ` +
        'unless WEBHOOK_ALLOW_PRIVATE_HOSTS lists it.',
      'url',
    );
  return url.toString();
}

export interface DeliveryAgents {
  forUrl(url: URL): http.Agent;
  destroy(): void;
}

/** Keep-alive agents that refuse, at connect time, every address isAllowedAddress refuses. */
export function deliveryAgents(allowList: PrivateHostAllowList): DeliveryAgents {
  const options = { keepAlive: true, allowIPAddressList: [...allowList] };
  const httpAgent = new RequestFilteringHttpAgent(options);
  const httpsAgent = new RequestFilteringHttpsAgent(options);
  return {
    forUrl: (url) => (url.protocol === 'https:' ? httpsAgent : httpAgent),
    destroy() {
      httpAgent.destroy();
      httpsAgent.destroy();
    },
  };
}
