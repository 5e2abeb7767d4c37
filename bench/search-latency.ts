// The search latency table of docs/decisions/listed-article-and-planning-with-values.md: single searches over HTTP,
// one at a time, against running servers (start them with RESPONSE_CACHE=off on the benchmark database). Each case
// runs --times times per server, servers interleaved, and the median is printed, so two builds given as two --url
// side by side share the machine's noise.
// Usage: tsx bench/search-latency.ts --url http://127.0.0.1:4000/graphql [--url http://127.0.0.1:4001/graphql] [--times 8]

const FULL_SELECTION = `
  totalCount
  edges { node { score snippet item { __typename ... on Article { headline } ... on Quote { text } ... on Entity { name } } } }
  facets { types { type count } sections { value count } entities(first: 5) { count entity { name } } }`;
const ITEMS_ONLY = `edges { node { item { __typename ... on Article { id headline } ... on Quote { id text } ... on Entity { id name } } } }`;

const CASES = [
  { label: 'an entity prefix ("nai")', query: 'nai', types: null },
  { label: 'a two-word query in ~5 % of articles ("Lagos budget")', query: 'Lagos budget', types: null },
  {
    label: 'a two-word query in ~58 % of articles ("trade deal"), articles only',
    query: 'trade deal',
    types: ['ARTICLE'],
  },
  { label: 'a term in ~60 % of articles ("budget")', query: 'budget', types: null },
  { label: 'a term in most articles and ~10 % of quotes ("deal")', query: 'deal', types: null },
];

function options(argv: string[]): { urls: string[]; times: number } {
  const urls: string[] = [];
  let times = 8;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--url') urls.push(argv[++i]);
    else if (argv[i] === '--times') times = Number(argv[++i]);
    else throw new Error(`unknown argument ${argv[i]}`);
  }
  if (!urls.length) throw new Error('give at least one --url');
  return { urls, times };
}

async function timedSearch(url: string, query: string, types: string[] | null, selection: string): Promise<number> {
  const document = `query Search($query: String!, $types: [SearchType!]) { search(query: $query, types: $types, first: 20) { ${selection} } }`;
  const started = performance.now();
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: document, variables: { query, types } }),
  });
  const body = (await response.json()) as { errors?: unknown[] };
  const elapsed = performance.now() - started;
  if (!response.ok || body.errors) throw new Error(`${url}: ${response.status} ${JSON.stringify(body.errors)}`);
  return elapsed;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const { urls, times } = options(process.argv.slice(2));
console.log(`| query | selection | ${urls.map((url) => `${url} (ms)`).join(' | ')} |`);
console.log(`| --- | --- | ${urls.map(() => '---:').join(' | ')} |`);
for (const { label, query, types } of CASES) {
  for (const [name, selection] of [
    ['full (items, snippets, totalCount, facets)', FULL_SELECTION],
    ['items only', ITEMS_ONLY],
  ]) {
    const samples = urls.map(() => [] as number[]);
    for (const url of urls) await timedSearch(url, query, types, selection);
    for (let round = 0; round < times; round++) {
      for (const [i, url] of urls.entries()) samples[i].push(await timedSearch(url, query, types, selection));
    }
    console.log(`| ${label} | ${name} | ${samples.map((s) => median(s).toFixed(1)).join(' | ')} |`);
  }
}
