// GraphiQL in a real headless Chromium: the page comes from our server alone (no CDN), opens with the sample
// queries, runs a query typed into its editor against the real schema and database, and shows a subscription's
// events as they are published.
import { existsSync } from 'node:fs';

import { chromium, type Browser, type Page } from 'playwright-core';

import { seedSampleArticle } from '../../seed/sample.ts';
import { seedSampleCompanions } from '../../seed/sample-companions.ts';
import { ARTICLE_CHANGES } from '../../src/feed/change-feed.ts';
import { InProcessPubSub } from '../../src/feed/pubsub.ts';
import { CREATE_ARTICLE, lukashenkoInput } from '../write/fixtures.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { startTestServer, type TestServer } from '../support/server.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SCREENSHOT = '/tmp/newsgraph-graphiql.png';

let database: TestDatabase;
let server: TestServer;
let browser: Browser;
let page: Page;
const pubsub = new InProcessPubSub();
const requestedUrls: string[] = [];

beforeAll(async () => {
  // A missing browser is a broken machine, not a reason to skip: .ci/run installs Debian's chromium.
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}: install it (apt-get install -y chromium) or set CHROMIUM_PATH.`,
    );
  }
  database = await createTestDatabase();
  const sample = await seedSampleArticle(database.prisma);
  await seedSampleCompanions(database, sample.articleId);
  server = await startTestServer(database, { pubsub });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--no-first-run',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.on('request', (request) => requestedUrls.push(request.url()));
  await page.goto(server.url, { waitUntil: 'load' });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await database?.drop();
});

/** Replaces the operation editor's text; one line, inserted (not typed), so no bracket auto-closing or auto-indent. */
async function replaceQuery(text: string): Promise<void> {
  const editor = page.locator('.graphiql-query-editor .monaco-editor').first();
  await editor.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(text);
}

/** The response pane's text with whitespace collapsed: the pane renders no-break spaces and wraps long lines. */
async function responseText(): Promise<string> {
  return (await page.locator('.graphiql-response').first().innerText()).replace(/[\s\u00a0]+/g, ' ');
}

/** Waits until the response pane shows `expected`; on timeout, fails with what it shows instead. */
async function waitForResponse(expected: string, timeoutMs = 30_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let shown = '';
  while (Date.now() < deadline) {
    shown = await responseText();
    if (shown.includes(expected)) return shown;
    await page.waitForTimeout(100);
  }
  await page.screenshot({ path: SCREENSHOT });
  throw new Error(`The response pane never showed ${JSON.stringify(expected)}; it shows:\n${shown}`);
}

test('GET /graphql from a browser serves GraphiQL with one tab per sample query, the article page open', async () => {
  await page.locator('.graphiql-execute-button').first().waitFor({ state: 'visible', timeout: 60_000 });
  const tabs = (await page.locator('.graphiql-tab').allInnerTexts()).map((name) => name.trim());
  expect(tabs).toEqual(
    expect.arrayContaining([
      'ArticlePage',
      'EntityPage',
      'ArticleList',
      'LiveBlogPage',
      'TranslatedArticle',
      'AuthorPage',
      'TagPage',
    ]),
  );
  const editor = page.locator('.graphiql-query-editor .monaco-editor .view-lines').first();
  expect((await editor.innerText()).replace(/\u00a0/g, ' ')).toContain('query ArticlePage(');
});

test('the preloaded article-page query runs as it is against the seeded sample story', async () => {
  // The pane only renders the lines in view, so the whole answer is read off the wire.
  const answer = page.waitForResponse(
    (response) => response.request().method() === 'POST' && /ArticlePage/.test(response.request().postData() ?? ''),
  );
  await page.locator('.graphiql-execute-button').first().click();
  await waitForResponse('"headline": "Belarus President Lukashenko to visit China next week"');
  const body = await (await answer).json();
  expect(body.errors).toBeUndefined();
  expect(body.data.article.quotes.map((quote: { speaker: { name: string } | null }) => quote.speaker?.name)).toContain(
    'Hua Chunying',
  );
});

test.each([
  ['LiveBlogPage', '"kind": "LIVE"', (data: any) => data.article.pinnedEntries.length === 1],
  ['TranslatedArticle', '"language": "fr"', (data: any) => data.article.translations.length === 2],
  ['AuthorPage', '"name": "World Desk"', (data: any) => data.author.articles.edges.length === 3],
  ['TagPage', '"name": "Belarus"', (data: any) => data.tag.articles.edges.length === 4],
])('the %s tab runs as it is against the seeded samples', async (name, shown, holdsSamples) => {
  // A click event, not a pointer click: the tab strip is a drag-to-reorder list whose items can sit mid-animation
  // (offset by a transform) where a pointer would land on another tab.
  await page.locator('.graphiql-tab-button', { hasText: name }).dispatchEvent('click');
  await page.locator('.graphiql-tab-active', { hasText: name }).waitFor({ timeout: 10_000 });
  const answer = page.waitForResponse(
    (response) => response.request().method() === 'POST' && (response.request().postData() ?? '').includes(name),
  );
  await page.locator('.graphiql-execute-button').first().click();
  await waitForResponse(shown);
  const body = await (await answer).json();
  expect(body.errors).toBeUndefined();
  expect(holdsSamples(body.data)).toBe(true);
});

test('a query typed into GraphiQL runs against the server and its result shows in the response pane', async () => {
  await page.locator('.graphiql-tab-add').first().click();
  await replaceQuery(
    'query Headline { article(slug: "belarus-president-lukashenko-to-visit-china-next-week") { headline } }',
  );
  // GraphiQL parses the editor after a debounce; the tab takes the operation's name once it has.
  await page.locator('.graphiql-tab-active', { hasText: 'Headline' }).waitFor({ timeout: 10_000 });
  await page.locator('.graphiql-execute-button').first().click();
  const shown = await waitForResponse('Lukashenko to visit China');
  expect(shown).toBe(
    '{ "data": { "article": { "headline": "Belarus President Lukashenko to visit China next week" } } }',
  );
  await page.screenshot({ path: SCREENSHOT });
});

test('a subscription run in GraphiQL shows an article published afterwards in the response pane', async () => {
  await page.locator('.graphiql-tab-add').first().click();
  await replaceQuery('subscription Live { articlePublished { kind article { slug headline } } }');
  await page.locator('.graphiql-tab-active', { hasText: 'Live' }).waitFor({ timeout: 10_000 });
  await page.locator('.graphiql-execute-button').first().click();
  // Published only once the server holds the subscription, so the event cannot pass before it is listened for.
  while (pubsub.subscriberCount(ARTICLE_CHANGES) < 1) await page.waitForTimeout(50);
  const editor = { authorization: await server.bearer('EDITOR', 'graphiql subscription test') };
  const created = await server.query(
    CREATE_ARTICLE,
    { input: { ...lukashenkoInput({ slug: 'published-while-graphiql-listens' }), publish: true } },
    editor,
  );
  expect(created.body.errors).toBeUndefined();
  const shown = await waitForResponse('"slug": "published-while-graphiql-listens"');
  expect(shown).toContain('"kind": "PUBLISHED"');
  expect(shown).toContain('"headline": "Belarus President Lukashenko to visit China next week"');
  // The execute button stops a running subscription; the server lets go of it.
  await page.locator('.graphiql-execute-button').first().click();
  while (pubsub.subscriberCount(ARTICLE_CHANGES) > 0) await page.waitForTimeout(50);
});

test('the page, its scripts and its queries make no request to any host but our server', async () => {
  const origin = new URL(server.url).origin;
  // blob: URLs are the editor's web workers, created in the page from the inlined bundle.
  const foreign = requestedUrls.filter(
    (url) => !url.startsWith(`${origin}/`) && !url.startsWith('blob:') && !url.startsWith('data:'),
  );
  expect(foreign).toEqual([]);
  expect(requestedUrls.filter((url) => url.startsWith(`${origin}/graphql`)).length).toBeGreaterThanOrEqual(2);
});
