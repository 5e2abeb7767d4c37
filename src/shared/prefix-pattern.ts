/** `LIKE` pattern matching `text` literally (lowercased) at the start: name searches of authors and tags. */
export function prefixPattern(text: string): string {
  return `${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
