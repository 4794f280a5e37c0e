import { chmod, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
// globalSetup runs outside jest's module map: relative imports of the few files it needs.
import { dataSourceOptions } from '../../libs/core/src/database/data-source-options';
import { startEmbeddedPostgres } from '../../libs/core/src/database/embedded-postgres';
import { runMigrationsLocked } from '../../libs/core/src/database/migrator';
import { MIGRATIONS } from '../../migrations';
import { databaseUrlFor } from './database-url';

/**
 * One PostgreSQL for the run: DATABASE_URL's, or an embedded one. It gets a migrated template
 * database that every suite clones (CREATE DATABASE ... TEMPLATE), which is fast and isolated.
 */
export default async function globalSetup(): Promise<void> {
  if (!process.env.DATABASE_URL) {
    const dir = await mkdtemp(join(tmpdir(), 'roundtable-test-'));
    await chmod(dir, 0o755);
    const embedded = await startEmbeddedPostgres(dir);
    (globalThis as { __embedded?: typeof embedded }).__embedded = embedded;
    process.env.DATABASE_URL = embedded.url;
    process.env.ROUNDTABLE_TEST_EMBEDDED = '1';
  }
  const template = `rt_template_${process.pid}`;
  const admin = new Client({
    connectionString: databaseUrlFor(process.env.DATABASE_URL, 'postgres'),
  });
  await admin.connect();
  await dropLeftovers(admin);
  await admin.query(`DROP DATABASE IF EXISTS ${template}`);
  await admin.query(`CREATE DATABASE ${template}`);
  await admin.end();

  const dataSource = new DataSource(
    dataSourceOptions(databaseUrlFor(process.env.DATABASE_URL, template), {
      migrations: MIGRATIONS,
    }),
  );
  await dataSource.initialize();
  await runMigrationsLocked(dataSource);
  await dataSource.destroy();
  process.env.ROUNDTABLE_TEST_TEMPLATE = template;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Databases of earlier runs that crashed: their owner process (named in them) is gone. */
async function dropLeftovers(admin: Client): Promise<void> {
  const { rows } = await admin.query<{ datname: string }>(
    `SELECT datname FROM pg_database WHERE datname ~ '^rt_(t|template)_[0-9]+'`,
  );
  for (const { datname } of rows) {
    const pid = Number(/^rt_(?:t|template)_(\d+)/.exec(datname)?.[1]);
    if (pid && !isAlive(pid)) await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
  }
}
