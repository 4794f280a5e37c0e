import { Client } from 'pg';
import type { EmbeddedDatabase } from '../../libs/core/src/database/embedded-postgres';
import { databaseUrlFor } from './database-url';

export default async function globalTeardown(): Promise<void> {
  const template = process.env.ROUNDTABLE_TEST_TEMPLATE;
  if (template && process.env.DATABASE_URL) {
    const admin = new Client({
      connectionString: databaseUrlFor(process.env.DATABASE_URL, 'postgres'),
    });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
    await admin.end();
  }
  await (globalThis as { __embedded?: EmbeddedDatabase }).__embedded?.stop();
}
