// The data source the TypeORM CLI loads (`scripts/migration.js` passes it with -d): every entity
// of every library, and the migrations in the order migrations/index.ts gives them.
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../libs/core/src/database/data-source-options';
import { MIGRATIONS } from '../migrations';

const url = process.env.DATABASE_URL;
if (!url) {
  throw new Error(
    'scripts/data-source.ts needs DATABASE_URL; `npm run migration:generate` and ' +
      '`npm run migration:run` set it (starting the embedded PostgreSQL when it is unset).',
  );
}

export default new DataSource(
  dataSourceOptions(url, {
    entities: [join(__dirname, '..', 'libs', '*', 'src', '**', '*.entity.ts')],
    migrations: MIGRATIONS,
  }),
);
