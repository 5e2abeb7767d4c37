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

/** The sample's section and tags as records, with the names and types a desk would give them. */
const SAMPLE_SECTIONS = [{ slug: 'news', name: 'News' }];
const SAMPLE_TAGS = [
  { slug: 'belarus', name: 'Belarus', type: 'PLACE' },
  { slug: 'china', name: 'China', type: 'PLACE' },
  { slug: 'russia-ukraine-war', name: 'Russia-Ukraine war', type: 'EVENT' },
  { slug: 'diplomacy', name: 'Diplomacy', type: 'TOPIC' },
];

/** Creates the sample's section and tags unless they exist (an editor's renames are kept). */
async function seedSampleTaxonomy(prisma: PrismaClient): Promise<void> {
  await prisma.$executeRaw`
    INSERT INTO "Section" (id, slug, name, "updatedAt")
    SELECT gen_random_uuid(), s.slug, s.name, now() FROM json_to_recordset(${JSON.stringify(SAMPLE_SECTIONS)}::json) AS s(slug text, name text)
    ON CONFLICT (slug) DO NOTHING`;
  await prisma.$executeRaw`
    INSERT INTO "Tag" (id, slug, name, type, "updatedAt")
    SELECT gen_random_uuid(), t.slug, t.name, t.type::"TagType", now() FROM json_to_recordset(${JSON.stringify(SAMPLE_TAGS)}::json) AS t(slug text, name text, type text)
    ON CONFLICT (slug) DO NOTHING`;
}

/** A `home` collection holding the sample story, unless it exists with items (an editor's front is kept). */
async function seedHomeCollection(prisma: PrismaClient, articleId: string): Promise<void> {
  await prisma.$executeRaw`
    INSERT INTO "Collection" (id, slug, name, description)
    VALUES (gen_random_uuid(), 'home', 'Home page', 'The stories at the top of the home page, in order.')
    ON CONFLICT (slug) DO NOTHING`;
  await prisma.$executeRaw`
    INSERT INTO "CollectionItem" ("collectionId", position, "articleId")
    SELECT c.id, 0, ${articleId}::uuid FROM "Collection" c
     WHERE c.slug = 'home' AND NOT EXISTS (SELECT 1 FROM "CollectionItem" ci WHERE ci."collectionId" = c.id)`;
}

export async function seedSampleArticle(prisma: PrismaClient): Promise<PersistResult> {
  await seedSampleTaxonomy(prisma);
  const result = await persistArticleDraft(prisma, loadSampleDraft(), { onExisting: 'replace', editor: 'seed' });
  await seedHomeCollection(prisma, result.articleId);
  return result;
}

/**
 * The raw story through the extraction pipeline, as `npm run ingest -- --publish` would store it, with the metadata
 * an editor adds (section, tags, byline, publication time: the text does not say them). Same slug as the JSON version, so it
 * replaces that one in place.
 */
export async function seedSampleFromText(prisma: PrismaClient): Promise<PersistResult> {
  const { ingestStory } = await import('../src/ingest/ingest.service.ts');
  const { section, tags, publishedAt, byline } = loadSampleDraft();
  await seedSampleTaxonomy(prisma);
  const result = await ingestStory(prisma, readFileSync(SAMPLE_TEXT_PATH, 'utf8'), {
    metadata: { section, tags, publishedAt, byline },
    publish: true,
    editor: 'seed',
  });
  await seedHomeCollection(prisma, result.articleId);
  return result;
}
