/**
 * A thread of 2,000 replies (a tree up to 10 deep, 500 authors, ~3 reactions each): requests per
 * second of `thread(id) { replyTree { ... author, reactions } }` end to end over HTTP, as a ratio
 * of a bare baseline (node:http + pg, one hand-written statement, the same JSON).
 *
 *   node -r @swc-node/register test/bench/reply-tree.bench.ts          (embedded PostgreSQL)
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres node -r @swc-node/register test/bench/reply-tree.bench.ts
 *   npm run bench -- reply-tree
 *
 * It works on a scratch database of its own (created on DATABASE_URL's server, or on an embedded
 * PostgreSQL), dropped at the end. The API and the baseline each run in a child process; this
 * process only generates load (BENCH_CONCURRENCY closed loops, BENCH_SECONDS per server).
 */
import { fork, ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import {
  EmbeddedDatabase,
  dataSourceOptions,
  loadConfig,
  runMigrationsLocked,
  startEmbeddedPostgres,
} from '@app/core';
import { createApp } from '../../apps/api/src/bootstrap';
import { MIGRATIONS } from '../../migrations';
import { serveBare } from './reply-tree/bare';
import { seedMembers, seedReplyTree } from './reply-tree/seed';

const REPLIES = 2000;
const AUTHORS = 500;
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 4);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 6);
const ROUNDS = 3;
export const BENCH_JWT_SECRET = 'bench-secret-'.padEnd(40, 'x');

export const TREE_QUERY = `query($id: ID!) {
  thread(id: $id) {
    replyTree { id depth parentReplyId body author { handle displayName } reactions { kind count mine } }
  }
}`;

function databaseUrlFor(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function admin(serverUrl: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: databaseUrlFor(serverUrl, 'postgres') });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A migrated scratch database with the thread; answers its url and the thread's id. */
async function prepare(url: string): Promise<string> {
  const dataSource = new DataSource(dataSourceOptions(url, { migrations: MIGRATIONS }));
  await dataSource.initialize();
  try {
    await runMigrationsLocked(dataSource);
    const sql = (text: string, params?: unknown[]) => dataSource.query(text, params);
    const [asker] = await seedMembers(sql, 1, 'bench-asker');
    const [space] = await dataSource.query<Array<{ id: string }>>(
      `INSERT INTO discussion_space (slug, name, visibility) VALUES ('bench', 'Bench', 'PUBLIC')
       RETURNING id`,
    );
    const [thread] = await dataSource.query<Array<{ id: string }>>(
      `INSERT INTO discussion_thread (space_id, author_id, kind, title, body, body_html, tags)
       VALUES ($1, $2, 'QUESTION', 'How do you measure engagement?', 'Tell me.', '<p>Tell me.</p>',
               ARRAY['engagement metrics']) RETURNING id`,
      [space.id, asker],
    );
    const authors = await seedMembers(sql, AUTHORS, 'bench-author');
    await seedReplyTree(sql, thread.id, {
      replies: REPLIES,
      authors,
      maxDepth: 10,
      reactionsPerReply: 3,
    });
    await dataSource.query('ANALYZE');
    return thread.id;
  } finally {
    await dataSource.destroy();
  }
}

/** The API as production builds it (createApp), on the bench database. */
async function serveApp(url: string): Promise<number> {
  const config = {
    ...loadConfig({
      NODE_ENV: 'production',
      JWT_SECRET: BENCH_JWT_SECRET,
      LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
    }),
    databaseUrl: url,
    demoData: false,
  };
  const app = await createApp(config);
  await app.listen(0, '127.0.0.1');
  process.once('message', () => void app.close().then(() => process.exit(0)));
  return (app.getHttpServer().address() as { port: number }).port;
}

async function graphql(port: number, body: object, token?: string): Promise<Response> {
  return fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(body),
  });
}

/** A signed-in reader, so `mine` is really computed. */
async function register(port: number): Promise<string> {
  const response = await graphql(port, {
    query: `mutation($input: RegisterInput!) { register(input: $input) { accessToken } }`,
    variables: {
      input: {
        email: 'reader@bench.example',
        password: 'correct horse battery',
        displayName: 'Bench Reader',
      },
    },
  });
  const body = (await response.json()) as { data?: { register: { accessToken: string } } };
  if (!body.data) throw new Error(`register failed: ${JSON.stringify(body)}`);
  return body.data.register.accessToken;
}

async function fetchTree(port: number, threadId: string, token: string): Promise<Buffer> {
  const response = await graphql(port, { query: TREE_QUERY, variables: { id: threadId } }, token);
  const bytes = Buffer.from(await response.arrayBuffer());
  if (response.status !== 200)
    throw new Error(`HTTP ${response.status}: ${bytes.subarray(0, 300)}`);
  return bytes;
}

/** Closed loop: CONCURRENCY clients, each sending its next request when the last one answered. */
async function closedLoop(port: number, threadId: string, token: string, ms: number) {
  const end = Date.now() + ms;
  let done = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (Date.now() < end) {
        await fetchTree(port, threadId, token);
        done++;
      }
    }),
  );
  return done;
}

/** The two take turns in ROUNDS slices, so other work on the machine weighs on both alike. */
async function compare(ports: number[], threadId: string, token: string): Promise<number[]> {
  for (const port of ports) await closedLoop(port, threadId, token, 1500); // JIT, pools, caches
  const done = ports.map(() => 0);
  const seconds = ports.map(() => 0);
  for (let round = 0; round < ROUNDS; round++) {
    for (const [i, port] of ports.entries()) {
      const started = process.hrtime.bigint();
      done[i] += await closedLoop(port, threadId, token, (SECONDS * 1000) / ROUNDS);
      seconds[i] += Number(process.hrtime.bigint() - started) / 1e9;
    }
  }
  return done.map((n, i) => n / seconds[i]);
}

function start(mode: 'serve-app' | 'serve-bare', url: string) {
  const child = fork(__filename, [mode], {
    execArgv: ['-r', '@swc-node/register'],
    // As deployed (the Docker image sets it): graphql-js drops its development-only checks.
    env: { ...process.env, NODE_ENV: 'production', BENCH_DATABASE: url },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  return new Promise<{ child: ChildProcess; port: number }>((resolve, reject) => {
    child.once('message', (message) =>
      resolve({ child, port: (message as { port: number }).port }),
    );
    child.once('exit', (code) => reject(new Error(`${mode} exited with code ${code}`)));
  });
}

async function main(): Promise<void> {
  if (process.env.BENCH_KEEP_DATA === '1' && !process.env.DATABASE_URL) {
    throw new Error(
      'BENCH_KEEP_DATA needs DATABASE_URL (an embedded server is stopped at the end).',
    );
  }
  let embedded: EmbeddedDatabase | null = null;
  let embeddedDir: string | null = null;
  let serverUrl = process.env.DATABASE_URL?.trim();
  if (!serverUrl) {
    embeddedDir = mkdtempSync(join(tmpdir(), 'roundtable-bench-'));
    chmodSync(embeddedDir, 0o755); // PostgreSQL runs as `postgres` when we are root
    embedded = await startEmbeddedPostgres(embeddedDir);
    serverUrl = embedded.url;
  }
  const database = `rt_bench_tree_${process.pid}`;
  await admin(serverUrl, `CREATE DATABASE ${database}`);
  const url = databaseUrlFor(serverUrl, database);
  const servers: Array<{ child: ChildProcess; port: number }> = [];
  try {
    process.stderr.write(`reply-tree bench: seeding ${REPLIES} replies by ${AUTHORS} authors…\n`);
    const threadId = await prepare(url);
    servers.push(...(await Promise.all([start('serve-app', url), start('serve-bare', url)])));
    const [app, bare] = servers;
    const token = await register(app.port);
    const [fromApp, fromBare] = await Promise.all([
      fetchTree(app.port, threadId, token),
      fetchTree(bare.port, threadId, token),
    ]);
    const tree = (JSON.parse(fromApp.toString()) as { data: { thread: { replyTree: unknown[] } } })
      .data.thread.replyTree;
    if (
      tree.length !== REPLIES ||
      !isDeepStrictEqual(JSON.parse(fromApp.toString()), JSON.parse(fromBare.toString()))
    ) {
      throw new Error(`the baseline's JSON differs from the API's (${tree.length} replies)`);
    }
    const [api, baseline] = await compare([app.port, bare.port], threadId, token);
    console.log(
      `replyTree (${REPLIES} replies, ${(fromApp.length / 1e6).toFixed(1)} MB): ` +
        `${(api / baseline).toFixed(2)}x of bare (${api.toFixed(1)} vs ${baseline.toFixed(1)} req/s)`,
    );
  } finally {
    for (const { child } of servers) {
      child.removeAllListeners('exit');
      child.send('stop');
    }
    await Promise.all(servers.map(({ child }) => new Promise((r) => child.once('exit', r))));
    // BENCH_KEEP_DATA=1 leaves the database there, to profile or EXPLAIN afterwards.
    if (process.env.BENCH_KEEP_DATA === '1') console.log(`kept ${url}`);
    else await admin(serverUrl, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await embedded?.stop();
    if (embeddedDir) rmSync(embeddedDir, { recursive: true, force: true });
  }
}

const mode = process.argv[2];
if (mode === 'serve-app' || mode === 'serve-bare') {
  const url = process.env.BENCH_DATABASE as string;
  (mode === 'serve-app' ? serveApp(url) : serveBare(url, BENCH_JWT_SECRET)).then(
    (port) => process.send?.({ port }),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
} else if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
