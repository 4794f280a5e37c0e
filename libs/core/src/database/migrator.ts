import { DataSource } from 'typeorm';

/** Arbitrary constant: every Roundtable node takes the same lock before migrating. */
const MIGRATION_LOCK_KEY = 727_274_001;

/**
 * Runs pending migrations under a session-level advisory lock, so replicas that start together
 * migrate one after the other (typeorm takes no lock of its own).
 */
export async function runMigrationsLocked(dataSource: DataSource): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      return applied.map((migration) => migration.name);
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await runner.release();
  }
}
