// The pages the benchmark requests: one GraphQL document each (what a news site's page asks for), and how to
// draw random variables for it. The floor server (floor-server.ts) answers the same operations by name.
import type { BenchCorpus } from './corpus.ts';
import { EXAMPLE_QUERIES } from '../src/shared/example-queries.ts';

export type PageName =
  | 'article'
  | 'entity'
  | 'list'
  | 'search'
  | 'search-1'
  | 'section-front'
  | 'author'
  | 'tag'
  | 'home-front'
  | 'live-blog'
  | 'translated';

export interface Page {
  name: PageName;
  label: string;
  operationName: string;
  document: string;
  /** Concurrent connections, when not the run's (--connections). */
  connections?: number;
  /** Variables for a request, drawn at random from the corpus. */
  variables(corpus: BenchCorpus, random: () => number): Record<string, unknown>;
}

const SEARCH_DOCUMENT = /* GraphQL */ `
  query Search($query: String!) {
    search(query: $query, types: [ARTICLE], first: 20) {
      edges {
        node {
          score
          snippet
          item {
            ... on Article {
              id
              slug
              headline
            }
          }
        }
      }
    }
  }
`;

const pick = <T>(items: readonly T[], random: () => number): T => items[Math.floor(random() * items.length)];
const searchVariables = (corpus: BenchCorpus, random: () => number) => ({ query: pick(corpus.searchQueries, random) });

export const PAGES: Page[] = [
  {
    name: 'article',
    label: 'article page',
    operationName: 'ArticlePage',
    document: /* GraphQL */ `
      query ArticlePage($slug: String!) {
        article(slug: $slug) {
          id
          slug
          headline
          standfirst
          section
          byline
          publishedAt
          blocks {
            position
            kind
            text
          }
          entities {
            role
            relevance
            entity {
              id
              slug
              name
              type
            }
          }
          quotes {
            id
            text
            kind
            speakerLabel
            speaker {
              id
              slug
              name
            }
          }
          media {
            role
            media {
              id
              url
              caption
              credit {
                raw
                photographer
                distributor
                isFilePhoto
                pool
              }
            }
          }
        }
      }
    `,
    variables: (corpus, random) => ({ slug: pick(corpus.articleSlugs, random) }),
  },
  {
    name: 'entity',
    label: 'entity page',
    operationName: 'EntityPage',
    document: /* GraphQL */ `
      query EntityPage($slug: String!) {
        entity(slug: $slug) {
          id
          slug
          name
          type
          description
          articles(first: 20) {
            edges {
              node {
                id
                slug
                headline
                publishedAt
              }
            }
          }
          quotes(first: 20) {
            edges {
              node {
                id
                text
                article {
                  slug
                  headline
                }
              }
            }
          }
        }
      }
    `,
    variables: (corpus, random) => ({ slug: pick(corpus.entitySlugs, random) }),
  },
  {
    name: 'list',
    label: 'section list',
    operationName: 'SectionList',
    document: /* GraphQL */ `
      query SectionList($section: String!) {
        articles(filter: { section: $section }, first: 20) {
          edges {
            node {
              id
              slug
              headline
              standfirst
              publishedAt
              topEntities: entities(first: 3) {
                entity {
                  slug
                  name
                }
              }
            }
          }
        }
      }
    `,
    variables: (corpus, random) => ({ section: pick(corpus.sections, random) }),
  },
  {
    name: 'search',
    label: 'search',
    operationName: 'Search',
    document: SEARCH_DOCUMENT,
    variables: searchVariables,
  },
  // The same search from one reader at a time: the latency a search box sees, without 16-way queueing on 2 cores.
  {
    name: 'search-1',
    label: 'search, one connection',
    operationName: 'Search',
    document: SEARCH_DOCUMENT,
    connections: 1,
    variables: searchVariables,
  },
  // The pages of the newsroom's records: fronts of sections and collections, author and tag pages, a live blog and
  // an article read in another language.
  {
    name: 'section-front',
    label: 'section front',
    operationName: 'SectionFront',
    document: EXAMPLE_QUERIES.sectionFront,
    variables: (corpus, random) => ({ slug: pick(corpus.sectionSlugs, random) }),
  },
  {
    name: 'author',
    label: 'author page',
    operationName: 'AuthorPage',
    document: /* GraphQL */ `
      query AuthorPage($slug: String!) {
        author(slug: $slug) {
          id
          slug
          name
          jobTitle
          articles(first: 20) {
            edges {
              node {
                slug
                headline
                byline
                publishedAt
              }
            }
          }
        }
      }
    `,
    variables: (corpus, random) => ({ slug: pick(corpus.authorSlugs, random) }),
  },
  {
    name: 'tag',
    label: 'tag page',
    operationName: 'TagPage',
    document: /* GraphQL */ `
      query TagPage($slug: String!) {
        tag(slug: $slug) {
          id
          slug
          name
          type
          articles(first: 20) {
            edges {
              node {
                slug
                headline
                standfirst
                publishedAt
              }
            }
          }
        }
      }
    `,
    variables: (corpus, random) => ({ slug: pick(corpus.tagSlugs, random) }),
  },
  {
    name: 'home-front',
    label: 'home front (collection)',
    operationName: 'HomeFront',
    document: EXAMPLE_QUERIES.homeFront,
    variables: (corpus, random) => ({ slug: pick(corpus.collectionSlugs, random) }),
  },
  {
    name: 'live-blog',
    label: 'live blog',
    operationName: 'LiveBlog',
    document: /* GraphQL */ `
      query LiveBlog($slug: String!) {
        article(slug: $slug) {
          id
          slug
          headline
          standfirst
          byline
          publishedAt
          pinnedEntries {
            id
            postedAt
            headline
            text
            author
          }
          liveEntries(first: 20) {
            edges {
              node {
                id
                postedAt
                headline
                text
                isKeyEvent
                author
              }
            }
          }
        }
      }
    `,
    variables: (corpus, random) => ({ slug: pick(corpus.liveSlugs, random) }),
  },
  {
    name: 'translated',
    label: 'article in another language',
    operationName: 'TranslatedArticle',
    document: /* GraphQL */ `
      query TranslatedArticle($slug: String!, $language: String!) {
        article(slug: $slug, language: $language) {
          id
          slug
          language
          headline
          standfirst
          publishedAt
          translations {
            language
            slug
            headline
          }
        }
      }
    `,
    variables: (corpus, random) => pick(corpus.translationRequests, random),
  },
];
