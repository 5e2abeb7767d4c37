// What the GraphiQL examples show beside the sample story: a live blog of the run-up to the visit, the story in French
// and German linked as its translations, and the desk credited on them (an author page). Each is written through the
// repository functions the mutations use, once: a sample whose slug is taken is left as it stands, so running the
// seed again duplicates nothing and keeps an editor's changes.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { createArticle } from '../src/article/article-mutations.repository.ts';
import { createArticleSchema, parseInput } from '../src/article/article-mutations.input.ts';
import type { RevisionAuthor } from '../src/article/article-writer.ts';
import { createAuthor, setArticleAuthors } from '../src/author/author-mutations.repository.ts';
import type { Database } from '../src/db/client.ts';
import type { AuthorRole } from '../src/generated/prisma/enums.ts';
import { addLiveEntry } from '../src/live-blog/live-blog-mutations.repository.ts';
import { addLiveEntrySchema } from '../src/live-blog/live-blog.input.ts';
import { linkTranslation } from '../src/translation/translation.repository.ts';

const SEED_DIR = path.dirname(fileURLToPath(import.meta.url));
const SEED_AUTHOR: RevisionAuthor = { apiKeyId: null, editor: 'seed' };

/** The desk credited on the companions: AUTHOR of the live blog, TRANSLATOR of the translations. */
const SAMPLE_DESK = {
  name: 'World Desk',
  slug: 'world-desk',
  jobTitle: 'International news desk',
  bio: 'Follows international stories as they develop, in live blogs, and translates them for readers in French and German.',
};

/**
 * createArticle inputs of the translations: the headline, standfirst and first paragraphs, with the entities and quote
 * given (matched to the original's entities by Wikidata ID or name), since extraction reads English only.
 */
const TRANSLATION_FILES = ['lukashenko-china-visit.fr.json', 'lukashenko-china-visit.de.json'];
const LIVE_BLOG_FILE = 'lukashenko-china-visit.live.json';

interface LiveBlogFile {
  /** A createArticle input. */
  article: unknown;
  /** Oldest first, as they were posted. */
  entries: Array<{ postedAt: string; headline: string; text: string; isKeyEvent?: boolean; pinned?: boolean }>;
}

function readSeedFile<T>(name: string): T {
  return JSON.parse(readFileSync(path.join(SEED_DIR, name), 'utf8')) as T;
}

export interface SampleCompanion {
  slug: string;
  articleId: string;
  /** False when the slug was taken: nothing was written. */
  created: boolean;
}

export interface SampleCompanions {
  liveBlog: SampleCompanion;
  translations: SampleCompanion[];
}

/** The desk's id: found by its slug (or a slug it had before an editor renamed it), else created. */
async function seedDesk(db: Database): Promise<string> {
  const found =
    (await db.prisma.author.findUnique({ where: { slug: SAMPLE_DESK.slug }, select: { id: true } }))?.id ??
    (await db.prisma.authorSlugRedirect.findUnique({ where: { slug: SAMPLE_DESK.slug }, select: { authorId: true } }))
      ?.authorId;
  return found ?? (await createAuthor(db, SAMPLE_DESK)).authorId;
}

/** Creates the article of a createArticle `input` credited to `authorId` in `role`, unless its slug is taken. */
async function seedArticle(db: Database, input: unknown, authorId: string, role: AuthorRole): Promise<SampleCompanion> {
  const values = parseInput(createArticleSchema, input, 'input');
  const slug = values.slug as string;
  const existing = await db.prisma.article.findUnique({ where: { slug }, select: { id: true } });
  if (existing) return { slug, articleId: existing.id, created: false };
  const { articleId } = await createArticle(db, values, SEED_AUTHOR);
  await setArticleAuthors(db, articleId, [{ authorId, role }], null, SEED_AUTHOR);
  return { slug, articleId, created: true };
}

/** The live blog, its entries (each at the time of what it reports) and the translations of the story `storyId`. */
export async function seedSampleCompanions(db: Database, storyId: string): Promise<SampleCompanions> {
  const deskId = await seedDesk(db);
  const live = readSeedFile<LiveBlogFile>(LIVE_BLOG_FILE);
  const liveBlog = await seedArticle(db, live.article, deskId, 'AUTHOR');
  if (liveBlog.created) {
    for (const { postedAt, ...entry } of live.entries)
      await addLiveEntry(db, liveBlog.articleId, {
        ...parseInput(addLiveEntrySchema, entry, 'input'),
        author: SAMPLE_DESK.name,
        postedAt: new Date(postedAt),
      });
  }
  const translations: SampleCompanion[] = [];
  for (const file of TRANSLATION_FILES) {
    const translation = await seedArticle(db, readSeedFile(file), deskId, 'TRANSLATOR');
    if (translation.created) await linkTranslation(db, translation.articleId, storyId);
    translations.push(translation);
  }
  return { liveBlog, translations };
}
