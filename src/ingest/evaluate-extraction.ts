// npm run eval:extract [-- --verbose] [--extractor NAME] [--eval-dev DIR] [--conll-errors] [--polnear-train]
// Scores the extractor on the annotated stories in tests/fixtures/extraction and the public development corpora, then
// measures speed on each (wall-clock and CPU time). Fixture sets:
//   dev/        rules were written while reading these
//   heldout/    written and committed before the rules; scored blind once (heldout-first-frozen-run.txt), after
//               which its errors were read and generic fixes made, so its numbers are no longer blind
//   heldout-2/  written after the rules were frozen and committed before being scored (heldout-2-first-frozen-run.txt);
//               two generic fixes and the organisation/place, name, role and pronoun work later read its errors
//   heldout-3/  written and committed before that work, scored once with it frozen (heldout-3-first-frozen-run.txt)
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import { conllStoryText, evaluateConll, formatConllRun, parseConll, resolveEvalDevDir } from './evaluation/conll.ts';
import {
  emptyConfidentScore,
  formatConfidentAttribution,
  scoreConfidentAttribution,
} from './evaluation/confident-attribution.ts';
import { formatPolnear, loadPolnear, scorePolnear } from './evaluation/polnear.ts';
import { averageWords, formatSpeed, measureSpeed } from './evaluation/speed.ts';
import { createExtractor } from './extractor.ts';
import {
  addCounts,
  emptyCounts,
  precisionRecallF1,
  scoreStory,
  type Counts,
  type GoldStory,
  type StoryScore,
} from './score-extraction.ts';

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'tests', 'fixtures', 'extraction');
const SETS = ['dev', 'heldout', 'heldout-2', 'heldout-3'] as const;
const SET_TITLES: Record<(typeof SETS)[number], string> = {
  dev: 'DEV (rules written while reading these)',
  heldout: 'HELD-OUT A (blind on first run only; errors read afterwards)',
  'heldout-2': 'HELD-OUT B (blind on first run only; errors read afterwards)',
  'heldout-3': 'HELD-OUT C (written before the organisation/place and pronoun fixes; blind on first run only)',
};

const { values } = parseArgs({
  options: {
    verbose: { type: 'boolean', short: 'v' },
    extractor: { type: 'string' },
    'eval-dev': { type: 'string' },
    'conll-errors': { type: 'boolean' },
    'polnear-train': { type: 'boolean' },
  },
});
const extractor = createExtractor(values.extractor);

interface Story {
  set: string;
  name: string;
  text: string;
  gold: GoldStory;
}

function loadStories(): Story[] {
  const stories: Story[] = [];
  for (const set of SETS) {
    const dir = path.join(FIXTURES, set);
    for (const file of readdirSync(dir)
      .filter((f) => f.endsWith('.txt'))
      .sort()) {
      const name = file.slice(0, -4);
      stories.push({
        set,
        name,
        text: readFileSync(path.join(dir, file), 'utf8'),
        gold: JSON.parse(readFileSync(path.join(dir, `${name}.gold.json`), 'utf8')) as GoldStory,
      });
    }
  }
  return stories;
}

const pct = (x: number) => (x * 100).toFixed(0).padStart(3);
const prf = (c: Counts) => {
  const { p, r, f } = precisionRecallF1(c);
  return `${pct(p)}/${pct(r)}/${pct(f)}`;
};
const fraction = (x: { correct: number; total: number }) => (x.total ? `${x.correct}/${x.total}` : '–');

const HEADER = [
  'story'.padEnd(30),
  'entities P/R/F',
  ' person F',
  '   org F',
  ' place F',
  ' quote span P/R/F',
  'quote+speaker P/R/F',
  '   roles P/R/F',
  'kind',
  'media',
];
function row(name: string, s: StoryScore): string {
  return [
    name.slice(0, 30).padEnd(30),
    prf(s.entities.ALL).padStart(14),
    pct(precisionRecallF1(s.entities.PERSON).f).padStart(9),
    pct(precisionRecallF1(s.entities.ORGANIZATION).f).padStart(8),
    pct(precisionRecallF1(s.entities.PLACE).f).padStart(8),
    prf(s.quoteSpans).padStart(17),
    prf(s.quoteSpeakers).padStart(19),
    prf(s.roles).padStart(15),
    fraction(s.quoteKinds).padStart(5),
    fraction(s.media).padStart(6),
  ].join(' ');
}

function sum(scores: StoryScore[]): StoryScore {
  const total: StoryScore = {
    entities: { PERSON: emptyCounts(), ORGANIZATION: emptyCounts(), PLACE: emptyCounts(), ALL: emptyCounts() },
    quoteSpans: emptyCounts(),
    quoteSpeakers: emptyCounts(),
    roles: emptyCounts(),
    quoteKinds: { correct: 0, total: 0 },
    media: { correct: 0, total: 0 },
    errors: [],
  };
  for (const s of scores) {
    for (const type of ['PERSON', 'ORGANIZATION', 'PLACE', 'ALL'] as const)
      total.entities[type] = addCounts(total.entities[type], s.entities[type]);
    total.quoteSpans = addCounts(total.quoteSpans, s.quoteSpans);
    total.quoteSpeakers = addCounts(total.quoteSpeakers, s.quoteSpeakers);
    total.roles = addCounts(total.roles, s.roles);
    total.quoteKinds.correct += s.quoteKinds.correct;
    total.quoteKinds.total += s.quoteKinds.total;
    total.media.correct += s.media.correct;
    total.media.total += s.media.total;
  }
  return total;
}

const stories = loadStories();
console.log(
  `extractor: ${extractor.name}    cells: precision/recall/F1 in %, entities counted once per story (micro-averaged totals)\n`,
);
for (const set of SETS) {
  const inSet = stories.filter((s) => s.set === set);
  console.log(`${SET_TITLES[set]} — ${inSet.length} stories`);
  console.log(HEADER.join(' '));
  const confident = emptyConfidentScore();
  const scores = inSet.map((story) => {
    const draft = extractor.extract(story.text);
    scoreConfidentAttribution(draft, story.gold, confident);
    const score = scoreStory(draft, story.gold);
    console.log(row(story.name, score));
    if (values.verbose) for (const error of score.errors) console.log(`      ${error}`);
    return score;
  });
  const total = sum(scores);
  console.log(row(`OVERALL ${set}`, total));
  const typed = addCounts(addCounts(total.entities.PERSON, total.entities.ORGANIZATION), total.entities.PLACE);
  console.log(
    `  entities with the right type P/R/F: ${prf(typed)}  (person ${prf(total.entities.PERSON)}  organisation ${prf(total.entities.ORGANIZATION)}  place ${prf(total.entities.PLACE)})`,
  );
  console.log(`${formatConfidentAttribution(confident)}\n`);
}

// Speed: extraction alone, one process, after warm-up; best of three rounds (other work on the machine only ever
// slows a round down), wall-clock and CPU time.
const speedLines = ['speed (extraction only, one process, best of 3 rounds after a warm-up pass):'];
const fixtureTexts = stories.map((story) => story.text);
speedLines.push(formatSpeed('fixtures', measureSpeed(extractor, fixtureTexts), averageWords(fixtureTexts)));

// Public development corpora (dev and train splits only; see ../shared/eval-dev/README.md), read where they lie:
// --eval-dev, NEWSGRAPH_EVAL_DEV or ../shared/eval-dev beside the checkout.
const evalDev = resolveEvalDevDir(values['eval-dev'], path.join(FIXTURES, '..', '..', '..'));
if (evalDev) {
  console.log(
    `\n${formatConllRun(evaluateConll(extractor, path.join(evalDev, 'conll-2003', 'eng.testa')), values['conll-errors'])}`,
  );
  for (const split of values['polnear-train'] ? (['dev', 'train'] as const) : (['dev'] as const))
    console.log(`\n${formatPolnear(split, scorePolnear(extractor, loadPolnear(evalDev, split)))}`);
  const conllTexts = parseConll(readFileSync(path.join(evalDev, 'conll-2003', 'eng.testa'), 'utf8')).map(
    conllStoryText,
  );
  speedLines.push(formatSpeed('CoNLL-2003 dev', measureSpeed(extractor, conllTexts), averageWords(conllTexts)));
  const polnearTexts = loadPolnear(evalDev, 'dev').map((doc) => doc.text);
  speedLines.push(formatSpeed('PolNeAR dev', measureSpeed(extractor, polnearTexts), averageWords(polnearTexts)));
} else console.log('\nCoNLL-2003 and PolNeAR: no eval-dev folder (pass --eval-dev DIR or set NEWSGRAPH_EVAL_DEV)');
console.log(`\n${speedLines.join('\n')}`);
