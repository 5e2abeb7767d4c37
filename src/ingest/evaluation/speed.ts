// Extraction speed on one corpus, in one process: wall-clock and CPU-time stories per second after a warm-up pass.
// On a shared machine wall-clock time also counts the time other processes held the core; CPU time (user + system of
// this process) does not. CPU time also counts V8's garbage-collector helper threads, so on an idle machine the
// wall-clock figure can be the higher one; the CPU-time figure is the one that stays put under load.
import type { Extractor } from '../extractor.ts';

export interface SpeedFigure {
  stories: number;
  wallStoriesPerSecond: number;
  cpuStoriesPerSecond: number;
}

/** Best of three rounds, each at least one pass over the texts and at least `minimumMs` long. */
export function measureSpeed(extractor: Extractor, texts: string[], minimumMs = 1000): SpeedFigure {
  for (const text of texts) extractor.extract(text);
  let wallBest = 0;
  let cpuBest = 0;
  for (let round = 0; round < 3; round++) {
    let extracted = 0;
    const cpuStarted = process.cpuUsage();
    const started = performance.now();
    do {
      for (const text of texts) extractor.extract(text);
      extracted += texts.length;
    } while (performance.now() - started < minimumMs);
    const wallSeconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuStarted);
    wallBest = Math.max(wallBest, extracted / wallSeconds);
    cpuBest = Math.max(cpuBest, extracted / ((cpu.user + cpu.system) / 1e6));
  }
  return { stories: texts.length, wallStoriesPerSecond: wallBest, cpuStoriesPerSecond: cpuBest };
}

export const formatSpeed = (corpus: string, s: SpeedFigure, wordsPerStory: number) =>
  `  ${corpus.padEnd(16)} ${s.wallStoriesPerSecond.toFixed(0).padStart(5)} stories/s wall-clock, ${s.cpuStoriesPerSecond.toFixed(0).padStart(5)} stories/s of CPU time ` +
  `(${s.stories} stories, ${wordsPerStory.toFixed(0)} words each on average)`;

export const averageWords = (texts: string[]) =>
  texts.reduce((n, text) => n + text.split(/\s+/).length, 0) / Math.max(1, texts.length);
