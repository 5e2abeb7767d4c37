// The reference pages of a news site as GraphQL documents: GraphiQL opens with the article page, docs/api/read.md
// shows them, the read-API tests run them (with other variables), and codegen types them (src/generated/operations.ts).
// Their variables default to the seeded sample story, so they run as they are in GraphiQL.
export const EXAMPLE_QUERIES = {
  articlePage: /* GraphQL */ `
    # Welcome to newsgraph. Press the ▶ button to run this query.
    # An article page: the story, its body blocks, who is in it (with the role stated here), every quote with its
    # speaker, and the photos with their credits. One SQL statement, whatever the sizes of these lists.
    query ArticlePage($slug: String! = "belarus-president-lukashenko-to-visit-china-next-week") {
      article(slug: $slug) {
        id
        slug
        headline
        standfirst
        section
        source
        publishedAt
        blocks {
          position
          kind
          text
        }
        entities(first: 5) {
          role
          relevance
          mentionCount
          entity {
            slug
            name
            type
          }
        }
        quotes {
          text
          kind
          speakerLabel
          speaker {
            slug
            name
          }
        }
        media {
          role
          media {
            url
            caption
            credit {
              photographer
              pool
              distributor
              raw
            }
            depicted {
              name
            }
          }
        }
      }
    }
  `,

  entityPage: /* GraphQL */ `
    # An entity page: the latest articles about someone and the latest things they said.
    query EntityPage($slug: String! = "emmanuel-macron") {
      entity(slug: $slug) {
        id
        slug
        name
        type
        description
        articles(first: 20) {
          edges {
            node {
              slug
              headline
              publishedAt
            }
          }
          pageInfo {
            hasNextPage
            endCursor
          }
        }
        quotes(first: 20) {
          edges {
            node {
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

  articleList: /* GraphQL */ `
    # A section front: the newest articles with their three most relevant entities.
    query ArticleList($section: String = "news", $after: String) {
      articles(filter: { section: $section }, first: 20, after: $after) {
        edges {
          node {
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
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  `,

  sectionFront: /* GraphQL */ `
    # A section front from the section record: breadcrumbs, subsections, and the newest stories of the section and
    # its subsections with their bylines (linked authors when credited) and tags.
    query SectionFront($slug: String! = "news") {
      section(slug: $slug) {
        name
        path {
          slug
          name
        }
        children {
          slug
          name
        }
        articles(first: 20) {
          edges {
            node {
              slug
              headline
              byline
              authors(role: AUTHOR) {
                author {
                  slug
                  name
                }
              }
              tagRecords {
                slug
                name
              }
            }
          }
        }
      }
    }
  `,

  homeFront: /* GraphQL */ `
    # A curated front: the stories an editor put on the home page, in their order, with the headline and standfirst
    # to show there (the override when the editor set one). Drafts stay off until published. One SQL statement.
    query HomeFront($slug: String! = "home") {
      collection(slug: $slug) {
        name
        items {
          headlineOverride
          standfirstOverride
          article {
            slug
            headline
            standfirst
            byline
            publishedAt
            related(first: 3) {
              slug
              headline
            }
          }
        }
      }
    }
  `,

  richTextPage: /* GraphQL */ `
    # Rich text and responsive images: each block's inline marks (links, emphasis) in the offsets mentions and quotes
    # use, the block as sanitised HTML, and the hero photo's focal point, crops and 16:9 renditions for a srcset.
    query RichTextPage($slug: String! = "belarus-president-lukashenko-to-visit-china-next-week") {
      article(slug: $slug) {
        headline
        blocks {
          position
          kind
          text
          marks {
            kind
            start
            end
            href
          }
          html
          embed {
            provider
            url
          }
          list {
            ordered
          }
          linkedArticle {
            slug
            headline
          }
        }
        media(role: HERO) {
          media {
            altText
            focalPoint {
              x
              y
            }
            crops {
              aspect
              width
              height
              explicit
            }
            renditions(widths: [640, 1280], aspect: WIDE_16_9) {
              url
              width
              height
            }
            srcSet(aspect: WIDE_16_9)
          }
        }
      }
    }
  `,

  liveBlogPage: /* GraphQL */ `
    # A live blog: the pinned entries above the stream, the key events as its summary, and the newest entries, a page
    # at a time (pass pageInfo.endCursor as $after for older ones). New entries arrive as they are posted through
    # \`liveEntryAdded\`. One SQL statement.
    query LiveBlogPage($slug: String! = "lukashenko-state-visit-to-china-live", $after: String) {
      article(slug: $slug) {
        id
        kind
        headline
        standfirst
        byline
        publishedAt
        pinnedEntries {
          id
          postedAt
          headline
          text
        }
        keyEvents: liveEntries(first: 10, keyEventsOnly: true) {
          edges {
            node {
              id
              postedAt
              headline
            }
          }
        }
        liveEntries(first: 20, after: $after) {
          edges {
            cursor
            node {
              id
              postedAt
              headline
              text
              author
              isKeyEvent
              pinned
            }
          }
          pageInfo {
            hasNextPage
            endCursor
          }
        }
      }
    }
  `,

  translatedArticle: /* GraphQL */ `
    # The story in another language: article(slug:, language:) answers with the translation in that language of the
    # slug's article, with its original and the other languages it is in (a language switcher). Translations carry
    # the original's entities and quotes, by the same records. One SQL statement.
    query TranslatedArticle(
      $slug: String! = "belarus-president-lukashenko-to-visit-china-next-week"
      $language: String! = "fr"
    ) {
      article(slug: $slug, language: $language) {
        slug
        language
        headline
        standfirst
        publishedAt
        blocks {
          position
          text
        }
        translationOf {
          slug
          language
          headline
        }
        translations {
          slug
          language
          headline
        }
        entities(first: 5) {
          role
          entity {
            slug
            name
          }
        }
        quotes {
          text
          speaker {
            name
          }
        }
      }
    }
  `,

  authorPage: /* GraphQL */ `
    # An author page: who they are and the articles crediting them, newest first, with each article's credits (the
    # role they had: author, translator…) and its language. One SQL statement.
    query AuthorPage($slug: String! = "world-desk", $after: String) {
      author(slug: $slug) {
        id
        slug
        name
        jobTitle
        bio
        photo {
          url
        }
        sameAs
        articles(first: 20, after: $after) {
          edges {
            node {
              slug
              headline
              language
              publishedAt
              byline
              authors {
                role
                author {
                  slug
                }
              }
            }
          }
          pageInfo {
            hasNextPage
            endCursor
          }
        }
      }
    }
  `,

  tagPage: /* GraphQL */ `
    # A tag page: the tag and the newest articles carrying it, in every language and of every kind, with how many
    # there are (a count over all of them: ask for totalCount only where it is shown). One SQL statement.
    query TagPage($slug: String! = "belarus", $after: String) {
      tag(slug: $slug) {
        id
        slug
        name
        type
        articles(first: 20, after: $after) {
          totalCount
          edges {
            node {
              slug
              headline
              standfirst
              language
              kind
              publishedAt
              sectionRecord {
                slug
                name
              }
            }
          }
          pageInfo {
            hasNextPage
            endCursor
          }
        }
      }
    }
  `,
};
