import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../libs/core/src/database/data-source-options';
import { MIGRATIONS } from '../../migrations';

async function main() {
  const admin = new Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/postgres' });
  await admin.connect();
  await admin.query('DROP DATABASE IF EXISTS rt_notif_diff');
  await admin.query('CREATE DATABASE rt_notif_diff');
  const ds = new DataSource(
    dataSourceOptions('postgres://postgres@127.0.0.1:5432/rt_notif_diff', {
      migrations: MIGRATIONS,
      entities: [__dirname + '/../../libs/*/src/**/*.entity.ts'],
    }),
  );
  await ds.initialize();
  await ds.runMigrations({ transaction: 'each' });
  console.log(ds.entityMetadatas.map((m) => m.tableName).join(','));
  const log = await ds.driver.createSchemaBuilder().log();
  console.log(JSON.stringify(log.upQueries.map((q) => q.query), null, 2));
  // down then up again
  for (let i = 0; i < MIGRATIONS.length; i++) await ds.undoLastMigration();
  await ds.runMigrations();
  await ds.destroy();
  await admin.query('DROP DATABASE rt_notif_diff WITH (FORCE)');
  await admin.end();
}
void main();
