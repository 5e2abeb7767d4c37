import { createExtractor } from '../../src/ingest/extractor.ts';

const extractor = createExtractor('rules');

/** Quotes of a one-paragraph-per-line story, with speakers by name. */
function quotesOf(body: string) {
  const draft = extractor.extract(`Test story headline\n\n${body}\n`);
  const nameOf = new Map(draft.entities.map((e) => [e.key, e.name]));
  return draft.quotes.map((q) => ({
    text: q.text,
    kind: q.kind,
    speaker: q.speakerKey ? nameOf.get(q.speakerKey) : null,
    rule: q.attributedBy,
  }));
}

describe('quote attribution', () => {
  it('attributes “…,” NAME said to the named speaker, with a title in front', () => {
    const [quote] = quotesOf(
      '“We are not sufficiently confident yet,” European Central Bank President Christine Lagarde said.',
    );
    expect(quote).toMatchObject({
      text: 'We are not sufficiently confident yet,',
      kind: 'DIRECT',
      speaker: 'Christine Lagarde',
    });
    expect(quote!.rule).toMatch(/^quote-then-speaker/);
  });

  it('attributes “…,” said NAME, an appositive, to the name after the verb', () => {
    const [quote] = quotesOf(
      '"Wage growth is still too strong to declare victory," said Isabel Schnabel, a member of the ECB\'s Executive Board.',
    );
    expect(quote).toMatchObject({ speaker: 'Isabel Schnabel', kind: 'DIRECT' });
  });

  it('attributes NAME said: “…” to the speaker before the colon', () => {
    const [quote] = quotesOf(
      'Speaking on state radio, Hungarian Prime Minister Viktor Orban said: “We need a ceasefire, not another escalation.”',
    );
    expect(quote).toMatchObject({ speaker: 'Viktor Orban', kind: 'DIRECT' });
    expect(quote!.rule).toMatch(/^speaker-then-quote/);
  });

  it('gives the subject of "X told Y" the quote, not the listener', () => {
    const quotes = quotesOf(
      'In a phone call on Friday, Chinese foreign minister Qin Gang spoke to his Belarusian counterpart Sergei Aleinik.\nChina will oppose attempts by “external forces” to interfere or impose “illegal” sanctions on Minsk, Qin told Aleinik.',
    );
    expect(quotes.map((q) => [q.text, q.speaker])).toEqual([
      ['external forces', 'Qin Gang'],
      ['illegal', 'Qin Gang'],
    ]);
    expect(quotes.every((q) => q.kind === 'PARTIAL')).toBe(true);
  });

  it('reads "according to X"', () => {
    const [quote] = quotesOf(
      'According to Dmitry Peskov, the Kremlin spokesman, the West was “prolonging the suffering of the Ukrainian people”.',
    );
    expect(quote).toMatchObject({ speaker: 'Dmitry Peskov', rule: 'according-to/name' });
  });

  it('gives "a spokesman for ORG" quotes to the organisation', () => {
    const [quote] = quotesOf(
      'A spokesman for Intel Corp said the company was "confident in our roadmap" and pointed to its new accelerator.',
    );
    expect(quote).toMatchObject({ speaker: 'Intel Corp', rule: 'speaker-then-quote/spokesperson-for-organization' });
  });

  it('resolves "he" to the person in focus, not the last name seen', () => {
    const quotes = quotesOf(
      '“Bukayo was unbelievable today,” Arsenal manager Mikel Arteta said.\nSaka, 23, said the win against Liverpool would give the squad belief. “We know how hard it is,” he told reporters.',
    );
    expect(quotes.map((q) => q.speaker)).toEqual(['Mikel Arteta', 'Saka']);
  });

  it('keeps a sentence broken by its tag together: “…,” he said, “…”', () => {
    const quotes = quotesOf(
      'NATO Secretary General Mark Rutte backed the call. “Every euro we spend on defence today is a euro saved tomorrow,” he said, “and every one of us knows it.”',
    );
    expect(quotes.map((q) => [q.speaker, q.kind])).toEqual([
      ['Mark Rutte', 'DIRECT'],
      ['Mark Rutte', 'DIRECT'],
    ]);
  });

  it('continues the speaker into a quote-only paragraph and across a paragraph break left open', () => {
    const quotes = quotesOf(
      '“Our cities are being hit every night,” Defence Minister Rustem Umerov said. “Patriot systems save lives.\n“We are grateful, but we need them now.”',
    );
    expect(quotes.map((q) => [q.text, q.speaker, q.rule])).toEqual([
      ['Our cities are being hit every night,', 'Rustem Umerov', 'quote-then-speaker/name'],
      ['Patriot systems save lives.', 'Rustem Umerov', 'same-paragraph'],
      ['We are grateful, but we need them now.', 'Rustem Umerov', 'paragraph-continues'],
    ]);
  });

  it('skips scare quotes around a single term', () => {
    const quotes = quotesOf(
      'Last September, Xi Jinping and Alexander Lukashenko announced an “all-weather” strategic partnership.',
    );
    expect(quotes).toEqual([]);
  });

  it('leaves a quote with no attribution unassigned rather than guessing', () => {
    const [quote] = quotesOf('The banner outside the stadium read “Never again” in red letters.');
    expect(quote?.speaker ?? null).toBeNull();
  });
});

describe('speakers resolved within the story', () => {
  function draftQuotes(body: string) {
    const draft = extractor.extract(`Test story headline\n\n${body}\n`);
    const nameOf = new Map(draft.entities.map((e) => [e.key, e.name]));
    return draft.quotes.map((q) => ({
      speaker: q.speakerKey ? nameOf.get(q.speakerKey) : null,
      label: q.speakerLabel ?? null,
      rule: q.attributedBy,
      status: q.attributionStatus,
    }));
  }

  it('finds the name after a lower-case title: “…,” said council leader NAME', () => {
    const [quote] = draftQuotes('"This will bring hundreds of jobs to the harbour," said council leader Gerald Vance.');
    expect(quote).toMatchObject({ speaker: 'Gerald Vance', rule: 'quote-then-speaker/name', status: 'CONFIDENT' });
  });

  it('resolves "they" to the organisation just named, and trusts it when that organisation was just quoted', () => {
    const quotes = draftQuotes(
      '"We will appeal the ruling," Greenpeace said in a statement on Monday.\n\nThe group has fought the pipeline for a decade. "This is not over," they said.',
    );
    expect(quotes[1]).toMatchObject({ speaker: 'Greenpeace', rule: 'quote-then-speaker/pronoun', status: 'CONFIDENT' });
  });

  it("keeps a nominal source's label without linking anyone, and leaves it unattributed", () => {
    const [quote] = draftQuotes('"The talks are close to collapse," sources said on Tuesday.');
    expect(quote).toMatchObject({ speaker: null, label: 'sources', status: 'UNATTRIBUTED' });
  });

  it('sends a pronoun that does not continue the person being quoted to review', () => {
    const quotes = draftQuotes(
      'Opposition councillor Priya Nair voted against the plan. "The roads cannot take it," she told reporters.',
    );
    expect(quotes[0]).toMatchObject({ speaker: 'Priya Nair', status: 'NEEDS_REVIEW' });
  });
});

describe('speaker tags with a parenthesis', () => {
  it('reads past a party-and-state parenthesis between the name and "said", and publishes the speaker', () => {
    const draft = extractor.extract(
      'Test story headline\n\n“It is a dog whistle to all of us,” Rep. Marta Velloso (D-Ore.) said Friday. “We will answer it.”\n',
    );
    const nameOf = new Map(draft.entities.map((e) => [e.key, e.name]));
    expect(draft.quotes).toHaveLength(2);
    for (const quote of draft.quotes) {
      expect(nameOf.get(quote.speakerKey ?? '')).toMatch(/Marta Velloso$/);
      expect(quote.attributionStatus).toBe('CONFIDENT');
    }
    expect(draft.quotes[0]!.attributedBy).toBe('quote-then-speaker/name');
  });
});

describe('voices signed with a dash', () => {
  it('gives each quote signed “…” ― Name to that name, and publishes it', () => {
    const draft = extractor.extract(
      'Test story headline\n\n“He does not understand our lives.” ― Teresa Alcantara\n\n“We are tired of being insulted.” — Jorge Mendívil, a teacher in Fresno\n',
    );
    const nameOf = new Map(draft.entities.map((e) => [e.key, e.name]));
    expect(draft.quotes.map((q) => nameOf.get(q.speakerKey ?? ''))).toEqual(['Teresa Alcantara', 'Jorge Mendívil']);
    expect(draft.quotes.map((q) => q.attributionStatus)).toEqual(['CONFIDENT', 'CONFIDENT']);
  });

  it('does not read a clause after a dash as a signature', () => {
    const draft = extractor.extract(
      'Test story headline\n\nPedro Alvarenga lamented her gaffes - "does she have to keep doing it?" - and Democrats in Ohio who watched the debate said they were unfazed.\n',
    );
    expect(draft.quotes[0]?.attributedBy).not.toMatch(/^dash-name/);
  });
});

describe('a speaker quoted on in the next sentence', () => {
  it('publishes the next quote of the same paragraph when the only other person was named in the tag itself', () => {
    const draft = extractor.extract(
      "Test story headline\n\n“The harbour will reopen in May,” port director Ilse Varga said after Tomas Brandt's remarks. “We have the money for it.”\n",
    );
    const nameOf = new Map(draft.entities.map((e) => [e.key, e.name]));
    expect(draft.quotes.map((q) => nameOf.get(q.speakerKey ?? ''))).toEqual(['Ilse Varga', 'Ilse Varga']);
    expect(draft.quotes.map((q) => q.attributionStatus)).toEqual(['CONFIDENT', 'CONFIDENT']);
  });

  it('still sends it to review when another person is named in a sentence between the quotes', () => {
    const draft = extractor.extract(
      'Test story headline\n\n“The harbour will reopen in May,” port director Ilse Varga said. Tomas Brandt disagreed. “We have the money for it.”\n',
    );
    expect(draft.quotes[1]?.attributionStatus).toBe('NEEDS_REVIEW');
  });
});
