// npm run apikey -- create --role editor --name "desk" | revoke <id or prefix> | list
// Works on DATABASE_URL or the embedded database, like the server.
import { parseArgs } from 'node:util';

import { openDatabaseFromEnv } from '../db/runtime.ts';
import type { ViewerRole } from '../context.ts';
import { createApiKey, listApiKeys, revokeApiKey } from './api-key.repository.ts';

const USAGE = `Usage:
  npm run apikey -- create --role reader|editor|admin --name "<who uses it>"
  npm run apikey -- revoke <key id or prefix>
  npm run apikey -- list`;

async function run(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { role: { type: 'string' }, name: { type: 'string' } },
  });
  const [command, target] = positionals;
  if (!command || !['create', 'revoke', 'list'].includes(command)) {
    console.error(USAGE);
    return 2;
  }
  let role: ViewerRole | undefined;
  if (command === 'create') {
    role = values.role?.toUpperCase() as ViewerRole | undefined;
    if (!role || !['READER', 'EDITOR', 'ADMIN'].includes(role) || !values.name?.trim()) {
      console.error(USAGE);
      return 2;
    }
  }
  if (command === 'revoke' && !target) {
    console.error(USAGE);
    return 2;
  }
  const db = await openDatabaseFromEnv();
  try {
    if (command === 'create') {
      const created = await createApiKey(db.prisma, { name: values.name!, role: role! });
      console.log(`Created ${created.role} key "${created.name}" (id ${created.id}, prefix ${created.prefix}).`);
      console.log('Store it now; it is not shown again:');
      console.log(created.key);
    } else if (command === 'revoke') {
      const revoked = await revokeApiKey(db.prisma, target!);
      console.log(`Revoked ${revoked.role} key "${revoked.name}" (id ${revoked.id}, prefix ${revoked.prefix}).`);
    } else {
      const keys = await listApiKeys(db.prisma);
      if (!keys.length) console.log('No API keys.');
      for (const k of keys) {
        const state = k.revokedAt ? `revoked ${k.revokedAt.toISOString()}` : 'live';
        console.log(
          `${k.prefix}…  ${k.role.padEnd(6)}  ${state.padEnd(33)}  last used ${k.lastUsedAt?.toISOString() ?? 'never'}  ${k.name}  (${k.id})`,
        );
      }
    }
    return 0;
  } catch (error) {
    console.error((error as Error).message);
    return 1;
  } finally {
    await db.close();
  }
}

// The migration engine leaves a timer behind: exit explicitly.
run(process.argv.slice(2)).then((code) => process.exit(code));
