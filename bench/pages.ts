// The pages the benchmark requests: one GraphQL document each (what a news site's page asks for), and how to
// draw random variables for it. The floor server (floor-server.ts) answers the same operations by name.
import type { BenchCorpus } from './corpus.ts';

export type PageName = 'article' | 'entity' | 'list' | 'search' | 'search-1';

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
];
