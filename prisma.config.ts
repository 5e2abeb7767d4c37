import path from 'node:path';
import { defineConfig } from 'prisma/config';

// Prisma's CLI insists on a native schema-engine binary (downloaded at first use) before `generate`, although
// `generate` itself runs on Wasm. Offline, point the documented override at a stub; migrations run through
// src/db/migrate.ts (the Wasm schema engine). An explicitly set variable still wins.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.join(import.meta.dirname, 'prisma/no-schema-engine.mjs');

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
});
