// The sample wire story, as its hand-checked structured version (seed/lukashenko-china-visit.json), or the raw text
// (seed/lukashenko-china-visit.txt) through the extraction pipeline.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import type { ArticleDraft } from '../src/article/article-draft.ts';
import { persistArticleDraft, type PersistResult } from '../src/article/article-writer.ts';
import type { PrismaClient } from '../src/db/client.ts';

const SEED_DIR = path.dirname(fileURLToPath(import.meta.url));
export const SAMPLE_TEXT_PATH = path.join(SEED_DIR, 'lukashenko-china-visit.txt');
export const SAMPLE_DRAFT_PATH = path.join(SEED_DIR, 'lukashenko-china-visit.json');

export function loadSampleDraft(): ArticleDraft {
  return JSON.parse(readFileSync(SAMPLE_DRAFT_PATH, 'utf8')) as ArticleDraft;
}

export function seedSampleArticle(prisma: PrismaClient): Promise<PersistResult> {
  return persistArticleDraft(prisma, loadSampleDraft(), { onExisting: 'replace', editor: 'seed' });
}

/**
 * The raw story through the extraction pipeline, as `npm run ingest -- --publish` would store it, with the metadata
 * an editor adds (section, tags, publication time: the text does not say them). Same slug as the JSON version, so it
 * replaces that one in place.
 */
export async function seedSampleFromText(prisma: PrismaClient): Promise<PersistResult> {
  const { ingestStory } = await import('../src/ingest/ingest.service.ts');
  const { section, tags, publishedAt } = loadSampleDraft();
  return ingestStory(prisma, readFileSync(SAMPLE_TEXT_PATH, 'utf8'), {
    metadata: { section, tags, publishedAt },
    publish: true,
    editor: 'seed',
  });
}
