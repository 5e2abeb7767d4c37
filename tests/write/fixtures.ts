// Real-looking inputs for the write API, from the sample wire story (seed/lukashenko-china-visit.txt).
export const ARTICLE_FIELDS = `
  id slug headline status revision section publishedAt withdrawnReason
  blocks { position kind text }
  entities { role mentionCount entity { id slug name wikidataId } mentions { surface field blockPosition startOffset endOffset role } }
  quotes { id text kind blockPosition startOffset endOffset speakerLabel speaker { id slug name } }
  media { role position media { id url caption credit { photographer pool distributor isFilePhoto raw } depicted { slug } } }
`;

export const CREATE_ARTICLE = `
  mutation Create($input: CreateArticleInput!) {
    createArticle(input: $input) { article { ${ARTICLE_FIELDS} } }
  }
`;

/** The Lukashenko story, cut to five blocks; `slug` and `section` vary per test. */
export function lukashenkoInput(overrides: Record<string, unknown> = {}) {
  return {
    slug: 'belarus-president-lukashenko-to-visit-china-next-week',
    headline: 'Belarus President Lukashenko to visit China next week',
    standfirst:
      'Alexander Lukashenko, an ally of Russian President Putin, will make a state visit to China from February 28 to March 2.',
    section: 'news',
    tags: ['Belarus', 'China', 'Russia-Ukraine war'],
    source: 'News Agencies',
    blocks: [
      {
        kind: 'MEDIA',
        text: 'Chinese President Xi Jinping (R) with Belarusian President Alexander Lukashenko',
        mediaKey: 'hero',
      },
      {
        kind: 'PARAGRAPH',
        text: 'Belarusian President Alexander Lukashenko will visit China on February 28 for a state visit, the Chinese foreign ministry said on Saturday.',
      },
      {
        kind: 'PARAGRAPH',
        text: 'Lukashenko is a close ally of Russian President Vladimir Putin and has backed Moscow’s invasion of Ukraine, with Belarus dependent on its neighbour both financially and politically.',
      },
      {
        kind: 'PARAGRAPH',
        text: '“At the invitation of Chinese President Xi Jinping, President of Belarus Alexander Lukashenko will pay a state visit to China from February 28 to March 2,” spokesperson Hua Chunying said.',
      },
      {
        kind: 'PARAGRAPH',
        text: 'Last September, Xi and Lukashenko announced an “all-weather” strategic partnership, when they met in the Uzbek city of Samarkand.',
      },
    ],
    entities: [
      {
        key: 'lukashenko',
        type: 'PERSON',
        name: 'Alexander Lukashenko',
        aliases: ['Lukashenko'],
        role: 'Belarusian President',
        description: 'President of Belarus',
      },
      {
        key: 'xi',
        type: 'PERSON',
        name: 'Xi Jinping',
        aliases: ['Xi'],
        wikidataId: 'Q15031',
        role: 'Chinese President',
      },
      { key: 'putin', type: 'PERSON', name: 'Vladimir Putin', wikidataId: 'Q7747', role: 'Russian President' },
      { key: 'china', type: 'PLACE', name: 'China', wikidataId: 'Q148' },
      { key: 'hua', type: 'PERSON', name: 'Hua Chunying', role: 'spokesperson' },
    ],
    mentions: [
      { entityKey: 'lukashenko', surface: 'Lukashenko', field: 'HEADLINE', role: 'Belarus President' },
      { entityKey: 'china', surface: 'China', field: 'HEADLINE' },
      { entityKey: 'lukashenko', surface: 'Alexander Lukashenko', blockPosition: 1, role: 'Belarusian President' },
      { entityKey: 'lukashenko', surface: 'Lukashenko', blockPosition: 2 },
      { entityKey: 'putin', surface: 'Vladimir Putin', blockPosition: 2, role: 'Russian President' },
      { entityKey: 'xi', surface: 'Xi Jinping', blockPosition: 3, role: 'Chinese President' },
      { entityKey: 'hua', surface: 'Hua Chunying', blockPosition: 3, role: 'spokesperson' },
      { entityKey: 'xi', surface: 'Xi', blockPosition: 4 },
      { entityKey: 'xi', surface: 'Xi Jinping', field: 'CAPTION', blockPosition: 0 },
    ],
    quotes: [
      {
        text: 'At the invitation of Chinese President Xi Jinping, President of Belarus Alexander Lukashenko will pay a state visit to China from February 28 to March 2,',
        speakerKey: 'hua',
        speakerLabel: 'spokesperson Hua Chunying',
        speakerRole: 'spokesperson',
        blockPosition: 3,
      },
      { text: 'all-weather', kind: 'PARTIAL', speakerKey: 'xi', speakerLabel: 'Xi and Lukashenko', blockPosition: 4 },
    ],
    media: [
      {
        key: 'hero',
        url: 'https://images.example.org/2023/02/xi-lukashenko-handshake.jpg',
        caption: 'Chinese President Xi Jinping (R) with Belarusian President Alexander Lukashenko',
        altText: 'Chinese President Xi Jinping shakes hands with Belarusian President Alexander Lukashenko',
        credit: {
          raw: 'File: Andrea Verdelli/Pool via Reuters',
          photographer: 'Andrea Verdelli',
          pool: true,
          distributor: 'Reuters',
          isFilePhoto: true,
        },
        role: 'HERO',
        depicts: ['xi', 'lukashenko'],
      },
    ],
    ...overrides,
  };
}

type Body = { errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };
export const codes = (body: Body) => body.errors?.map((e) => e.extensions?.code);
export const fields = (body: Body) => body.errors?.map((e) => e.extensions?.field);
