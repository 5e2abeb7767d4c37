import { readFileSync } from 'node:fs';

import { parseStoryLayout } from '../../src/ingest/parse-layout.ts';

const sample = readFileSync(new URL('../../seed/lukashenko-china-visit.txt', import.meta.url), 'utf8');
const seed = JSON.parse(readFileSync(new URL('../../seed/lukashenko-china-visit.json', import.meta.url), 'utf8'));

describe('story layout', () => {
  it('lays the sample out exactly as the hand-checked seed: standfirst, media block, subheading, source', () => {
    const layout = parseStoryLayout(sample);
    expect(layout.headline).toBe(seed.headline);
    expect(layout.standfirst).toBe(seed.standfirst);
    expect(layout.source).toBe('News Agencies');
    expect(layout.blocks).toEqual(seed.blocks);
    expect(layout.photos[0]).toMatchObject({
      altText: seed.media[0].altText,
      caption: seed.media[0].caption,
      blockPosition: 0,
    });
  });

  it('reads a byline, a bare wire credit, and a Source line without a final newline', () => {
    const layout = parseStoryLayout(
      'Unilever to cut jobs\n\nBy Richa Naidu\n\nLONDON (Reuters) - Unilever will cut about 7,500 jobs.\n\nUnilever headquarters in London\nA logo is seen in London, Britain, January 19, 2024. REUTERS/Toby Melville/File Photo\n\nSource: Reuters',
    );
    expect(layout.byline).toBe('Richa Naidu');
    expect(layout.source).toBe('Reuters');
    expect(layout.standfirst).toBe('LONDON (Reuters) - Unilever will cut about 7,500 jobs.');
    expect(layout.blocks.map((b) => b.kind)).toEqual(['MEDIA']);
    expect(layout.photos[0]).toMatchObject({
      altText: 'Unilever headquarters in London',
      caption: 'A logo is seen in London, Britain, January 19, 2024.',
    });
    expect(layout.photos[0]!.credit).toMatchObject({ photographer: 'Toby Melville', isFilePhoto: true });
  });
});
