import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_PASSWORD, DEMO_STAFF } from '@app/core';
import {
  freePort,
  postgresPids,
  serverEnv,
  spawnServer,
  ServerProcess,
  waitForHealth,
} from '../support/server-process';

const ADMIN = DEMO_STAFF.find((staff) => staff.role === 'ADMIN');
const DEMO_LOADED = /"msg":"Loading demo data"/;

interface Started {
  server: ServerProcess;
  url: string;
}

/**
 * The server from source on the embedded PostgreSQL: no DATABASE_URL or REDIS_URL, data in
 * `dataDir`, the generated schema kept out of the repo.
 */
async function start(dataDir: string): Promise<Started> {
  const port = await freePort();
  const server = spawnServer(
    serverEnv(['DATABASE_URL', 'REDIS_URL', 'JWT_SECRET', 'DEMO_DATA', 'PUBLIC_URL'], {
      NODE_ENV: 'development',
      DATA_DIR: dataDir,
      PORT: String(port),
      GRAPHQL_SCHEMA_FILE: join(dataDir, 'schema.graphql'),
      // info, not warn: the demo-data line shows whether the demo community was loaded.
      LOG_LEVEL: 'info',
    }),
  );
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(url, server, 90_000);
  } catch (error) {
    server.kill();
    throw error;
  }
  return { server, url };
}

/** SIGTERM, then the exit code; the embedded PostgreSQL must be gone by then. */
async function stop({ server }: Started): Promise<number | string> {
  server.child.kill('SIGTERM');
  return server.exited;
}

async function loginAdmin(url: string): Promise<{ id: string; role: string }> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: `mutation($input: LoginInput!) { login(input: $input) { member { id role } } }`,
      variables: { input: { email: ADMIN?.email, password: DEMO_PASSWORD } },
    }),
  });
  const body = (await response.json()) as {
    data?: { login: { member: { id: string; role: string } } };
    errors?: unknown;
  };
  if (!body.data) throw new Error(`the demo admin could not log in: ${JSON.stringify(body)}`);
  return body.data.login.member;
}

describe('the embedded PostgreSQL', () => {
  let dataDir: string;
  const started: Started[] = [];

  beforeEach(() => {
    // Root-owned and 0700, like any fresh mkdtemp folder: the server must cope.
    dataDir = mkdtempSync(join(tmpdir(), 'roundtable-embedded-'));
  });

  afterEach(() => {
    for (const { server } of started.splice(0)) server.kill();
    // Only if a failure left one behind: the postgres servers this test started, by id.
    for (const pid of postgresPids(dataDir)) process.kill(pid, 'SIGINT');
    rmSync(dataDir, { recursive: true, force: true, maxRetries: 3 });
  });

  it('starts in a fresh DATA_DIR, stops cleanly on SIGTERM, and keeps its data', async () => {
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);

    const first = await start(dataDir);
    started.push(first);
    const admin = await loginAdmin(first.url);
    expect(admin.role).toBe('ADMIN');
    expect(postgresPids(dataDir).length).toBeGreaterThan(0);
    expect(await stop(first)).toBe(0);
    expect(postgresPids(dataDir)).toEqual([]);
    expect(first.server.stdout()).toMatch(DEMO_LOADED);

    const second = await start(dataDir);
    started.push(second);
    // The same account: the data was kept, and the demo community was not loaded again.
    expect(await loginAdmin(second.url)).toEqual(admin);
    expect(second.server.stdout()).not.toMatch(DEMO_LOADED);
    expect(await stop(second)).toBe(0);
    expect(postgresPids(dataDir)).toEqual([]);
  }, 240_000);
});
