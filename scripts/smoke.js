#!/usr/bin/env node
// CI smoke test: the built server on the embedded database in a fresh root-owned 0700 DATA_DIR;
// it must answer GraphQL, then stop on SIGTERM leaving no postgres process behind.
const { spawn, execSync } = require('node:child_process');
const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const net = require('node:net');

const main = join(__dirname, '..', 'dist', 'apps', 'api', 'apps', 'api', 'src', 'main.js');

function freePort() {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function postgresProcesses(dataDir) {
  try {
    return execSync(`pgrep -f "[p]ostgres -D ${dataDir}"`, { encoding: 'utf8' }).trim();
  } catch {
    return '';
  }
}

async function waitForHealth(url, child, ms) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited early with code ${child.exitCode}`);
    try {
      const response = await fetch(`${url}/health`);
      if (response.status === 200) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('server did not report ready in time');
}

async function run() {
  const dataDir = mkdtempSync(join(tmpdir(), 'roundtable-smoke-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env = { ...process.env, DATA_DIR: dataDir, PORT: String(port), NODE_ENV: 'production' };
  env.JWT_SECRET = 'smoke-test-secret-that-is-long-enough-1234';
  delete env.DATABASE_URL;
  delete env.REDIS_URL;
  const child = spawn(process.execPath, [main], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  try {
    await waitForHealth(url, child, 90_000);
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query:
          'mutation { login(input: {email: "admin@roundtable.demo", password: "roundtable-demo"}) { member { handle role } } }',
      }),
    });
    const body = await response.json();
    if (body.data?.login?.member?.role !== 'ADMIN') {
      throw new Error(`unexpected GraphQL answer: ${JSON.stringify(body)}`);
    }
    console.log('smoke: GraphQL answered', JSON.stringify(body.data));
    if (!postgresProcesses(dataDir)) throw new Error('no embedded postgres process was running');
    const exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    const code = await Promise.race([
      exited,
      new Promise((r) => setTimeout(() => r('timeout'), 30_000)),
    ]);
    if (code !== 0) throw new Error(`server did not stop cleanly on SIGTERM (exit: ${code})`);
    const left = postgresProcesses(dataDir);
    if (left) throw new Error(`postgres processes left behind:\n${left}`);
    console.log('smoke: clean stop, no postgres process left');
  } catch (error) {
    console.error(output.slice(-5000));
    child.kill('SIGKILL');
    throw error;
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

run().catch((error) => {
  console.error(`smoke: FAILED: ${error.message}`);
  process.exit(1);
});
