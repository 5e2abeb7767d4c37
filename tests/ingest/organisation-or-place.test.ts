// Names the place list used to take: clubs, companies, people whose surname is a city, product models.
import { createExtractor } from '../../src/ingest/extractor.ts';

const extractor = createExtractor();
const story = (...paragraphs: string[]) =>
  extractor.extract(['Headline for a test story', '', ...paragraphs.flatMap((p) => [p, ''])].join('\n'));
const typeOf = (draft: ReturnType<typeof story>, name: string) =>
  draft.entities.find((e) => e.name === name || e.aliases?.includes(name))?.type;

describe('organisation or place', () => {
  it('reads a city named like a club as the club in a match report, and as the city after "in"', () => {
    const draft = story(
      'Arsenal beat Liverpool 3-2 on Sunday. Bukayo Saka scored twice, the second a penalty, before half-time.',
      'Liverpool head coach Arne Slot said the league was far from over. The next game is in Liverpool.',
    );
    expect(
      draft.mentions
        .filter((m) => m.surface === 'Liverpool')
        .map((m) => draft.entities.find((e) => e.key === m.entityKey)?.type),
    ).toEqual(['ORGANIZATION', 'ORGANIZATION', 'PLACE']);
  });

  it('keeps a city a place outside sport, and a "United" club an organisation everywhere', () => {
    expect(typeOf(story('Leaders met in Liverpool on Monday to discuss trade.'), 'Liverpool')).toBe('PLACE');
    expect(typeOf(story('Fans of Newcastle United gathered outside the ground.'), 'Newcastle United')).toBe(
      'ORGANIZATION',
    );
  });

  it('reads "shares in X" and a company listed with companies as organisations', () => {
    expect(typeOf(story('Shares in Boeing fell 8% on Monday.'), 'Boeing')).toBe('ORGANIZATION');
    expect(typeOf(story('The chips are sold to Amazon, Microsoft and Google, the company said.'), 'Amazon')).toBe(
      'ORGANIZATION',
    );
    expect(typeOf(story('Deforestation in the Amazon fell by a third, officials said.'), 'Amazon')).toBe('PLACE');
  });

  it('keeps a longer company name that opens with a known one whole', () => {
    const draft = story(
      'Sony Music raised its forecast, and Toyota Industries cut its own. Toyota Chief Executive Koji Sato declined to comment.',
    );
    expect(typeOf(draft, 'Sony Music')).toBe('ORGANIZATION');
    expect(typeOf(draft, 'Toyota Industries')).toBe('ORGANIZATION');
    expect(typeOf(draft, 'Toyota')).toBe('ORGANIZATION');
    expect(typeOf(draft, 'Sony')).toBeUndefined();
  });

  it('does not take a product model for an organisation', () => {
    const draft = story('Airlines grounded the Boeing 737 MAX 9 after the incident, the FAA said.');
    expect(draft.entities.map((e) => e.name)).not.toContain('MAX');
  });

  it('keeps a person whose surname is a capital a person', () => {
    const draft = story('Mercedes driver Lewis Hamilton finished fifth in Monaco.');
    expect(draft.entities.find((e) => e.name === 'Lewis Hamilton')).toMatchObject({
      type: 'PERSON',
      role: 'Mercedes driver',
    });
    expect(typeOf(draft, 'Mercedes')).toBe('ORGANIZATION');
  });
});

describe('roles and pronouns', () => {
  it('reads a role stated as a predicate: "X, who is currently vice president"', () => {
    const draft = story('Lai Ching-te, who is currently vice president, received 40% of the vote.');
    expect(draft.entities.find((e) => e.name === 'Lai Ching-te')?.role).toBe('vice president');
  });

  it('gives "she" to a woman named as the object when the subject is a man', () => {
    const draft = story(
      'Prime Minister Mark Rutte telephoned Angela Schmidt on Wednesday evening.',
      '"We are not there yet," she said.',
    );
    const speaker = draft.entities.find((e) => e.key === draft.quotes[0]?.speakerKey);
    expect(speaker?.name).toBe('Angela Schmidt');
  });

  it('gives a surname alone the person named in full, even when only the fallback typed the full name', () => {
    const draft = story(
      'Hou Yu-ih of the Nationalist Party came second.',
      'Hou conceded defeat. "I let everyone down," he said.',
    );
    expect(draft.entities.find((e) => e.key === draft.quotes[0]?.speakerKey)?.name).toBe('Hou Yu-ih');
  });
});
