// Runs the real programs in child processes: the server (src/main.ts) on an embedded PostgreSQL kept in `dataDir`,
// resolved once it prints the URL it serves, and the CLIs (`npm run apikey` and the like) beside it.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export const PROJECT_ROOT = path.resolve(import.meta.dirname, '../..');

export interface MainProcess {
  child: ChildProcess;
  url: string;
  output: () => string;
}

export interface ProcessOptions {
  /** The checkout to run from (default: this one). */
  cwd?: string;
  env?: NodeJS.ProcessEnv;
}

function programEnv(dataDir: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: '0',
    EMBEDDED_DATA_DIR: dataDir,
    NODE_ENV: 'production',
    LOG_LEVEL: 'info',
    ...extra,
  };
  delete env.DATABASE_URL;
  delete env.NODE_OPTIONS;
  return env;
}

export function startMainProcess(dataDir: string, options: ProcessOptions = {}): Promise<MainProcess> {
  const env = programEnv(dataDir, options.env);
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: options.cwd ?? PROJECT_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
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

/** Runs a CLI script (such as `src/auth/apikey-cli.ts`) on the same embedded data directory; resolves when it ends. */
export function runCli(
  script: string,
  args: string[],
  dataDir: string,
  options: ProcessOptions = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', script, ...args],
      { cwd: options.cwd ?? PROJECT_ROOT, env: programEnv(dataDir, options.env) },
      (error, stdout, stderr) =>
        resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** Sends SIGTERM and resolves with the exit code. */
export function stopProcess(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve(child.exitCode);
    child.once('exit', (code) => resolve(code));
    child.kill('SIGTERM');
  });
}
