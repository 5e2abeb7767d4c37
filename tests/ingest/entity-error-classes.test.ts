// Classes of entity errors seen on real news: names cut short, organisations typed as people or places, titles
// taken as roles or names, first names as aliases, and capitals in headlines and datelines read as names.
import { createExtractor } from '../../src/ingest/extractor.ts';

const extractor = createExtractor();
const story = (headline: string, ...paragraphs: string[]) =>
  extractor.extract([headline, '', ...paragraphs.flatMap((p) => [p, ''])].join('\n'));
const find = (draft: ReturnType<typeof story>, name: string) =>
  draft.entities.find((e) => e.name === name || e.aliases?.includes(name));
const names = (draft: ReturnType<typeof story>) => draft.entities.flatMap((e) => [e.name, ...(e.aliases ?? [])]);

describe('places named with a prefix', () => {
  it('keeps New York and New Jersey whole instead of reading "New" as a title word', () => {
    const draft = story(
      'Headline for a test story',
      'The insurer will move 900 jobs from New Jersey to New York next year, it said on Tuesday.',
    );
    expect(find(draft, 'New York')?.type).toBe('PLACE');
    expect(find(draft, 'New Jersey')?.type).toBe('PLACE');
    expect(names(draft)).not.toContain('York');
    expect(names(draft)).not.toContain('Jersey');
  });

  it('reads an exchange named after its city as one organisation', () => {
    const draft = story(
      'Headline for a test story',
      'Trading on the New York Stock Exchange was halted for an hour on Wednesday.',
    );
    expect(find(draft, 'New York Stock Exchange')?.type).toBe('ORGANIZATION');
    expect(names(draft)).not.toContain('Stock Exchange');
  });
});

describe('organisations kept whole and typed as organisations', () => {
  it('keeps an organisation opened by a demonym whole', () => {
    const draft = story(
      'Headline for a test story',
      'The Palestinian Authority said it would hold elections in the spring.',
    );
    expect(find(draft, 'Palestinian Authority')?.type).toBe('ORGANIZATION');
    expect(names(draft)).not.toContain('Authority');
  });

  it('reads teams named after their city as clubs in a match report', () => {
    const draft = story(
      'Headline for a test story',
      'The Washington Redskins beat the Dallas Cowboys 24-17 on Sunday, their quarterback throwing two touchdowns after the interval.',
      'Sheffield Wednesday drew 1-1 with Sheffield United in the derby, and Dynamo Moscow won the league.',
    );
    for (const club of [
      'Washington Redskins',
      'Dallas Cowboys',
      'Sheffield Wednesday',
      'Sheffield United',
      'Dynamo Moscow',
    ]) {
      expect([club, find(draft, club)?.type]).toEqual([club, 'ORGANIZATION']);
    }
  });

  it('reads county sides as clubs in a cricket report and the ground as a place', () => {
    const draft = story(
      'Headline for a test story',
      'Kent beat Surrey by six wickets at Canterbury on Friday, their captain taking four wickets as the visitors collapsed in their second innings.',
      'Surrey had led after the first innings thanks to a century from their opening batsman.',
    );
    expect(find(draft, 'Kent')?.type).toBe('ORGANIZATION');
    expect(find(draft, 'Surrey')?.type).toBe('ORGANIZATION');
    expect(find(draft, 'Canterbury')?.type).toBe('PLACE');
  });

  it('types a law firm named beside the word "firm" as an organisation, not a person', () => {
    const draft = story(
      'Headline for a test story',
      'The Edinburgh law firm Tods Murray was paid £12,000 for the work, the report found.',
    );
    expect(find(draft, 'Tods Murray')?.type).toBe('ORGANIZATION');
  });

  it('keeps a company whose name ends in a company form whole', () => {
    const draft = story('Headline for a test story', 'Shares of Johnson Controls Inc. rose 3% after the results.');
    expect(find(draft, 'Johnson Controls Inc.')?.type).toBe('ORGANIZATION');
  });
});

describe('sports results and teams', () => {
  it('reads names in a results line as people, though every word there is capitalised', () => {
    const draft = story(
      'Headline for a test story',
      'Leading first-round scores at the par-72 course on Thursday, with birdies on the back nine deciding the lead:',
      '65 Harry Lowe , Tom Barrett , Sven Lindqvist ( Sweden )',
    );
    for (const person of ['Harry Lowe', 'Tom Barrett', 'Sven Lindqvist'])
      expect([person, find(draft, person)?.type]).toEqual([person, 'PERSON']);
  });

  it('reads team nicknames in a match report as clubs', () => {
    const draft = story(
      'Headline for a test story',
      'The pitcher struck out nine as the Orioles held off the Mariners, with two home runs in the ninth inning.',
    );
    expect(find(draft, 'Orioles')?.type).toBe('ORGANIZATION');
    expect(find(draft, 'Mariners')?.type).toBe('ORGANIZATION');
  });
});

describe('known organisations written with full stops', () => {
  it('knows the U.N. as the United Nations', () => {
    const draft = story('Headline for a test story', 'The U.N. said aid convoys had reached the city on Monday.');
    expect(find(draft, 'U.N.')).toMatchObject({ type: 'ORGANIZATION', name: 'United Nations' });
  });
});

describe('titles are not roles or names', () => {
  it('does not take an honorific for a role', () => {
    const draft = story(
      'Headline for a test story',
      'David McLetchie resigned on Monday.',
      'Mr McLetchie said he had done nothing wrong.',
    );
    expect(find(draft, 'David McLetchie')).toMatchObject({ type: 'PERSON', role: null });
  });

  it('does not take an abbreviated title for an organisation or a person', () => {
    const draft = story(
      'Headline for a test story',
      'The Lothians MSP said the claims were false, and the Conservative MSP agreed to repay the money.',
    );
    expect(names(draft)).not.toContain('MSP');
    expect(names(draft)).not.toContain('Conservative MSP');
  });
});

describe('first names', () => {
  it('links a lone first name to the one person it opens without making it an alias', () => {
    const draft = story(
      'Headline for a test story',
      'David McLetchie met party officials in Edinburgh on Friday.',
      'David, who has led the party since 2005, then left by car.',
    );
    expect(find(draft, 'David McLetchie')?.aliases ?? []).not.toContain('David');
  });

  it('does not join a first name shared by two people to either of them', () => {
    const draft = story(
      'Headline for a test story',
      'David McLetchie met David Davis in London on Friday.',
      'David said afterwards that the talks had gone well.',
    );
    expect(find(draft, 'David McLetchie')?.aliases ?? []).not.toContain('David');
    expect(find(draft, 'David Davis')?.aliases ?? []).not.toContain('David');
  });
});

describe('headlines and datelines in capitals', () => {
  it('reads only known names and names the body found in an all-capitals headline and dateline', () => {
    const draft = story(
      'GOLF - NORMAN SHOOTS 66 TO LEAD IN SYDNEY .',
      'SYDNEY 1996-11-14',
      'Greg Norman shot a six-under-par 66 on Thursday to take a two-stroke lead, with birdies on four of the last six holes.',
    );
    expect(find(draft, 'Greg Norman')?.aliases).toContain('NORMAN');
    expect(find(draft, 'Sydney')?.type).toBe('PLACE');
    for (const word of ['GOLF', 'SHOOTS', 'LEAD']) expect(names(draft)).not.toContain(word);
  });
});

describe('datelines', () => {
  it('reads an unknown town in capitals opening a dateline as a place, not an acronym', () => {
    const draft = story(
      'Film festival opens with a premiere',
      'TAORMINA , Italy 2026-06-12',
      'The festival opened on Friday with a premiere attended by its director.',
    );
    expect(find(draft, 'TAORMINA')?.type).toBe('PLACE');
  });
});

describe('ministries', () => {
  it('knows "the German foreign ministry" also as "foreign ministry"', () => {
    const draft = story(
      'Headline for a test story',
      'A spokesman for the German foreign ministry said the talks would continue.',
    );
    expect(find(draft, 'foreign ministry')?.type).toBe('ORGANIZATION');
  });
});

describe('known parties and public bodies', () => {
  it('knows parties and regulators named in one word as organisations', () => {
    const draft = story(
      'Headline for a test story',
      'Both the SNP and Labour criticised the decision, which Ofgem defended on Tuesday.',
    );
    for (const body of ['SNP', 'Labour', 'Ofgem'])
      expect([body, find(draft, body)?.type]).toEqual([body, 'ORGANIZATION']);
  });
});

describe('types from evidence', () => {
  it('needs evidence before reading a lone capitalised word as an organisation', () => {
    const draft = story(
      'Headline for a test story',
      'UK government bonds, known as Gilts, rallied while Bunds slipped, a Jefferies analyst said.',
    );
    expect(names(draft)).not.toContain('Gilts');
    expect(names(draft)).not.toContain('Bunds');
    expect(find(draft, 'Jefferies')?.type).toBe('ORGANIZATION');
  });
});

describe('names in a Title Case headline', () => {
  it('cuts a headline name at the words the story writes as the name, even when the headline ends with a full stop', () => {
    const draft = story(
      'Miriam Castellane Scolds Harbour Board Over Late Ferries.',
      'Miriam Castellane told the harbour board on Monday that the ferries ran late three days in five.',
      '“Nobody on the island can plan a day,” Castellane said.',
    );
    expect(names(draft)).toContain('Miriam Castellane');
    expect(names(draft).some((n) => n.includes('Scolds'))).toBe(false);
    const speaker = draft.entities.find((e) => e.key === draft.quotes[0]?.speakerKey);
    expect(speaker?.name).toBe('Miriam Castellane');
  });
});

describe('venues named after people', () => {
  it("types a tower or hotel named after a person as a place, and gives that person's quotes to the person", () => {
    const draft = story(
      'Developer opens new offices',
      'Miriam Castellane spoke to investors on Monday at Castellane Tower, then toured the Castellane Hotel nearby.',
      '“We will build three more,” Castellane said.',
    );
    expect(find(draft, 'Castellane Tower')?.type).toBe('PLACE');
    expect(find(draft, 'Castellane Hotel')?.type).toBe('PLACE');
    const speaker = draft.entities.find((e) => e.key === draft.quotes[0]?.speakerKey);
    expect(speaker?.name).toBe('Miriam Castellane');
  });
});

describe('names fused with the words after them', () => {
  it('cuts a person\'s name run into a title ("Marco Castellane Miss The Mark") at the name the story writes elsewhere', () => {
    const draft = story(
      'Harbour board votes on ferries',
      'Marco Castellane asked the board to fund two more ferries.',
      'The clip, titled Marco Castellane Miss The Mark On Ferries, was shared widely.',
      '“Nobody on the island can plan a day,” Castellane said.',
    );
    expect(names(draft)).not.toContain('Marco Castellane Miss');
    expect(draft.entities.find((e) => e.key === draft.quotes[0]?.speakerKey)?.name).toBe('Marco Castellane');
  });

  it('keeps a foundation or a tower named after a person whole', () => {
    const draft = story(
      'Harbour board votes on ferries',
      'Miriam Castellane said the Miriam Castellane Foundation would pay for the Miriam Castellane Tower.',
    );
    expect(find(draft, 'Miriam Castellane Foundation')?.type).toBe('ORGANIZATION');
    expect(find(draft, 'Miriam Castellane Tower')?.type).toBe('PLACE');
  });
});
