// npm run ingest -- --dry-run --json story.txt      extracted draft as JSON, no database
// npm run ingest -- [--publish] story.txt folder/     extract and store (DATABASE_URL or the embedded database)
// Options: --extractor NAME (default: rules, or NEWSGRAPH_EXTRACTOR). A bad file is reported and skipped; the
// others still load; the exit code is 1 when any file failed.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

import cliProgress from 'cli-progress';

import type { ArticleDraft } from '../article/article-draft.ts';
import { createExtractor, type Extractor } from './extractor.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    'dry-run': { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
    publish: { type: 'boolean', default: false },
    extractor: { type: 'string' },
  },
});

/** The reader-facing summary of a draft: entities, quotes with speaker names, media. */
export function summarizeDraft(draft: ArticleDraft) {
  const nameOf = new Map(draft.entities.map((e) => [e.key, e.name] as const));
  return {
    headline: draft.headline,
    slug: draft.slug,
    entities: draft.entities.map((e) => ({
      name: e.name,
      type: e.type,
      aliases: e.aliases ?? [],
      role: e.role ?? null,
      ...(draft.mentions.some((m) => m.entityKey === e.key && m.isMetonymy) ? { metonymy: e.description ?? true } : {}),
    })),
    quotes: draft.quotes.map((q) => ({
      text: q.text,
      kind: q.kind,
      speaker: q.speakerKey ? (nameOf.get(q.speakerKey) ?? null) : null,
      confidence: q.confidence ?? null,
      rule: q.attributedBy ?? null,
    })),
    media: draft.media.map((m) => ({
      kind: m.kind,
      url: m.url,
      caption: m.caption ?? null,
      altText: m.altText ?? null,
      credit: m.credit,
      depicts: m.depicts.map((key) => nameOf.get(key) ?? key),
    })),
  };
}

function storyFiles(inputs: string[]): string[] {
  const files: string[] = [];
  for (const input of inputs) {
    if (statSync(input).isDirectory()) {
      for (const entry of readdirSync(input, { recursive: true, encoding: 'utf8' }).sort()) {
        if (entry.endsWith('.txt')) files.push(path.join(input, entry));
      }
    } else files.push(input);
  }
  return files;
}

function extractFile(extractor: Extractor, file: string): ArticleDraft {
  return extractor.extract(readFileSync(file, 'utf8'), { origin: file });
}

async function dryRun(extractor: Extractor, files: string[]): Promise<number> {
  let failures = 0;
  const results: unknown[] = [];
  for (const file of files) {
    try {
      const draft = extractFile(extractor, file);
      if (values.json) results.push({ file, ...summarizeDraft(draft), draft });
      else console.log(`${file}: ${draft.entities.length} entities, ${draft.quotes.length} quotes, ${draft.media.length} media — ${draft.headline}`);
    } catch (error) {
      failures++;
      console.error(`${file}: ${(error as Error).message}`);
    }
  }
  if (values.json) console.log(JSON.stringify(results.length === 1 ? results[0] : results, null, 2));
  return failures;
}

async function load(extractor: Extractor, files: string[]): Promise<number> {
  const [{ openDatabaseFromEnv }, { persistArticleDraft }] = await Promise.all([import('../db/runtime.ts'), import('../article/article-writer.ts')]);
  const db = await openDatabaseFromEnv((line) => console.error(line));
  const bar = files.length > 1 ? new cliProgress.SingleBar({ format: 'ingest [{bar}] {value}/{total} {file}', clearOnComplete: false }, cliProgress.Presets.shades_classic) : null;
  const report: string[] = [];
  let failures = 0;
  bar?.start(files.length, 0, { file: '' });
  try {
    for (const file of files) {
      bar?.update({ file: path.basename(file) });
      try {
        const draft = extractFile(extractor, file);
        const result = await persistArticleDraft(db.prisma, draft, { onExisting: 'replace', editor: 'ingest', ...(values.publish ? { status: 'PUBLISHED' as const } : {}) });
        const outcome = result.created ? 'created' : result.unchanged ? 'unchanged' : 'updated';
        report.push(`${file}: ${outcome} ${result.slug} — ${draft.entities.length} entities, ${draft.quotes.length} quotes, ${draft.media.length} media`);
      } catch (error) {
        failures++;
        report.push(`${file}: FAILED — ${(error as Error).message}`);
      }
      bar?.increment();
    }
  } finally {
    bar?.stop();
    await db.close();
  }
  for (const line of report) (line.includes(': FAILED') ? console.error : console.log)(line);
  return failures;
}

async function main(): Promise<number> {
  if (positionals.length === 0) {
    console.error('usage: npm run ingest -- [--dry-run [--json]] [--publish] [--extractor NAME] <file.txt|folder>...');
    return 2;
  }
  const extractor = createExtractor(values.extractor);
  const files = storyFiles(positionals);
  if (files.length === 0) {
    console.error('No .txt stories found.');
    return 2;
  }
  const failures = values['dry-run'] ? await dryRun(extractor, files) : await load(extractor, files);
  if (failures) console.error(`${failures} of ${files.length} file(s) failed.`);
  return failures ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(`ingest failed: ${error.message}`);
    process.exit(1);
  },
);
