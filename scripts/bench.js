#!/usr/bin/env node
// `npm run bench [-- name...]`: runs every benchmark in test/bench/ (each .ts/.js file at its top
// level; helpers go in a subfolder), one after the other, each on a fresh migrated database that
// is dropped afterwards. A .ts file runs through `node -r @swc-node/register`. Arguments keep
// only the files whose names contain one of them (`npm run bench -- search`).
//
// With DATABASE_URL set, the databases are created on that PostgreSQL server; without it, on an
// embedded PostgreSQL in a temporary folder, stopped and removed at the end.
'use strict';

const { spawn } = require('node:child_process');
const { chmodSync, mkdtempSync, readdirSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join, resolve } = require('node:path');

const ROOT = resolve(__dirname, '..');
const BENCH_DIR = join(ROOT, 'test', 'bench');
const BENCH_FILE = /\.(ts|js|cjs|mjs)$/;

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

function databaseUrlFor(url, database) {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function admin(serverUrl, sql) {
  const { Client } = require('pg');
  const client = new Client({ connectionString: databaseUrlFor(serverUrl, 'postgres') });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A new database on the server, migrated like the server migrates at start. */
async function createMigratedDatabase(serverUrl, name) {
  await admin(serverUrl, `CREATE DATABASE ${name}`);
  const url = databaseUrlFor(serverUrl, name);
  const { DataSource } = require('typeorm');
  const { dataSourceOptions } = requireTs(
    join(ROOT, 'libs', 'core', 'src', 'database', 'data-source-options.ts'),
  );
  const { runMigrationsLocked } = requireTs(
    join(ROOT, 'libs', 'core', 'src', 'database', 'migrator.ts'),
  );
  const { MIGRATIONS } = requireTs(join(ROOT, 'migrations', 'index.ts'));
  const dataSource = new DataSource(dataSourceOptions(url, { migrations: MIGRATIONS }));
  await dataSource.initialize();
  try {
    await runMigrationsLocked(dataSource);
  } finally {
    await dataSource.destroy();
  }
  return url;
}

let child = null;
let embedded = null;
let embeddedDir = null;

async function stopEmbedded() {
  const database = embedded;
  embedded = null;
  if (database) await database.stop();
  if (embeddedDir) rmSync(embeddedDir, { recursive: true, force: true });
  embeddedDir = null;
}

function run(file, env) {
  const args = file.endsWith('.ts') ? ['-r', '@swc-node/register', file] : [file];
  return new Promise((resolveRun) => {
    child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: 'inherit' });
    child.once('exit', (code, signal) => {
      child = null;
      resolveRun(signal ? 1 : (code ?? 1));
    });
  });
}

async function main() {
  const filters = process.argv.slice(2);
  const files = readdirSync(BENCH_DIR, { withFileTypes: true })
    .filter((entry) => entry.isFile() && BENCH_FILE.test(entry.name))
    .map((entry) => entry.name)
    .filter((name) => filters.length === 0 || filters.some((filter) => name.includes(filter)))
    .sort();
  if (files.length === 0) {
    console.error(`No benchmark in ${BENCH_DIR}${filters.length ? ` matching ${filters}` : ''}.`);
    process.exit(1);
  }

  let serverUrl = process.env.DATABASE_URL?.trim();
  if (!serverUrl) {
    const { startEmbeddedPostgres } = requireTs(
      join(ROOT, 'libs', 'core', 'src', 'database', 'embedded-postgres.ts'),
    );
    embeddedDir = mkdtempSync(join(tmpdir(), 'roundtable-bench-'));
    chmodSync(embeddedDir, 0o755); // PostgreSQL runs as `postgres` when we are root
    console.log('Starting an embedded PostgreSQL (DATABASE_URL is not set)');
    embedded = await startEmbeddedPostgres(embeddedDir);
    serverUrl = embedded.url;
  }

  let failed = 0;
  try {
    for (const [index, name] of files.entries()) {
      const database = `rt_bench_${process.pid}_${index}`;
      console.log(`\n# ${name}`);
      const url = await createMigratedDatabase(serverUrl, database);
      try {
        const code = await run(join(BENCH_DIR, name), { ...process.env, DATABASE_URL: url });
        if (code !== 0) {
          failed++;
          console.error(`${name} failed (exit code ${code})`);
        }
      } finally {
        await admin(serverUrl, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      }
    }
  } finally {
    await stopEmbedded();
  }
  process.exit(failed ? 1 : 0);
}

for (const [signal, code] of [
  ['SIGINT', 130],
  ['SIGTERM', 143],
]) {
  process.once(signal, () => {
    child?.kill(signal);
    stopEmbedded().finally(() => process.exit(code));
  });
}

main().catch(async (error) => {
  console.error(error);
  await stopEmbedded();
  process.exit(1);
});
