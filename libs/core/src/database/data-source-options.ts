import { DataSourceOptions } from 'typeorm';
import { SnakeNamingStrategy } from './snake-naming.strategy';
import { useFastTimestampParser } from './timestamp-parser';

/** Shared by the server, the migration CLI and the tests; migrations never run implicitly. */
export function dataSourceOptions(
  url: string,
  extra: Partial<DataSourceOptions> = {},
): DataSourceOptions {
  useFastTimestampParser(); // for every pg client of the process; installing twice is harmless
  return {
    type: 'postgres',
    url,
    synchronize: false,
    migrationsRun: false,
    uuidExtension: 'pgcrypto',
    namingStrategy: new SnakeNamingStrategy(),
    // No JIT: PostgreSQL compiles a plan whose *estimated* cost passes jit_above_cost, and a
    // 2,000-reply tree's estimate (its per-row subplans, overestimated) does: ~50 ms of LLVM
    // compilation for a statement that runs in ~20. Our statements are short reads and writes.
    extra: { max: 10, application_name: 'roundtable', options: '-c jit=off' },
    ...extra,
  } as DataSourceOptions;
}
