/**
 * Search over 100,000 generated reply-like documents: requests/second of `search` end to end over
 * HTTP, as a ratio of a bare baseline (node:http + pg running the same SQL, writing the same JSON).
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/scratch node -r @swc-node/register test/bench/search.bench.ts
 *   (or `npm run bench`, which gives each benchmark a fresh migrated database)
 *
 * The API and the baseline each run in a child process; this process only generates load
 * (BENCH_CONCURRENCY closed loops, BENCH_SECONDS per server and term), so both meet the same client.
 */
import { fork, ChildProcess } from 'node:child_process';
import { createServer, IncomingMessage } from 'node:http';
import { isDeepStrictEqual } from 'node:util';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions, loadConfig, runMigrationsLocked } from '@app/core';
import { SearchRow, searchStatement } from '@app/search';
import { createApp } from '../../apps/api/src/bootstrap';
import { MIGRATIONS } from '../../migrations';

const DOCUMENTS = 100_000;
const SPACE = 'bench-search';
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 6);
const ROUNDS = 3;
const FIRST = 20;
const TERMS = {
  // About 1 document in 1,000 (and a few titles) carries it.
  selective: 'zeitgeist',
  // About 4 documents in 10 carry it.
  common: 'engagement',
};

const VOCABULARY = `ARRAY['community','members','moderation','onboarding','metrics','retention',
  'churn','forum','events','champions','ambassadors','roi','dashboard','feedback','volunteers',
  'governance','conflict','welcome','newcomers','superusers','discord','slack','platform',
  'migration','survey','health','score','cohort','activation','content','calendar','recognition',
  'badges','trust','safety','spam','rules','charter','growth','belonging']`;

const SEARCH = `query($query: String!, $first: Int) {
  search(query: $query, first: $first) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { kind targetId title snippet link score createdAt hidden } }
  }
}`;

function databaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('Set DATABASE_URL to a scratch database (npm run bench does).');
  return url;
}

async function migrateAndSeed(url: string): Promise<void> {
  const dataSource = new DataSource(dataSourceOptions(url, { migrations: MIGRATIONS }));
  await dataSource.initialize();
  try {
    await runMigrationsLocked(dataSource);
    await dataSource.query('DELETE FROM search_document WHERE space_slug = $1', [SPACE]);
    await dataSource.query('SELECT setseed(0.42)');
    // A vocabulary of 40 practice words plus 3,000 rarer made-up ones; bodies of 20–60 words.
    const word = `(${VOCABULARY})[1 + floor(random() * 40)::int]`;
    await dataSource.query(
      `WITH docs AS (
         SELECT i, (${VOCABULARY})[1 + (i / 50) % 40] AS tag, 'Thread ' || (i / 50) || ': ' ||
                  (SELECT string_agg(${word}, ' ') FROM generate_series(1, 6 + (i % 3))) ||
                  CASE WHEN (i / 50) % 2000 = 7 THEN ' zeitgeist' ELSE '' END AS title,
                (SELECT string_agg(CASE WHEN random() < 0.1 THEN 'term' || floor(random() * 3000)::int
                                        ELSE ${word} END, ' ')
                   FROM generate_series(1, 20 + (i % 41))) ||
                  CASE WHEN random() < 0.4 THEN ' engagement' ELSE '' END ||
                  CASE WHEN i % 1000 = 3 THEN ' zeitgeist' ELSE '' END AS body
           FROM generate_series(1, ${DOCUMENTS}) i)
       INSERT INTO search_document (kind, target_id, space_slug, tags, visibility, hidden, title,
                                    body, link, created_at, document)
       SELECT 'REPLY', gen_random_uuid(), $1, ARRAY[tag, 'bench'],
              CASE WHEN i % 20 = 0 THEN 'MEMBERS' ELSE 'PUBLIC' END::search_visibility,
              i % 97 = 0, title, body, '/threads/bench#reply-' || i,
              now() - i * interval '1 minute',
              setweight(to_tsvector('english', title), 'A') ||
              setweight(to_tsvector('english', tag || ' bench'), 'B') ||
              setweight(to_tsvector('english', body), 'C')
         FROM docs`,
      [SPACE],
    );
    await dataSource.query('ANALYZE search_document');
  } finally {
    await dataSource.destroy();
  }
}

async function cleanUp(url: string): Promise<void> {
  const pool = new Pool({ connectionString: url, max: 1 });
  await pool.query('DELETE FROM search_document WHERE space_slug = $1', [SPACE]);
  await pool.end();
}

/** The API as production builds it (createApp), on the bench database. */
async function serveApp(): Promise<number> {
  const config = {
    ...loadConfig({
      NODE_ENV: 'production',
      JWT_SECRET: 'bench-secret-'.padEnd(40, 'x'),
      LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'info',
    }),
    databaseUrl: databaseUrl(),
    demoData: false,
  };
  const app = await createApp(config);
  await app.listen(0, '127.0.0.1');
  process.once('message', () => void app.close().then(() => process.exit(0)));
  return (app.getHttpServer().address() as { port: number }).port;
}

async function readJson(req: IncomingMessage): Promise<{ variables?: Record<string, unknown> }> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
    variables?: Record<string, unknown>;
  };
}

/** The baseline: the same statement and the same JSON, by hand, for an anonymous reader. */
async function serveBare(): Promise<number> {
  const pool = new Pool({ connectionString: databaseUrl(), max: 10 });
  const server = createServer((req, res) => {
    void (async () => {
      const body = await readJson(req);
      const query = String(body.variables?.query ?? '').trim();
      const first = Number(body.variables?.first ?? 20);
      const { text, values } = searchStatement({ query, audience: 'ANONYMOUS', first });
      const rows = (await pool.query<SearchRow>(text, values)).rows;
      const found = rows.filter((row) => row.id !== null);
      const edges = found.slice(0, first).map((row) => ({
        cursor: Buffer.from(JSON.stringify([row.rank, row.id])).toString('base64url'),
        node: {
          kind: row.kind,
          targetId: row.target_id,
          title: row.title,
          snippet: row.snippet,
          link: row.link,
          score: Number(row.rank),
          createdAt: row.created_at.toISOString(),
          hidden: row.hidden,
        },
      }));
      const json = JSON.stringify({
        data: {
          search: {
            totalCount: rows[0]?.total_count ?? 0,
            pageInfo: {
              hasNextPage: found.length > first,
              endCursor: edges[edges.length - 1]?.cursor ?? null,
            },
            edges,
          },
        },
      });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(json);
    })().catch((error: unknown) => {
      res.writeHead(500);
      res.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  process.once('message', () => server.close(() => void pool.end().then(() => process.exit(0))));
  return (server.address() as { port: number }).port;
}

function post(port: number, query: string): Promise<unknown> {
  return fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: SEARCH, variables: { query, first: FIRST } }),
  }).then(async (response) => {
    const body = (await response.json()) as { errors?: unknown };
    if (response.status !== 200 || body.errors) {
      throw new Error(`HTTP ${response.status}: ${JSON.stringify(body).slice(0, 300)}`);
    }
    return body;
  });
}

/** Closed loop: CONCURRENCY clients, each sending its next request when the last one answered. */
async function closedLoop(port: number, query: string, ms: number): Promise<number> {
  const end = Date.now() + ms;
  let done = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (Date.now() < end) {
        await post(port, query);
        done++;
      }
    }),
  );
  return done;
}

/**
 * Requests/second of each server for one term. The two take turns in ROUNDS short slices, so a
 * burst of other work on the machine weighs on both alike.
 */
async function compare(ports: number[], query: string): Promise<number[]> {
  for (const port of ports) await closedLoop(port, query, 1000); // warm-up: JIT, pools, caches
  const done = ports.map(() => 0);
  const seconds = ports.map(() => 0);
  for (let round = 0; round < ROUNDS; round++) {
    for (const [i, port] of ports.entries()) {
      const started = process.hrtime.bigint();
      done[i] += await closedLoop(port, query, (SECONDS * 1000) / ROUNDS);
      seconds[i] += Number(process.hrtime.bigint() - started) / 1e9;
    }
  }
  return done.map((n, i) => n / seconds[i]);
}

function start(mode: 'serve-app' | 'serve-bare'): Promise<{ child: ChildProcess; port: number }> {
  const child = fork(__filename, [mode], {
    execArgv: ['-r', '@swc-node/register'],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('message', (message) =>
      resolve({ child, port: (message as { port: number }).port }),
    );
    child.once('exit', (code) => reject(new Error(`${mode} exited with code ${code}`)));
  });
}

async function main(): Promise<void> {
  const url = databaseUrl();
  process.stderr.write(`search bench: generating ${DOCUMENTS.toLocaleString('en')} documents…\n`);
  await migrateAndSeed(url);
  const servers = await Promise.all([start('serve-app'), start('serve-bare')]);
  const [app, bare] = servers;
  try {
    for (const [label, term] of Object.entries(TERMS)) {
      const [fromApp, fromBare] = await Promise.all([post(app.port, term), post(bare.port, term)]);
      if (!isDeepStrictEqual(fromApp, fromBare)) {
        throw new Error(`the baseline's JSON differs from the API's for "${term}"`);
      }
      const total = (fromApp as { data: { search: { totalCount: number } } }).data.search
        .totalCount;
      const [api, baseline] = await compare([app.port, bare.port], term);
      console.log(
        `search ${label} ("${term}", ${total.toLocaleString('en')} matches): ` +
          `${(api / baseline).toFixed(2)}x of bare (${api.toFixed(0)} vs ${baseline.toFixed(0)} req/s)`,
      );
    }
  } finally {
    for (const { child } of servers) {
      child.removeAllListeners('exit');
      child.send('stop');
    }
    await Promise.all(servers.map(({ child }) => new Promise((r) => child.once('exit', r))));
    // BENCH_KEEP_DATA=1 leaves the documents there, to EXPLAIN the queries afterwards.
    if (process.env.BENCH_KEEP_DATA !== '1') await cleanUp(url);
  }
}

const mode = process.argv[2];
if (mode === 'serve-app' || mode === 'serve-bare') {
  (mode === 'serve-app' ? serveApp() : serveBare()).then(
    (port) => process.send?.({ port }),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
} else {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
