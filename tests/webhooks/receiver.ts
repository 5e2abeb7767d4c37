// A real HTTP endpoint on 127.0.0.1 for webhook tests: records every request, and answers each as a script says
// (by the event's id and how many times it has arrived): 200, 500, or never (the sender's timeout ends it).
import http from 'node:http';

export type Answer = 'ok' | 'fail' | 'hang';

export interface ReceivedRequest {
  headers: http.IncomingHttpHeaders;
  body: string;
  eventId: string;
  /** 1 for the event's first arrival, 2 for the next… */
  arrival: number;
  answer: Answer;
}

/** The JSON body of a delivery (docs/api/webhooks.md). */
export interface WebhookPayload {
  id: string;
  type: string;
  createdAt: string;
  data: {
    articleId: string;
    kind: string;
    revision: number;
    slug: string | null;
    section: string | null;
    status: string;
  };
  cacheTags: string[];
}

export interface Receiver {
  url: string;
  received: ReceivedRequest[];
  /** Decides how each request is answered, from its parsed body and arrival; 'ok' unless replaced. */
  script: (payload: WebhookPayload, arrival: number) => Answer;
  close(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
  const hanging = new Set<http.ServerResponse>();
  const receiver: Receiver = {
    url: '',
    received: [],
    script: () => 'ok',
    close: async () => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const eventId = String(req.headers['newsgraph-event-id']);
      const arrival = receiver.received.filter((r) => r.eventId === eventId).length + 1;
      const body = Buffer.concat(chunks).toString('utf8');
      const answer = receiver.script(JSON.parse(body) as WebhookPayload, arrival);
      receiver.received.push({ headers: req.headers, body, eventId, arrival, answer });
      if (answer === 'hang') {
        hanging.add(res);
        res.on('close', () => hanging.delete(res));
        return;
      }
      res.writeHead(answer === 'ok' ? 200 : 500, { 'content-type': 'text/plain' });
      res.end(answer === 'ok' ? 'thanks' : 'receiver failure');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as { port: number }).port}/hooks/newsgraph`;
  return receiver;
}

/** Resolves with the probe's first truthy value; fails naming `what` when none comes within `timeoutMs`. */
export async function until<T>(
  probe: () => Promise<T> | T,
  what: string,
  timeoutMs = 20_000,
): Promise<Exclude<T, false | null | undefined>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value as Exclude<T, false | null | undefined>;
    if (Date.now() > deadline) throw new Error(`Gave up waiting for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
