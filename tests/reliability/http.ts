// Raw HTTP for the reliability suites: bodies, headers and content types that a well-behaved client would never send.
export interface RawResponse {
  status: number;
  headers: Headers;
  text: string;
  /** The body as JSON, or undefined when it is not JSON. */
  json: { data?: unknown; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> } | undefined;
}

export async function send(url: string, init: RequestInit = {}): Promise<RawResponse> {
  const response = await fetch(url, { ...init, signal: init.signal ?? AbortSignal.timeout(30_000) });
  const text = await response.text();
  let json: RawResponse['json'];
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

export function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<RawResponse> {
  return send(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

/** Every error in a GraphQL response names a code (what a client branches on). */
export function errorsWithoutCode(response: RawResponse): unknown[] {
  return (response.json?.errors ?? []).filter((e) => typeof e.extensions?.code !== 'string');
}

export function codes(response: RawResponse): string[] {
  return (response.json?.errors ?? []).map((e) => String(e.extensions?.code));
}

export const rssMb = (): number => Math.round(process.memoryUsage().rss / 1024 / 1024);

/** Runs `count` tasks with at most `concurrency` at once. */
export async function inParallel(
  count: number,
  concurrency: number,
  task: (i: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) await task(next++);
    }),
  );
}
