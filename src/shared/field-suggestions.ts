// graphql-js's "Did you mean …?" hints in validation and coercion errors. They help a developer in GraphiQL, and they
// map the schema for someone probing it with misspelt names: shown in development, removed in production. Removed in
// the error formatter, which HTTP and WebSocket answers share, so no transport leaks them.

const SUGGESTION = /\s*Did you mean [^?]*\?/g;

/** The message without any "Did you mean …?" hint. */
export function withoutFieldSuggestions(message: string): string {
  return message.replace(SUGGESTION, '');
}
