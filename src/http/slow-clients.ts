// Node's HTTP server cuts a request whose headers or body arrive too slowly (slowloris), but it checks for expired
// requests only every `connectionsCheckingInterval` (30 s by default), so a 10 s headers timeout cut at 10-40 s.
// Checking at a twentieth of the shortest timeout (0.1-1 s) cuts within 5 % of the figure: the check walks the
// open connections in C++, cheap at that rate.
import type http from 'node:http';

export interface SlowClientTimeouts {
  headersTimeoutMs: number;
  requestTimeoutMs: number;
}

export function slowClientServerOptions({
  headersTimeoutMs,
  requestTimeoutMs,
}: SlowClientTimeouts): http.ServerOptions {
  const headersTimeout = Math.min(headersTimeoutMs, requestTimeoutMs);
  return {
    headersTimeout,
    requestTimeout: requestTimeoutMs,
    connectionsCheckingInterval: Math.min(1000, Math.max(100, Math.floor(headersTimeout / 20))),
  };
}
