#!/usr/bin/env node
// Migrations from the command line (plain CommonJS: no build step needed).
//
//   npm run migration:generate -- Name   diff the entities against the database and write
//                                        migrations/<timestamp>-Name.ts, then list it in
//                                        migrations/index.ts
//   npm run migration:run                apply pending migrations (under the same advisory lock
//                                        the server takes at start)
//
// With DATABASE_URL set they work on that PostgreSQL. Without it they start the embedded
// PostgreSQL in DATA_DIR (default ./.data, the same database `npm start` uses) and stop it after.
'use strict';

const { spawn } = require('node:child_process');
const { existsSync, readFileSync, readdirSync, writeFileSync } = require('node:fs');
const { join, relative, resolve } = require('node:path');

const ROOT = resolve(__dirname, '..');
const MIGRATIONS_DIR = join(ROOT, 'migrations');
const INDEX_FILE = join(MIGRATIONS_DIR, 'index.ts');
const DATA_SOURCE = join(ROOT, 'scripts', 'data-source.ts');
const TYPEORM_CLI = join(ROOT, 'node_modules', 'typeorm', 'cli.js');
const MIGRATION_FILE = /^(\d{13,})-([A-Za-z][A-Za-z0-9]*)\.ts$/;
// The embedded server's fixed credentials (libs/core/src/database/embedded-postgres.ts).
const EMBEDDED_PASSWORD = 'roundtable';
const EMBEDDED_DATABASE = 'roundtable';

const USAGE = `Usage:
  npm run migration:generate -- Name   (Name in PascalCase, e.g. MemberProfiles)
  npm run migration:run`;

/** An error whose message is all the user needs: printed without a stack. */
class UserError extends Error {}

function envValue(name) {
  const value = process.env[name];
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

// Resolved like the server does (libs/core/src/config/app-config.ts): against the current folder.
const DATA_DIR = resolve(envValue('DATA_DIR') ?? './.data');

let tsLoaded = false;
/** Lets this process require the TypeScript sources (tsconfig paths honoured). */
function requireTs(file) {
  if (!tsLoaded) {
    process.chdir(ROOT); // @swc-node/register reads ./tsconfig.json
    require('@swc-node/register');
    tsLoaded = true;
  }
  return require(file);
}

// ---------------------------------------------------------------------------------------------
// The database: DATABASE_URL's, or the embedded one in DATA_DIR for the duration of the command.

/** The running postgres that holds `databaseDir`, if any: {pid, port}. */
function runningPostgres(databaseDir) {
  const pidFile = join(databaseDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return null;
  const lines = readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(lines[0]);
  if (!Number.isInteger(pid) || pid <= 0) return null;
  try {
    process.kill(pid, 0);
  } catch (error) {
    if (error.code !== 'EPERM') return null; // stale pid file: PostgreSQL cleans it up itself
  }
  return { pid, port: Number(lines[3]) || null };
}

let embedded = null;
let starting = null; // the embedded start in progress: a signal then waits for it, to stop it
let child = null;

async function withDatabase(work) {
  const url = envValue('DATABASE_URL');
  if (url) {
    if (!/^postgres(ql)?:\/\//.test(url)) {
      throw new UserError('DATABASE_URL must be a URL starting with postgres:// or postgresql://');
    }
    return work(url);
  }
  const databaseDir = join(DATA_DIR, 'postgres');
  const running = runningPostgres(databaseDir);
  if (running) {
    const hint = running.port
      ? `\nOr point this command at it: DATABASE_URL=postgres://postgres:${EMBEDDED_PASSWORD}` +
        `@127.0.0.1:${running.port}/${EMBEDDED_DATABASE}`
      : '';
    throw new UserError(
      `The embedded PostgreSQL in ${databaseDir} is in use (postgres pid ${running.pid}), ` +
        'most likely by a running Roundtable server. Stop the server first (it applies pending ' +
        `migrations itself when it starts).${hint}`,
    );
  }
  const { startEmbeddedPostgres } = requireTs(
    join(ROOT, 'libs', 'core', 'src', 'database', 'embedded-postgres.ts'),
  );
  const log = [];
  console.log(`Starting the embedded PostgreSQL in ${databaseDir} (DATABASE_URL is not set)`);
  try {
    starting = startEmbeddedPostgres(DATA_DIR, (line) => log.push(line));
    embedded = await starting;
  } catch (error) {
    if (log.length) console.error(log.slice(-20).join('\n'));
    throw new UserError(error.message);
  }
  try {
    return await work(embedded.url);
  } finally {
    await stopEmbedded();
  }
}

async function stopEmbedded() {
  const database = embedded;
  embedded = null;
  if (database) await database.stop();
}

let stopping = false;
for (const [signal, code] of [
  ['SIGINT', 130],
  ['SIGTERM', 143],
]) {
  process.once(signal, () => {
    console.error(`\n${signal}: stopping`);
    stopping = true;
    child?.kill(signal);
    Promise.resolve(starting)
      .then(
        (database) => (embedded ??= database ?? null),
        () => undefined,
      )
      .then(stopEmbedded)
      .finally(() => process.exit(code));
  });
}
// Once stopping, connections that PostgreSQL's shutdown cuts are expected, not a crash to report.
process.on('uncaughtException', (error) => {
  if (stopping) return;
  console.error(error);
  process.exit(1);
});

/** The data source of scripts/data-source.ts, initialised on `url`. */
async function openDataSource(url) {
  process.env.DATABASE_URL = url;
  const dataSource = requireTs(DATA_SOURCE).default;
  await dataSource.initialize();
  return dataSource;
}

// ---------------------------------------------------------------------------------------------
// migrations/index.ts

function migrationFiles() {
  return readdirSync(MIGRATIONS_DIR)
    .map((file) => ({ file, match: MIGRATION_FILE.exec(file) }))
    .filter(({ match }) => match)
    .map(({ file, match }) => {
      const source = readFileSync(join(MIGRATIONS_DIR, file), 'utf8');
      const exported = /export\s+class\s+([A-Za-z_$][\w$]*)/.exec(source);
      if (!exported) throw new UserError(`migrations/${file} exports no class`);
      return { file, timestamp: Number(match[1]), className: exported[1] };
    })
    .sort((a, b) => a.timestamp - b.timestamp || a.file.localeCompare(b.file));
}

function indexSource(migrations) {
  const imports = migrations.map(
    ({ file, className }) => `import { ${className} } from './${file.replace(/\.ts$/, '')}';`,
  );
  return [
    '// Every migration, in order. `npm run migration:generate -- Name` rewrites this list.',
    ...imports,
    '',
    `export const MIGRATIONS = [${migrations.map((m) => m.className).join(', ')}];`,
    '',
  ].join('\n');
}

async function formatFiles(files) {
  const prettier = require('prettier');
  for (const file of files) {
    const options = (await prettier.resolveConfig(file)) ?? {};
    const source = readFileSync(file, 'utf8');
    writeFileSync(file, await prettier.format(source, { ...options, filepath: file }));
  }
}

/** Rewrites migrations/index.ts from the files present; true when it changed. */
async function writeIndex() {
  const before = existsSync(INDEX_FILE) ? readFileSync(INDEX_FILE, 'utf8') : '';
  writeFileSync(INDEX_FILE, indexSource(migrationFiles()));
  await formatFiles([INDEX_FILE]);
  return readFileSync(INDEX_FILE, 'utf8') !== before;
}

// ---------------------------------------------------------------------------------------------
// Commands

async function run() {
  await withDatabase(async (url) => {
    const dataSource = await openDataSource(url);
    try {
      const { runMigrationsLocked } = requireTs(
        join(ROOT, 'libs', 'core', 'src', 'database', 'migrator.ts'),
      );
      const applied = await runMigrationsLocked(dataSource);
      if (applied.length === 0) {
        console.log('No pending migrations: the schema is up to date.');
      } else {
        for (const name of applied) console.log(`Applied ${name}`);
        console.log(`${applied.length} migration(s) applied.`);
      }
    } finally {
      await dataSource.destroy();
    }
  });
}

function runCli(args, env) {
  return new Promise((resolvePromise, reject) => {
    let output = '';
    child = spawn(process.execPath, ['-r', '@swc-node/register', TYPEORM_CLI, ...args], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      child = null;
      resolvePromise({ code: code ?? (signal ? 1 : 0), output });
    });
  });
}

async function generate(name) {
  if (!name || !/^[A-Z][A-Za-z0-9]*$/.test(name)) {
    throw new UserError(
      `${name ? `"${name}" is not a migration name. ` : ''}Give a name in PascalCase ` +
        `(letters and digits), e.g. npm run migration:generate -- MemberProfiles`,
    );
  }
  // A deleted draft migration must not leave index.ts importing a missing file.
  if (await writeIndex()) console.log('migrations/index.ts was out of date: rewritten first.');

  const existing = migrationFiles();
  // Keep the order of files and timestamps the same even if this clock is behind the last one.
  const timestamp = Math.max(Date.now(), ...existing.map((m) => m.timestamp + 1));

  const written = await withDatabase(async (url) => {
    const dataSource = await openDataSource(url);
    let pending;
    try {
      const { MigrationExecutor } = require('typeorm');
      pending = await new MigrationExecutor(dataSource).getPendingMigrations();
    } finally {
      await dataSource.destroy();
    }
    if (pending.length) {
      throw new UserError(
        `The database is behind migrations/: ${pending.map((m) => m.name).join(', ')} ` +
          'not applied yet. A migration generated now would repeat them. Run ' +
          '`npm run migration:run` first (or delete a draft migration you mean to regenerate).',
      );
    }

    const { code, output } = await runCli(
      [
        'migration:generate',
        `migrations/${name}`,
        '--dataSource',
        relative(ROOT, DATA_SOURCE),
        '--timestamp',
        String(timestamp),
      ],
      { ...process.env, DATABASE_URL: url, FORCE_COLOR: '0' },
    );
    const file = join(MIGRATIONS_DIR, `${timestamp}-${name}.ts`);
    if (/No changes in database schema were found/.test(output) && !existsSync(file)) {
      return null;
    }
    if (code !== 0 || !existsSync(file)) {
      process.stderr.write(output);
      throw new UserError('typeorm migration:generate failed (its output is above).');
    }
    return file;
  });

  if (!written) {
    console.log('No changes: the entities match the database schema. No migration was written.');
    return;
  }
  await writeIndex();
  await formatFiles([written]);
  console.log(`Wrote ${relative(ROOT, written)} and listed it in migrations/index.ts.`);
  console.log(
    'Review it (name constraints and indexes, add data changes), then apply it with ' +
      '`npm run migration:run` or by starting the server.',
  );
}

async function main() {
  const [command, ...rest] = process.argv.slice(2);
  if (command === 'run' && rest.length === 0) return run();
  if (command === 'generate' && rest.length <= 1) return generate(rest[0]);
  console.error(USAGE);
  process.exitCode = 64;
}

main().catch(async (error) => {
  if (stopping) return; // the signal handler stops PostgreSQL and exits
  await stopEmbedded().catch(() => undefined);
  console.error(error instanceof UserError ? error.message : error);
  process.exit(1);
});
