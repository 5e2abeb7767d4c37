// The load generator, in its own process so it does not share the measured servers' event loops: receives
// runs over IPC from bench/run.ts and drives them with autocannon, drawing each request's variables at random.
import autocannon from 'autocannon';

import type { BenchCorpus } from './corpus.ts';
import { seededRandom } from '../seed/seeded-random.ts';
import { PAGES, type PageName } from './pages.ts';

export interface DriveRequest {
  type: 'run';
  id: number;
  url: string;
  page: PageName;
  connections: number;
  durationSec: number;
  /** Draw from this many distinct requests only (repeated reads, for the response cache); all when absent. */
  distinct?: number;
  /** 'get' sends GET ?query=&variables= (what a CDN can cache); default POST. */
  method?: 'post' | 'get';
  seed: number;
}

export interface DriveResult {
  requests: number;
  durationSec: number;
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  graphqlErrors: number;
  errorSample?: string;
}

let corpus: BenchCorpus | undefined;

async function drive(run: DriveRequest): Promise<DriveResult> {
  const page = PAGES.find((p) => p.name === run.page)!;
  const random = seededRandom(run.seed);
  const count = run.distinct ?? 4000;
  const bodies: string[] = [];
  const paths: string[] = [];
  const url = new URL(run.url);
  for (let i = 0; i < count; i++) {
    const variables = page.variables(corpus!, random);
    bodies.push(JSON.stringify({ operationName: page.operationName, query: page.document, variables }));
    const params = new URLSearchParams({
      operationName: page.operationName,
      query: page.document,
      variables: JSON.stringify(variables),
    });
    paths.push(`${url.pathname}?${params}`);
  }
  let graphqlErrors = 0;
  let errorSample: string | undefined;
  const result = await autocannon({
    url: run.url,
    connections: run.connections,
    duration: run.durationSec,
    requests: [
      {
        method: run.method === 'get' ? 'GET' : 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        setupRequest: (request) => {
          const i = Math.floor(random() * count);
          return run.method === 'get'
            ? { ...request, path: paths[i], body: undefined }
            : { ...request, body: bodies[i] };
        },
        onResponse: (status, body) => {
          if (status !== 200 || body.includes('"errors"')) {
            graphqlErrors += 1;
            errorSample ??= `${status} ${body.slice(0, 300)}`;
          }
        },
      },
    ],
  });
  return {
    requests: result.requests.total,
    durationSec: result.duration,
    rps: result.requests.total / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    graphqlErrors,
    errorSample,
  };
}

process.on('message', (message: { type: 'corpus'; corpus: BenchCorpus } | DriveRequest) => {
  if (message.type === 'corpus') {
    corpus = message.corpus;
    process.send!({ type: 'ready' });
    return;
  }
  drive(message).then(
    (result) => process.send!({ type: 'result', id: message.id, result }),
    (error: Error) => process.send!({ type: 'result', id: message.id, error: error.message }),
  );
});
process.on('disconnect', () => process.exit(0));
