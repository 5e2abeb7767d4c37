// GraphiQL for browsers, from npm (no CDN): a small HTML page on GET /graphql and its large parts (script, style,
// icon) under content-hashed URLs that browsers keep for a year, each sent brotli- or gzip-compressed.
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';

import type { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import type { Request, RequestHandler, Response } from 'express';

/** Where the hashed assets are served; the page links them from here. */
export const GRAPHIQL_ASSET_PATH = '/graphiql';

const IMMUTABLE = 'public, max-age=31536000, immutable';
/** The page names the current asset hashes, so browsers revalidate it on every load (a 304 when unchanged). */
const REVALIDATE = 'no-cache';

/** GraphiQL's parts as @graphql-yoga/render-graphiql inlines them (its package exports only the inlining function). */
interface GraphiQLBundle {
  js: string;
  css: string;
  favicon: string;
  editorWorkerService: string;
  jsonWorker: string;
  graphqlWorker: string;
}

interface Asset {
  name: string;
  type: string;
  etag: string;
  body: Buffer;
  /** Brotli and gzip forms, computed on first request (about 1 s of CPU for the script) and kept for the process. */
  encoded?: Promise<{ br: Buffer; gzip: Buffer }>;
}

/** What YogaGraphiQL.renderYogaGraphiQL takes, the same options renderGraphiQL inlines. */
type RenderOptions = NonNullable<Parameters<typeof renderGraphiQL>[0]>;

export interface GraphiQLPageOptions {
  endpoint: string;
  /** Where GraphiQL sends subscriptions (GraphQL over SSE, distinct connections). */
  subscriptionsEndpoint: string;
  title: string;
  defaultQuery: string;
  defaultTabs: Array<{ query: string }>;
}

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

function loadBundle(): GraphiQLBundle {
  const require = createRequire(import.meta.url);
  const entry = require.resolve('@graphql-yoga/render-graphiql');
  return require(path.join(path.dirname(entry), 'graphiql.js')) as GraphiQLBundle;
}

function asset(base: string, extension: string, type: string, body: Buffer): Asset {
  const hash = createHash('sha256').update(body).digest('base64url').slice(0, 16);
  return { name: `${base}.${hash}.${extension}`, type, etag: `"${hash}"`, body };
}

/** The script: the editor's web workers (as blob URLs, which Monaco asks for by label), then GraphiQL itself. */
function scriptOf(bundle: GraphiQLBundle): string {
  return `(function () {
  function prepareBlob(source) { return URL.createObjectURL(new Blob([source], { type: 'application/javascript' })); }
  var workers = {
    editorWorkerService: prepareBlob(${JSON.stringify(bundle.editorWorkerService)}),
    json: prepareBlob(${JSON.stringify(bundle.jsonWorker)}),
    graphql: prepareBlob(${JSON.stringify(bundle.graphqlWorker)}),
  };
  self.MonacoEnvironment = { globalAPI: false, getWorkerUrl: function (_moduleId, label) { return workers[label]; } };
})();
${bundle.js};
`;
}

let bundleAssets: { script: Asset; style: Asset; icon: Asset } | undefined;

/** Built once per process on first use: the bundle is 9 MB of strings, and most servers never serve GraphiQL. */
function graphiqlAssets() {
  if (bundleAssets) return bundleAssets;
  const bundle = loadBundle();
  const icon = /^data:([^;,]+);base64,(.*)$/s.exec(bundle.favicon);
  bundleAssets = {
    script: asset('graphiql', 'js', 'text/javascript; charset=utf-8', Buffer.from(scriptOf(bundle))),
    style: asset('graphiql', 'css', 'text/css; charset=utf-8', Buffer.from(bundle.css)),
    icon: icon
      ? asset('favicon', 'ico', icon[1], Buffer.from(icon[2], 'base64'))
      : asset('favicon', 'ico', 'image/x-icon', Buffer.alloc(0)),
  };
  return bundleAssets;
}

/** JSON that is safe inside an inline <script>: no `</script>` or `<!--` can close or comment it. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

function pageOf(options: GraphiQLPageOptions, assets: ReturnType<typeof graphiqlAssets>): Asset {
  const href = (a: Asset) => `${GRAPHIQL_ASSET_PATH}/${a.name}`;
  const renderOptions: RenderOptions = { ...options, subscriptionsProtocol: 'GRAPHQL_SSE' };
  const html = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>${escapeHtml(options.title)}</title>
    <link rel="icon" href="${href(assets.icon)}" />
    <link rel="stylesheet" href="${href(assets.style)}" />
  </head>
  <body id="body" class="no-focus-outline">
    <noscript>You need to enable JavaScript to run this app.</noscript>
    <div id="root"></div>
    <script src="${href(assets.script)}"></script>
    <script>YogaGraphiQL.renderYogaGraphiQL(document.querySelector('#root'), ${scriptJson(renderOptions)});</script>
  </body>
</html>
`;
  return asset('graphiql', 'html', 'text/html; charset=utf-8', Buffer.from(html));
}

function encodingsOf(a: Asset) {
  a.encoded ??= Promise.all([
    brotli(a.body, {
      params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 6, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: a.body.length },
    }),
    gzip(a.body, { level: 6 }),
  ]).then(([br, gz]) => ({ br, gzip: gz }));
  return a.encoded;
}

/** Sends `a` in the best encoding the client accepts, or 304 when it already holds this version. */
async function send(req: Request, res: Response, a: Asset, cacheControl: string): Promise<void> {
  res.setHeader('cache-control', cacheControl);
  res.setHeader('etag', a.etag);
  res.vary('Accept-Encoding');
  if (req.headers['if-none-match']?.split(/\s*,\s*/).includes(a.etag)) {
    res.status(304).end();
    return;
  }
  const encoding = req.acceptsEncodings('br', 'gzip', 'identity');
  const body = encoding === 'br' || encoding === 'gzip' ? (await encodingsOf(a))[encoding] : a.body;
  if (encoding === 'br' || encoding === 'gzip') res.setHeader('content-encoding', encoding);
  res.setHeader('content-type', a.type);
  res.setHeader('content-length', body.length);
  res.status(200).end(req.method === 'HEAD' ? undefined : body);
}

/**
 * `page` answers GET /graphql from a browser (Accept prefers HTML, no `query` parameter) and passes everything else
 * on; `assets` serves the hashed files under GRAPHIQL_ASSET_PATH.
 */
export function graphiql(options: GraphiQLPageOptions): { page: RequestHandler; assets: RequestHandler } {
  let page: Asset | undefined;
  return {
    page: async (req, res, next) => {
      if (req.accepts(['application/json', 'application/graphql-response+json', 'html']) !== 'html' || req.query.query)
        return next();
      page ??= pageOf(options, graphiqlAssets());
      await send(req, res, page, REVALIDATE);
    },
    assets: async (req, res, next) => {
      if (req.method !== 'GET' && req.method !== 'HEAD') return next();
      const name = req.path.replace(/^\//, '');
      const found = Object.values(graphiqlAssets()).find((a) => a.name === name);
      if (!found) return next();
      await send(req, res, found, IMMUTABLE);
    },
  };
}
