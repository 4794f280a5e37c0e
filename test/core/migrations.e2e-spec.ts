import { randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { DataSource, getMetadataArgsStorage } from 'typeorm';
import { dataSourceOptions, runMigrationsLocked } from '@app/core';
import { MIGRATIONS } from '../../migrations';
import { databaseUrlFor } from '../support/database-url';

const ROOT = resolve(__dirname, '..', '..');

/** Every `*.entity.ts` under libs/<lib>/src, so a new domain's entities are checked too. */
function entityFiles(dir = join(ROOT, 'libs'), depth = 0): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      // libs/<lib>/src/** only.
      return depth === 1 && entry.name !== 'src' ? [] : entityFiles(path, depth + 1);
    }
    return depth >= 2 && entry.name.endsWith('.entity.ts') ? [path] : [];
  });
}

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's type for entity classes
type EntityClass = Function;

/** The classes a file exports that TypeORM registered with @Entity. */
function entitiesIn(file: string): EntityClass[] {
  const exported = Object.values(require(file) as Record<string, unknown>);
  const registered = new Set(getMetadataArgsStorage().tables.map((table) => table.target));
  return exported.filter(
    (value): value is EntityClass => typeof value === 'function' && registered.has(value),
  );
}

function allEntities(): EntityClass[] {
  return [...new Set(entityFiles().flatMap(entitiesIn))];
}

/** Runs `sql` on the server's maintenance database. */
async function onServer(sql: string): Promise<void> {
  const client = new Client({
    connectionString: databaseUrlFor(process.env.DATABASE_URL, 'postgres'),
  });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

describe('migrations from an empty database', () => {
  const databases: string[] = [];
  const dataSources: DataSource[] = [];

  /** A new, empty database (named after this process, so a crashed run's is swept later). */
  async function emptyDatabase(): Promise<string> {
    const name = `rt_t_${process.pid}_m${randomBytes(4).toString('hex')}`;
    await onServer(`CREATE DATABASE ${name}`);
    databases.push(name);
    return name;
  }

  /** A DataSource with every entity of every library and every migration. */
  async function dataSourceOn(database: string): Promise<DataSource> {
    const dataSource = new DataSource(
      dataSourceOptions(databaseUrlFor(process.env.DATABASE_URL, database), {
        entities: allEntities(),
        migrations: MIGRATIONS,
      }),
    );
    dataSources.push(dataSource);
    return dataSource.initialize();
  }

  afterAll(async () => {
    for (const dataSource of dataSources) {
      if (dataSource.isInitialized) await dataSource.destroy();
    }
    for (const database of databases)
      await onServer(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  });

  it('finds the entities of every library', () => {
    const files = entityFiles();
    expect(files).toEqual(
      expect.arrayContaining([
        join(ROOT, 'libs/core/src/accounts/account.entity.ts'),
        join(ROOT, 'libs/core/src/auth/auth-session.entity.ts'),
      ]),
    );
    // Each file declares at least one entity (else the export filter above is wrong).
    expect(files.filter((file) => entitiesIn(file).length === 0)).toEqual([]);
    expect(allEntities().map((entity) => entity.name)).toEqual(
      expect.arrayContaining(['AccountEntity', 'AuthSessionEntity', 'PasswordResetEntity']),
    );
  });

  it('creates every table, and the entities agree with the migrated schema', async () => {
    const dataSource = await dataSourceOn(await emptyDatabase());
    const applied = await runMigrationsLocked(dataSource);
    expect(applied).toHaveLength(MIGRATIONS.length);

    const rows: Array<{ table_name: string }> = await dataSource.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`,
    );
    const tables = rows.map((row) => row.table_name);
    const entityTables = dataSource.entityMetadatas.map((metadata) => metadata.tableName);
    expect(tables).toEqual(
      expect.arrayContaining(['account', 'auth_session', 'password_reset', 'migrations']),
    );
    const missing = entityTables.filter((table) => !tables.includes(table));
    if (missing.length) {
      throw new Error(
        `No migration creates these entities' tables: ${missing.join(', ')} ` +
          '(npm run migration:generate -- Name, then review it).',
      );
    }

    const diff = await dataSource.driver.createSchemaBuilder().log();
    const pending = diff.upQueries.map((query) => query.query);
    if (pending.length) {
      throw new Error(
        'The entities and the migrated schema disagree: a migration is missing or differs ' +
          '(npm run migration:generate -- Name, then review it). TypeORM would run:\n' +
          pending.join(';\n'),
      );
    }

    // Running them again changes nothing.
    expect(await runMigrationsLocked(dataSource)).toEqual([]);
  });

  it('lets two nodes migrate one database at once: the lock serialises them', async () => {
    const database = await emptyDatabase();
    const first = await dataSourceOn(database);
    const second = await dataSourceOn(database);
    const results = await Promise.all([runMigrationsLocked(first), runMigrationsLocked(second)]);
    const lengths = results.map((applied) => applied.length).sort((a, b) => a - b);
    expect(lengths).toEqual([0, MIGRATIONS.length]);
    const rows: Array<{ count: string }> = await first.query(
      'SELECT count(*) AS count FROM migrations',
    );
    expect(Number(rows[0].count)).toBe(MIGRATIONS.length);
  });
});
