import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..');

/** The API started from source the way a developer would, in a process of its own. */
export interface ServerProcess {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code (or the signal that ended it). */
  exited: Promise<number | string>;
  /** SIGKILLs the server if it is still running (for `finally` blocks). */
  kill(): void;
}

/** `node -r @swc-node/register apps/api/src/main.ts` from the repo root, with `env` only. */
export function spawnServer(env: NodeJS.ProcessEnv): ServerProcess {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/api/src/main.ts'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | string>((resolveExit) =>
    child.once('exit', (code, signal) => resolveExit(code ?? signal ?? 'unknown')),
  );
  return {
    child,
    stdout: () => stdout,
    stderr: () => stderr,
    exited,
    kill: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}

/** process.env without the variables a test wants to control, plus `set`. */
export function serverEnv(unset: string[], set: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of unset) delete env[name];
  return { ...env, ...set };
}

export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

/** Polls GET /health until 200; fails early if the server exits. */
export async function waitForHealth(url: string, server: ServerProcess, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (server.child.exitCode !== null) {
      throw new Error(
        `the server exited with code ${server.child.exitCode} before it was ready:\n` +
          server.stderr().slice(-3000) +
          server.stdout().slice(-3000),
      );
    }
    try {
      if ((await fetch(`${url}/health`)).status === 200) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((wait) => setTimeout(wait, 250));
  }
  throw new Error(`the server was not ready within ${ms} ms:\n${server.stdout().slice(-3000)}`);
}

/** Ids of the PostgreSQL server processes whose data dir is under `dataDir`. */
export function postgresPids(dataDir: string): number[] {
  try {
    // `[p]` matches "postgres" but not this pattern itself (in a shell or a process list).
    const out = execFileSync('pgrep', ['-f', `[p]ostgres -D ${dataDir}`], { encoding: 'utf8' });
    return out
      .split('\n')
      .filter(Boolean)
      .map((pid) => Number(pid));
  } catch {
    return []; // pgrep exits 1 when nothing matches
  }
}
