import { readFileSync } from 'node:fs';

import { validateDraft } from '../../src/article/article-writer.ts';
import { createExtractor } from '../../src/ingest/extractor.ts';
import { slugify } from '../../src/shared/slug.ts';

const sample = readFileSync(new URL('../../seed/lukashenko-china-visit.txt', import.meta.url), 'utf8');
const draft = createExtractor().extract(sample);
const entity = (name: string) => draft.entities.find((e) => e.name === name);

describe('extracting the sample wire story', () => {
  it('produces a draft the article writer accepts, every offset pointing at its text', () => {
    expect(() => validateDraft(draft)).not.toThrow();
    expect(draft.slug).toBe(slugify('Belarus President Lukashenko to visit China next week'));
    expect(draft.mentions.every((m) => m.provenance === 'EXTRACTED' && typeof m.confidence === 'number')).toBe(true);
    expect(draft.quotes.every((q) => q.attributedBy && typeof q.confidence === 'number')).toBe(true);
  });

  it('merges full name, surname and title + name into one person with the role as stated', () => {
    expect(entity('Xi Jinping')).toMatchObject({ type: 'PERSON', aliases: ['Xi'], role: 'Chinese President' });
    expect(entity('Alexander Lukashenko')).toMatchObject({ aliases: ['Lukashenko'], role: 'Belarusian President' });
    expect(entity('Mykhailo Podolyak')?.role).toBe('a senior adviser to Zelenskyy');
    expect(entity('Hua Chunying')?.role).toBe('spokesperson');
    expect(draft.entities.filter((e) => e.type === 'PERSON' && /Xi|Lukashenko/.test(e.name))).toHaveLength(2);
  });

  it('keeps a capital standing for its government as the place, flagged as metonymy', () => {
    const beijing = draft.mentions.filter((m) => m.entityKey === 'beijing');
    expect(entity('Beijing')?.type).toBe('PLACE');
    expect(beijing.some((m) => m.isMetonymy)).toBe(true);
    const inSamarkand = draft.mentions.find((m) => m.entityKey === 'samarkand');
    expect(inSamarkand?.isMetonymy).toBe(false);
  });

  it('finds organisations written in lower case and agencies', () => {
    expect(entity('Chinese foreign ministry')?.type).toBe('ORGANIZATION');
    expect(entity('AFP')?.type).toBe('ORGANIZATION');
    expect(entity('Kremlin')?.type).toBe('ORGANIZATION');
  });

  it('attributes every quote, including the one said by "he", to Macron', () => {
    const macron = draft.quotes.filter((q) => q.speakerKey === 'emmanuel-macron');
    expect(macron.map((q) => q.text)).toContain('The fact that China is engaging in peace efforts is a good thing,');
    expect(macron).toHaveLength(6);
    expect(draft.quotes.find((q) => q.text.startsWith('At the invitation'))).toMatchObject({
      kind: 'DIRECT',
      speakerKey: 'hua-chunying',
    });
  });

  it('describes the photo: caption, depicted people, split credit', () => {
    expect(draft.media).toEqual([
      expect.objectContaining({
        key: 'm1',
        kind: 'PHOTO',
        role: 'HERO',
        url: 'urn:newsgraph:media:belarus-president-lukashenko-to-visit-china-next-week-1',
        caption: 'Chinese President Xi Jinping (R) with Belarusian President Alexander Lukashenko',
        credit: expect.objectContaining({
          photographer: 'Andrea Verdelli',
          pool: true,
          distributor: 'Reuters',
          isFilePhoto: true,
        }),
        depicts: ['xi-jinping', 'alexander-lukashenko'],
      }),
    ]);
    expect(entity('Andrea Verdelli')).toMatchObject({ type: 'PERSON', role: 'photographer' });
  });

  it('gives the same result on every run (speed is measured by npm run eval:extract, not asserted here)', () => {
    const extractor = createExtractor();
    for (let i = 0; i < 20; i++) expect(extractor.extract(sample).quotes.length).toBe(draft.quotes.length);
  });
});
