// npm run ingest -- --dry-run --json story.txt      extracted draft as JSON, no database
// npm run ingest -- [--publish] story.txt folder/     extract and store (DATABASE_URL or the embedded database)
// npm run ingest -- --embargo-until 2026-12-08T06:00:00Z story.txt    stored SCHEDULED, published by the server then
// Options: --extractor NAME (default: rules, or NEWSGRAPH_EXTRACTOR); --any-extension to accept a file named
// explicitly whatever its extension. Folders contribute their .txt, .text, .md and .ninjs.json files (recursively);
// a file named explicitly may also be any .json file. A file holding a JSON object is read as a ninjs 3.1 document.
// A bad file is reported and skipped; the others still load; the exit code is 1 when any file failed.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import cliProgress from 'cli-progress';

import type { ArticleDraft } from '../article/article-draft.ts';
import type { PrismaClient } from '../db/client.ts';
import { ingestNinjs, looksLikeJson, ninjsDraft, parseNinjs } from '../formats/ninjs/ninjs-ingest.ts';
import { readNinjsStory } from '../formats/ninjs/ninjs-story.ts';
import { slugify } from '../shared/slug.ts';
import { createExtractor, type Extractor } from './extractor.ts';
import { extractStory, ingestStory, type IngestOptions, type IngestResult } from './ingest.service.ts';

/** Extensions of story files: what a folder contributes, and what a named file may have without --any-extension. */
export const STORY_EXTENSIONS = ['.txt', '.text', '.md'] as const;

/** ninjs documents a folder contributes; a file named explicitly may be any `.json` file. */
const NINJS_FOLDER_EXTENSION = '.ninjs.json';

/** A file's story stored: a ninjs document when the file holds a JSON object, else a plain-text story. */
function ingestText(prisma: PrismaClient, text: string, options: IngestOptions): Promise<IngestResult> {
  return looksLikeJson(text) ? ingestNinjs(prisma, parseNinjs(text), options) : ingestStory(prisma, text, options);
}

/** A file's draft, extracted without storing it (--dry-run). */
function draftOfText(text: string, options: Pick<IngestOptions, 'extractor' | 'origin'>): ArticleDraft {
  if (!looksLikeJson(text)) return extractStory(text, options);
  const story = readNinjsStory(parseNinjs(text));
  return ninjsDraft(story, { ...options, slug: slugify(story.headline) || 'ninjs-item' });
}

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
      needsReview: q.attributionStatus !== undefined && q.attributionStatus !== 'CONFIDENT',
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

/** A command-line input that is not loaded, and why. */
export interface RefusedInput {
  file: string;
  reason: string;
}

const isStoryFile = (file: string) =>
  [...STORY_EXTENSIONS, NINJS_FOLDER_EXTENSION].some((ext) => file.toLowerCase().endsWith(ext));

/** The story files named by `inputs`: folders give their story files (sorted); a named file must be a story file. */
export function storyFiles(
  inputs: string[],
  options: { anyExtension?: boolean } = {},
): { files: string[]; refused: RefusedInput[] } {
  const files: string[] = [];
  const refused: RefusedInput[] = [];
  for (const input of inputs) {
    let isDirectory: boolean;
    try {
      isDirectory = statSync(input).isDirectory();
    } catch {
      refused.push({ file: input, reason: 'no such file or folder' });
      continue;
    }
    if (isDirectory) {
      for (const entry of readdirSync(input, { recursive: true, encoding: 'utf8' }).sort()) {
        if (isStoryFile(entry) && statSync(path.join(input, entry)).isFile()) files.push(path.join(input, entry));
      }
    } else if (options.anyExtension || isStoryFile(input) || input.toLowerCase().endsWith('.json')) files.push(input);
    else
      refused.push({
        file: input,
        reason: `not a story file (${STORY_EXTENSIONS.join(', ')}); pass --any-extension to load it anyway`,
      });
  }
  return { files, refused };
}

/** How one file fared: stored (created, updated or unchanged) or failed with a message. */
export type LoadOutcome =
  | {
      file: string;
      ok: true;
      outcome: 'created' | 'updated' | 'unchanged';
      slug: string;
      articleId: string;
      found: { entities: number; quotes: number; media: number };
    }
  | { file: string; ok: false; error: string };

/** Extracts and stores each file in its own transaction; a failing file does not stop the others. */
export async function loadStoryFiles(
  prisma: PrismaClient,
  files: string[],
  options: {
    publish?: boolean;
    /** A wire embargo for every file (ISO-8601): see IngestMetadata.embargoUntil. */
    embargoUntil?: string;
    extractor?: Extractor;
    onFile?: (file: string, outcome: LoadOutcome) => void;
  } = {},
): Promise<LoadOutcome[]> {
  const outcomes: LoadOutcome[] = [];
  for (const file of files) {
    let outcome: LoadOutcome;
    try {
      const result = await ingestText(prisma, readFileSync(file, 'utf8'), {
        publish: options.publish,
        metadata: options.embargoUntil ? { embargoUntil: options.embargoUntil } : undefined,
        extractor: options.extractor,
        origin: file,
        editor: 'ingest',
      });
      outcome = {
        file,
        ok: true,
        outcome: result.created ? 'created' : result.unchanged ? 'unchanged' : 'updated',
        slug: result.slug,
        articleId: result.articleId,
        found: result.found,
      };
    } catch (error) {
      outcome = { file, ok: false, error: (error as Error).message };
    }
    outcomes.push(outcome);
    options.onFile?.(file, outcome);
  }
  return outcomes;
}

function describe(outcome: LoadOutcome): string {
  if (!outcome.ok) return `${outcome.file}: FAILED — ${outcome.error}`;
  const { entities, quotes, media } = outcome.found;
  return `${outcome.file}: ${outcome.outcome} ${outcome.slug} — ${entities} entities, ${quotes} quotes, ${media} media`;
}

function dryRun(extractor: Extractor, files: string[], json: boolean): number {
  let failures = 0;
  const results: unknown[] = [];
  for (const file of files) {
    try {
      const draft = draftOfText(readFileSync(file, 'utf8'), { extractor, origin: file });
      if (json) results.push({ file, ...summarizeDraft(draft), draft });
      else
        console.log(
          `${file}: ${draft.entities.length} entities, ${draft.quotes.length} quotes, ${draft.media.length} media — ${draft.headline}`,
        );
    } catch (error) {
      failures++;
      console.error(`${file}: FAILED — ${(error as Error).message}`);
    }
  }
  if (json && results.length) console.log(JSON.stringify(results.length === 1 ? results[0] : results, null, 2));
  return failures;
}

async function load(
  extractor: Extractor,
  files: string[],
  options: { publish: boolean; embargoUntil?: string },
): Promise<number> {
  const { openDatabaseFromEnv } = await import('../db/runtime.ts');
  const db = await openDatabaseFromEnv((line) => console.error(line));
  const bar =
    files.length > 1 && process.stderr.isTTY
      ? new cliProgress.SingleBar(
          { format: 'ingest [{bar}] {value}/{total} {file}', clearOnComplete: false },
          cliProgress.Presets.shades_classic,
        )
      : null;
  bar?.start(files.length, 0, { file: '' });
  let outcomes: LoadOutcome[];
  try {
    outcomes = await loadStoryFiles(db.prisma, files, {
      ...options,
      extractor,
      onFile: (file) => bar?.increment({ file: path.basename(file) }),
    });
  } finally {
    bar?.stop();
    await db.close();
  }
  for (const outcome of outcomes) (outcome.ok ? console.log : console.error)(describe(outcome));
  return outcomes.filter((o) => !o.ok).length;
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      'dry-run': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      publish: { type: 'boolean', default: false },
      'any-extension': { type: 'boolean', default: false },
      extractor: { type: 'string' },
      'embargo-until': { type: 'string' },
    },
  });
  const embargoUntil = values['embargo-until'];
  if (embargoUntil !== undefined && Number.isNaN(Date.parse(embargoUntil))) {
    console.error(`--embargo-until: "${embargoUntil}" is not an ISO-8601 date-time (2026-12-08T06:00:00Z).`);
    return 2;
  }
  if (positionals.length === 0) {
    console.error(
      'usage: npm run ingest -- [--dry-run [--json]] [--publish] [--embargo-until ISO-8601] [--any-extension] [--extractor NAME] <story.txt|item.json|folder>...',
    );
    return 2;
  }
  const extractor = createExtractor(values.extractor);
  const { files, refused } = storyFiles(positionals, { anyExtension: values['any-extension'] });
  for (const { file, reason } of refused) console.error(`${file}: REFUSED — ${reason}`);
  if (files.length === 0) {
    console.error(`No story files (${STORY_EXTENSIONS.join(', ')}) to load.`);
    return 2;
  }
  const failures = values['dry-run']
    ? dryRun(extractor, files, values.json)
    : await load(extractor, files, { publish: values.publish, embargoUntil });
  const bad = failures + refused.length;
  if (bad) console.error(`${bad} of ${files.length + refused.length} file(s) failed.`);
  return bad ? 1 : 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: Error) => {
      console.error(`ingest failed: ${error.message}`);
      process.exit(1);
    },
  );
}
