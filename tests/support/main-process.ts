// Runs the real program (src/main.ts) in a child process on an embedded PostgreSQL kept in `dataDir`, and resolves
// once it prints the URL it serves.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export const PROJECT_ROOT = path.resolve(import.meta.dirname, '../..');

export interface MainProcess {
  child: ChildProcess;
  url: string;
  output: () => string;
}

export function startMainProcess(dataDir: string): Promise<MainProcess> {
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0', EMBEDDED_DATA_DIR: dataDir, NODE_ENV: 'production', LOG_LEVEL: 'info' };
  delete env.DATABASE_URL;
  delete env.NODE_OPTIONS;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { cwd: PROJECT_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = output.match(/ready at (http:\/\/\S+\/graphql)/);
      if (match) resolve({ child, url: match[1], output: () => output });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`server exited with ${code} before it was ready:\n${output}`)));
  });
}
