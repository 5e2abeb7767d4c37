/** `LIKE` pattern matching `text` literally (lowercased) at the start: name searches (entities, authors, tags) and search's prefix matches. */
export function prefixPattern(text: string): string {
  return `${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
