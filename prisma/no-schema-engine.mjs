#!/usr/bin/env node
// Stand-in for Prisma's native schema-engine binary, which cannot be downloaded offline.
// `prisma generate` only needs a file here; migrations run through `npm run db:migrate*` (Wasm engine).
if (process.argv.includes('--version')) {
  console.log('schema-engine-cli offline-stub');
  process.exit(0);
}
const message =
  'The native Prisma schema engine is not available offline. Use `npm run db:migrate:create -- <name>`, `npm run db:migrate`, `npm run db:migrate:status`.';
console.error('schema-engine offline stub');
console.error(JSON.stringify({ level: 'ERROR', fields: { message } }));
process.exit(1);
