// Ingest's authors: the people a printed byline names ("By MALUM NALU", "John Smith and Jane Doe"), each found by
// name among the authors or created, credited as the article's AUTHORs. Agency and desk bylines ("News Agencies",
// "Reuters staff") name no person and stay the printed byline (docs/decisions/derived-byline.md).
import type { TransactionClient } from '../article/article-writer.ts';
import { newRowId } from '../db/ids.ts';
import { slugify } from '../shared/slug.ts';

/** Words that make a byline part an organisation or a desk, not a person (the migration uses the same list). */
const NOT_A_PERSON =
  /(agenc|news|reuters|press|\bafp\b|\bap\b|staff|desk|wire|bureau|correspondent|reporters|service|media|team|online|times|post\b|tass|xinhua|bloomberg|\bbbc\b|\bcnn\b)/i;
/** Two to four words of letters (with dots, apostrophes, hyphens): "Malum Nalu", "J. R. Smith", "Mary O'Neill". */
const PERSON_NAME = /^\p{L}[\p{L}.'’-]*(?:\s+\p{L}[\p{L}.'’-]*){1,3}$/u;
/** People one byline may credit; a longer list is more likely a sentence than a byline. */
const MAX_BYLINE_PEOPLE = 6;
/** Numbered slugs tried when an author's slug is taken by someone else of the same slug ("john-smith-2"). */
const MAX_SLUG_SUFFIX = 50;

/** "MALUM NALU" → "Malum Nalu"; names in mixed case stay as written. */
function displayName(name: string): string {
  if (name !== name.toUpperCase()) return name;
  return name
    .toLowerCase()
    .replace(/(^|[\s'’-])(\p{L})/gu, (_, before: string, letter: string) => before + letter.toUpperCase());
}

/** The people a byline names, in order, each once; none for agency bylines. */
export function bylinePeople(byline: string | null | undefined): string[] {
  if (!byline) return [];
  const parts = byline
    .trim()
    .replace(/^by\s+/i, '')
    .split(/\s*(?:,|&|\band\b)\s*/i)
    .map((part) => part.trim().replace(/\s+/g, ' '));
  const people = parts.filter((part) => PERSON_NAME.test(part) && !NOT_A_PERSON.test(part)).map(displayName);
  return [...new Set(people)].slice(0, MAX_BYLINE_PEOPLE);
}

/** The author with this name (case-insensitive), or a new one with a free slug. */
async function authorNamed(tx: TransactionClient, name: string): Promise<string> {
  const [known] = await tx.$queryRaw<Array<{ id: string }>>`
    SELECT id FROM "Author" WHERE lower(name) = lower(${name}) ORDER BY "createdAt", id LIMIT 1`;
  if (known) return known.id;
  const base = slugify(name);
  for (let suffix = 1; suffix <= MAX_SLUG_SUFFIX; suffix += 1) {
    const slug = suffix === 1 ? base : `${base}-${suffix}`;
    const [created] = await tx.$queryRaw<Array<{ id: string }>>`
      INSERT INTO "Author" (id, slug, name, "updatedAt")
      SELECT ${newRowId()}::uuid, ${slug}, ${name}, now()
       WHERE NOT EXISTS (SELECT 1 FROM "AuthorSlugRedirect" WHERE slug = ${slug})
      ON CONFLICT (slug) DO NOTHING RETURNING id`;
    if (created) return created.id;
  }
  throw new Error(`No free slug for the author "${name}" after ${MAX_SLUG_SUFFIX} tries.`);
}

/**
 * Makes the people of the byline the article's AUTHOR credits, in byline order (other roles are kept): ingest
 * stores the story as its text says it, byline included. Runs in the article writer's transaction.
 */
export async function creditBylineAuthors(
  tx: TransactionClient,
  articleId: string,
  byline: string | null | undefined,
): Promise<void> {
  const people = bylinePeople(byline);
  const authorIds: string[] = [];
  for (const name of people) authorIds.push(await authorNamed(tx, name));
  await tx.articleAuthor.deleteMany({ where: { articleId, role: 'AUTHOR' } });
  if (authorIds.length)
    await tx.articleAuthor.createMany({
      data: [...new Set(authorIds)].map((authorId, position) => ({ articleId, authorId, role: 'AUTHOR', position })),
    });
}
