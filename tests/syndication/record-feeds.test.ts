// Section, tag and author feeds follow their records over real HTTP: the subsections a section page lists, renames
// answered with a 301 to the current address, titles and entries from the records' names, hidden records hidden.
import { processSqlCounter } from '../../src/db/pool.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import {
  addStory,
  hoursBefore,
  parseXml,
  PUBLIC_BASE_URL,
  PUBLICATION,
  startSyndicationServer,
  story,
  textOf,
  type SyndicationServer,
} from './syndication-fixture.ts';

const SLUGS = {
  corridor: 'grain-corridor-to-reopen',
  odesa: 'odesa-port-clears-first-convoy',
  wheat: 'wheat-prices-fall',
  summit: 'leaders-plan-secret-summit',
};

let db: TestDatabase;
let server: SyndicationServer;
let editor: Record<string, string>;

/** Runs a GraphQL document as the editor; fails the test on any error. */
async function edit(document: string, variables: Record<string, unknown>): Promise<any> {
  const { body } = await server.query(document, variables, editor);
  expect(body.errors).toBeUndefined();
  return body.data;
}

async function globalIdOf(root: 'section' | 'tag' | 'author', slug: string): Promise<string> {
  const data = await edit(`query($slug: String!) { ${root}(slug: $slug) { id } }`, { slug });
  return data[root].id;
}

const slugOfLink = (link: string) => link.slice(`${PUBLIC_BASE_URL}/articles/`.length);

async function rssFeed(path: string): Promise<{ title: string; slugs: string[] }> {
  const response = await server.get(path);
  expect({ path, status: response.status }).toEqual({ path, status: 200 });
  const { channel } = parseXml(response.body).rss;
  return {
    title: textOf(channel.title),
    slugs: (channel.item ?? []).map((item: any) => slugOfLink(textOf(item.link))),
  };
}

beforeAll(async () => {
  db = await createTestDatabase();
  server = await startSyndicationServer(db);
  editor = { authorization: await server.bearer('EDITOR', 'feeds desk') };
  const world = await edit(
    `mutation { createSection(input: { name: "World", slug: "world" }) { section { id } } }`,
    {},
  );
  await edit(
    `mutation($parent: ID!) { createSection(input: { name: "Europe", slug: "europe", parentId: $parent }) { section { id } } }`,
    { parent: world.createSection.section.id },
  );
  await addStory(
    db,
    story(SLUGS.corridor, { publishedAt: hoursBefore(1), tags: ['diplomacy'], byline: 'By Jane Doe' }),
  );
  await addStory(
    db,
    story(SLUGS.odesa, {
      publishedAt: hoursBefore(2),
      section: 'europe',
      tags: ['shipping', 'diplomacy'],
      byline: 'Jane Doe and Mykola Bondar',
    }),
  );
  await addStory(db, story(SLUGS.wheat, { publishedAt: hoursBefore(3), section: 'business', byline: 'Ann Lee' }));
  await addStory(
    db,
    story(SLUGS.summit, {
      status: 'DRAFT',
      publishedAt: hoursBefore(0.5),
      section: 'embargoed-desk',
      tags: ['secret-summit'],
      byline: 'Jane Doe',
    }),
  );
});
afterAll(async () => {
  await server?.stop();
  await db?.drop();
});

test("a section's feed lists its subsections' articles, as the section's page does; a subsection's only its own", async () => {
  const world = await rssFeed('/feeds/sections/world.rss');
  expect(world).toEqual({ title: `${PUBLICATION}: Section: World`, slugs: [SLUGS.corridor, SLUGS.odesa] });
  const page = await server.query<any>(
    `{ section(slug: "world") { articles(first: 50) { edges { node { slug } } } } }`,
  );
  expect(page.body.data!.section.articles.edges.map((edge: any) => edge.node.slug)).toEqual(world.slugs);
  expect(await rssFeed('/feeds/sections/europe.rss')).toEqual({
    title: `${PUBLICATION}: Section: Europe`,
    slugs: [SLUGS.odesa],
  });
});

test('tag and author feeds list what their pages list: an author every article crediting them', async () => {
  expect((await rssFeed('/feeds/tags/diplomacy.rss')).slugs).toEqual([SLUGS.corridor, SLUGS.odesa]);
  expect((await rssFeed('/feeds/tags/shipping.rss')).slugs).toEqual([SLUGS.odesa]);
  expect(await rssFeed('/feeds/authors/jane-doe.rss')).toEqual({
    title: `${PUBLICATION}: By Jane Doe`,
    slugs: [SLUGS.corridor, SLUGS.odesa],
  });
  expect((await rssFeed('/feeds/authors/mykola-bondar.rss')).slugs).toEqual([SLUGS.odesa]);
});

test('a draft-only section or tag is a 404 for everyone; an unknown one too; an editor-made tag has an empty feed', async () => {
  for (const headers of [{}, editor])
    for (const [path, message] of [
      ['/feeds/sections/embargoed-desk.rss', 'No section has the slug "embargoed-desk".'],
      ['/feeds/tags/secret-summit.atom', 'No tag has the slug "secret-summit".'],
      ['/feeds/tags/no-such-tag.rss', 'No tag has the slug "no-such-tag".'],
      ['/feeds/authors/no-such-reporter.atom', 'No author has the slug "no-such-reporter".'],
    ]) {
      const response = await server.get(path, headers);
      expect({ path, status: response.status, body: JSON.parse(response.body) }).toEqual({
        path,
        status: 404,
        body: { errors: [{ message, extensions: { code: 'NOT_FOUND' } }] },
      });
    }
  await edit(`mutation { createTag(input: { name: "Elections 2027", type: EVENT }) { tag { slug } } }`, {});
  expect(await rssFeed('/feeds/tags/elections-2027.rss')).toEqual({
    title: `${PUBLICATION}: Tag: Elections 2027`,
    slugs: [],
  });
});

test('a section, tag or author feed costs one SQL statement, a redirect too', async () => {
  await edit(`mutation($id: ID!) { updateTag(id: $id, input: { slug: "shipping-news" }) { tag { slug } } }`, {
    id: await globalIdOf('tag', 'shipping'),
  });
  for (const [path, status] of [
    ['/feeds/sections/world.atom', 200],
    ['/feeds/tags/diplomacy.atom', 200],
    ['/feeds/authors/jane-doe.atom', 200],
    ['/feeds/tags/shipping.atom', 301],
    ['/feeds/authors/nobody-here.atom', 404],
  ] as const) {
    const before = processSqlCounter.statements;
    const response = await server.get(path);
    expect({ path, status: response.status, statements: processSqlCounter.statements - before }).toEqual({
      path,
      status,
      statements: 1,
    });
  }
});

test('a renamed section, tag or author answers 301 to its feed under the new slug, titled by the new name', async () => {
  // Cached first: the renames must evict what was cached under the old addresses.
  for (const path of ['/feeds/sections/world.rss', '/feeds/tags/diplomacy.atom', '/feeds/authors/jane-doe.rss']) {
    await server.get(path);
    expect((await server.get(path)).headers.get('x-response-cache')).toBe('hit');
  }
  const renames = [
    ['updateSection', 'section', 'world', 'World News', 'world-news'],
    ['updateTag', 'tag', 'diplomacy', 'Foreign policy', 'foreign-policy'],
    ['updateAuthor', 'author', 'jane-doe', 'Jane Doe-Okafor', 'jane-doe-okafor'],
  ] as const;
  for (const [mutation, root, slug, name, newSlug] of renames)
    await edit(
      `mutation($id: ID!, $name: String!, $slug: String!) { ${mutation}(id: $id, input: { name: $name, slug: $slug }) { ${root} { slug } } }`,
      {
        id: await globalIdOf(root, slug),
        name,
        slug: newSlug,
      },
    );

  for (const [path, location] of [
    ['/feeds/sections/world.rss', '/feeds/sections/world-news.rss'],
    ['/feeds/sections/world.atom', '/feeds/sections/world-news.atom'],
    ['/feeds/tags/diplomacy.atom', '/feeds/tags/foreign-policy.atom'],
    ['/feeds/authors/jane-doe.rss', '/feeds/authors/jane-doe-okafor.rss'],
  ]) {
    const response = await server.get(path);
    expect({ path, status: response.status, location: response.headers.get('location') }).toEqual({
      path,
      status: 301,
      location,
    });
  }
  expect(await rssFeed('/feeds/sections/world-news.rss')).toEqual({
    title: `${PUBLICATION}: Section: World News`,
    slugs: [SLUGS.corridor, SLUGS.odesa],
  });
  expect(await rssFeed('/feeds/tags/foreign-policy.rss')).toEqual({
    title: `${PUBLICATION}: Tag: Foreign policy`,
    slugs: [SLUGS.corridor, SLUGS.odesa],
  });
  expect(await rssFeed('/feeds/authors/jane-doe-okafor.rss')).toEqual({
    title: `${PUBLICATION}: By Jane Doe-Okafor`,
    slugs: [SLUGS.corridor, SLUGS.odesa],
  });
});

test('Atom entries name authors as their records do now, not as the printed byline spells them', async () => {
  await edit(
    `mutation($id: ID!) { updateAuthor(id: $id, input: { name: "Mykola Bondar-Shevchuk" }) { author { slug } } }`,
    {
      id: await globalIdOf('author', 'mykola-bondar'),
    },
  );
  const { feed } = parseXml((await server.get('/feeds/sections/europe.atom')).body);
  expect(feed.entry.map((entry: any) => entry.author)).toEqual([
    [
      { name: 'Jane Doe-Okafor', uri: `${PUBLIC_BASE_URL}/authors/jane-doe-okafor` },
      { name: 'Mykola Bondar-Shevchuk', uri: `${PUBLIC_BASE_URL}/authors/mykola-bondar` },
    ],
  ]);
  const rss = parseXml((await server.get('/feeds/sections/europe.rss')).body);
  expect(textOf(rss.rss.channel.item[0]['dc:creator'])).toBe('Jane Doe-Okafor and Mykola Bondar-Shevchuk');
});

test("an address made from a byline's spelling of a name redirects to that author's feed", async () => {
  // Authors whose slug is not their slugged name: migrated ones, or made with a slug of the desk's choosing.
  await edit(`mutation { createAuthor(input: { name: "Zoë Ågren", slug: "zagren" }) { author { slug } } }`, {});
  const response = await server.get('/feeds/authors/zoe-agren.atom');
  expect({ status: response.status, location: response.headers.get('location') }).toEqual({
    status: 301,
    location: '/feeds/authors/zagren.atom',
  });
  const { feed } = parseXml((await server.get('/feeds/authors/zagren.atom')).body);
  expect(textOf(feed.title)).toBe(`${PUBLICATION}: By Zoë Ågren`);
  expect(feed.entry).toBeUndefined();
});
