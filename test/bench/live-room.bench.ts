/**
 * The live room under load, as ratios against a bare socket.io server measured in the same run
 * (issue 6, "Performance"):
 *
 * 1. 500 clients in one session, 20 of them senders, the total send rate stepped up: delivered
 *    messages a second and p50/p99 send-to-receive latency per step, for the API (storing every
 *    message) and for the bare server (test/bench/live/bare-server.ts: same namespace, a room,
 *    ack + broadcast, no storage, no auth), the two taking turns at each step. Figure: the
 *    highest rate whose p99 stays under 100 ms (with every lower step under it too), API ÷ bare.
 * 2. Memory per idle authenticated connection over 5,000 clients (RSS after a forced GC, before
 *    and after connecting), API ÷ bare.
 * 3. With REDIS_URL: two API nodes on one PostgreSQL and one Redis, clients split across them;
 *    their saturating rate ÷ one node's (also with REDIS_URL). Without it, a line says skipped.
 *
 *   npm run bench -- live-room                       (a fresh migrated database, see scripts/bench.js)
 *   REDIS_URL=redis://127.0.0.1:6379 npm run bench -- live-room
 *
 * Load comes from test/bench/live/load.ts, a separate process of lean clients speaking the
 * Socket.IO wire protocol over `ws` (wire.ts). With taskset and two cores or more, servers run on
 * core 0 and the load on core 1 (PostgreSQL and Redis are not pinned). Knobs: BENCH_LIVE_RATES
 * (comma-separated, default 50,100,200,300,400), BENCH_LIVE_STEP_SECONDS (3),
 * BENCH_LIVE_IDLE_CLIENTS (5000), BENCH_LIVE_PARTS (fanout,memory,nodes), BENCH_LIVE_CPU_PROF=1
 * (a .cpuprofile per server in .data/bench-profiles, written when it stops),
 * BENCH_LIVE_HEAP_SNAPSHOTS=<dir> (heap snapshots of the servers before and after connecting).
 */
import { randomUUID } from 'node:crypto';
import { availableParallelism, loadavg } from 'node:os';
import { Pool } from 'pg';
import { freePort } from '../support/server-process';
import {
  LoadProcess,
  PINNED,
  Server,
  cpuPressure,
  cpuSeconds,
  machineBusySeconds,
  settledMemory,
  startApi,
  startBare,
} from './live/processes';
import { ConnectResult, JoinResult, StepResult } from './live/protocol';
import { BenchMember, createMembers, liveSession, signUpHost } from './live/setup';

const CLIENTS = 500;
const SENDERS = 20;
const RATES = (process.env.BENCH_LIVE_RATES ?? '50,100,200,300,400')
  .split(',')
  .map((rate) => Number(rate.trim()))
  .filter((rate) => rate > 0);
const STEP_SECONDS = Number(process.env.BENCH_LIVE_STEP_SECONDS ?? 3);
const DRAIN_MS = 3000;
const P99_LIMIT_MS = 100;
const IDLE_CLIENTS = Number(process.env.BENCH_LIVE_IDLE_CLIENTS ?? 5000);
/** BENCH_LIVE_PARTS=fanout,memory,nodes (the default: all three) runs only those named. */
const PARTS = new Set((process.env.BENCH_LIVE_PARTS ?? 'fanout,memory,nodes').split(','));
const JWT_SECRET = 'bench-live-secret-'.padEnd(48, 'x');

const log = (line: string) => console.log(line);
const progress = (line: string) => process.stderr.write(`  live-room: ${line}\n`);

function databaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url)
    throw new Error('Set DATABASE_URL to a migrated scratch database (npm run bench does).');
  return url;
}

function apiEnv(redisUrl: string | null): Record<string, string> {
  return {
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl(),
    JWT_SECRET,
    LOG_LEVEL: 'warn',
    DEMO_DATA: 'false',
    REGISTRATION_LIMIT: '100000',
    ACCESS_TOKEN_TTL_SECONDS: '14400',
    REDIS_URL: redisUrl ?? '',
  };
}

/** A set of clients in the load process, joined to one session (split across `servers`). */
interface Room {
  label: string;
  group: string;
  servers: Server[];
  sessionId: string;
}

async function openRoom(
  load: LoadProcess,
  label: string,
  servers: Server[],
  sessionId: string,
  members: BenchMember[],
): Promise<Room> {
  const group = `${label}-${randomUUID()}`;
  const connected = await load.run<ConnectResult>({
    kind: 'connect',
    group,
    urls: servers.map((server) => server.url),
    tokens: members.map((member) => member.token),
    concurrency: 50,
  });
  const joined = await load.run<JoinResult>({ kind: 'join', group, sessionId, concurrency: 20 });
  progress(
    `${label}: ${connected.connected} connected, ${joined.joined} joined` +
      (joined.rosterSize !== null ? ` (roster ${joined.rosterSize})` : ''),
  );
  return { label, group, servers, sessionId };
}

interface Measured extends StepResult {
  serverCpu: number;
  /** Busy cores of the whole machine during the step (servers, load, PostgreSQL, others). */
  machineBusy: number;
}

/** IPC carries JSON, where Infinity (deliveries that never came) turns into null. */
function revived(step: StepResult): StepResult {
  const slow = (value: number | null) => value ?? Infinity;
  return {
    ...step,
    p50: slow(step.p50),
    p99: slow(step.p99),
    ackP50: slow(step.ackP50),
    ackP99: slow(step.ackP99),
  };
}

async function runStep(load: LoadProcess, room: Room, rate: number): Promise<Measured> {
  const pids = room.servers.map((server) => server.child.pid as number);
  const cpuBefore = pids.map(cpuSeconds);
  const busyBefore = machineBusySeconds();
  const result = await load.run<StepResult>({
    kind: 'step',
    group: room.group,
    sessionId: room.sessionId,
    senders: SENDERS,
    rate,
    seconds: STEP_SECONDS,
    drainMs: DRAIN_MS,
  });
  const cpu = pids.reduce((sum, pid, i) => sum + cpuSeconds(pid) - cpuBefore[i], 0);
  return {
    ...revived(result),
    serverCpu: cpu / result.wallSeconds,
    machineBusy: (machineBusySeconds() - busyBefore) / result.wallSeconds,
  };
}

const ms = (value: number) =>
  Number.isFinite(value) ? `${value < 10 ? value.toFixed(1) : value.toFixed(0)} ms` : 'lost';

function stepLine(label: string, step: Measured): string {
  const pass = step.p99 < P99_LIMIT_MS ? 'ok' : 'over';
  const missing = step.expected - step.delivered;
  return (
    `live-room step ${step.rate} msg/s, ${label}: ` +
    `${step.deliveredPerSecond.toFixed(0)} delivered/s (${step.receivers} receivers), ` +
    `p50 ${ms(step.p50)}, p99 ${ms(step.p99)} [${pass}], ack p99 ${ms(step.ackP99)}` +
    (missing > 0 ? `, ${missing} of ${step.expected} not delivered in time` : '') +
    (step.refused > 0 ? `, ${step.refused} refused (${step.firstRefusal})` : '') +
    `; server cpu ${(step.serverCpu * 100).toFixed(0)}%, load loop ${(step.loadElu * 100).toFixed(0)}%, ` +
    `machine ${step.machineBusy.toFixed(2)} cores busy`
  );
}

/** The highest rate whose p99 is under the limit with every lower step under it as well. */
function saturatingRate(steps: Measured[]): number {
  let best = 0;
  for (const step of steps) {
    if (step.p99 >= P99_LIMIT_MS || step.refused > 0) break;
    best = step.rate;
  }
  return best;
}

/**
 * Runs the rate ladder on each room, the rooms taking turns at each step (so a burst of other
 * work on the machine weighs on all alike), after a short warm-up. Returns each room's steps.
 */
async function ladder(load: LoadProcess, rooms: Room[]): Promise<Measured[][]> {
  for (const room of rooms) {
    await load.run<StepResult>({
      kind: 'step',
      group: room.group,
      sessionId: room.sessionId,
      senders: SENDERS,
      rate: RATES[0],
      seconds: 2,
      drainMs: DRAIN_MS,
    });
    await quiet(room.servers);
  }
  const results: Measured[][] = rooms.map(() => []);
  const stopped = rooms.map(() => false);
  for (const rate of RATES) {
    for (const [i, room] of rooms.entries()) {
      if (stopped[i]) {
        log(`live-room step ${rate} msg/s, ${room.label}: not run (lost deliveries below)`);
        continue;
      }
      const step = await runStep(load, room, rate);
      results[i].push(step);
      log(stepLine(room.label, step));
      // Past a step that could not deliver in time, higher ones only pile up a backlog.
      if (step.delivered < step.expected) stopped[i] = true;
      await quiet(room.servers);
    }
  }
  return results;
}

/** Waits (up to 20 s) until the servers are nearly idle: no backlog spills into the next step. */
async function quiet(servers: Server[]): Promise<void> {
  const pids = servers.map((server) => server.child.pid as number);
  const deadline = Date.now() + 20_000;
  let last = pids.map(cpuSeconds);
  while (Date.now() < deadline) {
    await new Promise((settle) => setTimeout(settle, 300));
    const now = pids.map(cpuSeconds);
    const busy = now.reduce((sum, value, i) => sum + value - last[i], 0) / 0.3;
    last = now;
    if (busy < 0.1) return;
  }
}

function ratioLine(label: string, value: number, base: number, unit: string, target: string) {
  const capped = base === RATES[RATES.length - 1] ? ' (the baseline never saturated)' : '';
  const ratio = base > 0 ? (value / base).toFixed(2) : 'n/a';
  return `${label}: ${ratio}x (${value} vs ${base} ${unit}${capped}; target ${target})`;
}

async function stopAll(servers: Server[]): Promise<void> {
  await Promise.all(servers.map((server) => server.stop()));
}

/** Part 1: the rate ladder, API vs bare. Returns the API's saturating rate. */
async function fanOut(load: LoadProcess, members: BenchMember[]): Promise<number> {
  const [apiPort, barePort] = [await freePort(), await freePort()];
  const [api, bare] = await Promise.all([
    startApi('api', apiPort, apiEnv(null)),
    startBare('bare', barePort),
  ]);
  try {
    progress('setting up the session through GraphQL');
    const host = await signUpHost(api.url);
    const sessionId = await liveSession(api.url, host, members);
    const rooms = [
      await openRoom(load, 'bare', [bare], randomUUID(), members),
      await openRoom(load, 'roundtable', [api], sessionId, members),
    ];
    const [bareSteps, apiSteps] = await ladder(load, rooms);
    const [bareRate, apiRate] = [saturatingRate(bareSteps), saturatingRate(apiSteps)];
    log(
      ratioLine(
        `live-room highest rate with p99 < ${P99_LIMIT_MS} ms (${CLIENTS} clients, ${SENDERS} senders), roundtable vs bare`,
        apiRate,
        bareRate,
        'msg/s',
        '≥ 0.5x',
      ),
    );
    for (const room of rooms) await load.run({ kind: 'close', group: room.group });
    return apiRate;
  } finally {
    await stopAll([api, bare]);
  }
}

/** RSS growth per connection: `count` idle clients (handshake only) after a warm-up. */
async function perConnection(
  load: LoadProcess,
  server: Server,
  members: BenchMember[],
): Promise<{ rss: number; heap: number }> {
  const warm = `warm-${randomUUID()}`;
  await load.run({
    kind: 'connect',
    group: warm,
    urls: [server.url],
    tokens: members.slice(0, 200).map((member) => member.token),
    concurrency: 50,
  });
  await load.run({ kind: 'close', group: warm });
  await new Promise((settle) => setTimeout(settle, 1500));
  const before = await settledMemory(server);
  const group = `idle-${randomUUID()}`;
  await load.run<ConnectResult>({
    kind: 'connect',
    group,
    urls: [server.url],
    tokens: members.map((member) => member.token),
    concurrency: 100,
  });
  await new Promise((settle) => setTimeout(settle, 2000));
  const after = await settledMemory(server);
  await load.run({ kind: 'close', group });
  return {
    rss: (after.rss - before.rss) / members.length,
    heap: (after.heapUsed - before.heapUsed) / members.length,
  };
}

/** Part 2: memory per idle authenticated connection, API vs bare, each freshly started. */
async function memory(load: LoadProcess, members: BenchMember[]): Promise<void> {
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
  const bare = await startBare('bare-memory', await freePort());
  let bareUse: { rss: number; heap: number };
  try {
    bareUse = await perConnection(load, bare, members);
  } finally {
    await bare.stop();
  }
  const api = await startApi('api-memory', await freePort(), apiEnv(null));
  let apiUse: { rss: number; heap: number };
  try {
    apiUse = await perConnection(load, api, members);
  } finally {
    await api.stop();
  }
  log(
    `live-room memory per idle authenticated connection (${members.length.toLocaleString('en')} clients), ` +
      `roundtable vs bare: ${(apiUse.rss / bareUse.rss).toFixed(2)}x ` +
      `(${kb(apiUse.rss)} vs ${kb(bareUse.rss)} RSS a connection; ` +
      `V8 heap ${kb(apiUse.heap)} vs ${kb(bareUse.heap)}; target ≤ 1.5x)`,
  );
}

/** Part 3: two API nodes through Redis vs one node with the same Redis. */
async function twoNodes(load: LoadProcess, members: BenchMember[], singleNoRedis: number) {
  const redisUrl = process.env.REDIS_URL?.trim();
  if (!redisUrl) {
    log('live-room two nodes through Redis: skipped (REDIS_URL is not set)');
    return;
  }
  const one = await startApi('api-redis-1', await freePort(), apiEnv(redisUrl));
  let oneRate: number;
  let twoSessionId: string;
  try {
    const host = await signUpHost(one.url);
    const sessionId = await liveSession(one.url, host, members);
    twoSessionId = await liveSession(one.url, host, members);
    const room = await openRoom(load, 'one node + redis', [one], sessionId, members);
    const [steps] = await ladder(load, [room]);
    oneRate = saturatingRate(steps);
    await load.run({ kind: 'close', group: room.group });
  } finally {
    await one.stop();
  }
  const nodes = await Promise.all([
    startApi('api-node-a', await freePort(), apiEnv(redisUrl)),
    startApi('api-node-b', await freePort(), apiEnv(redisUrl)),
  ]);
  try {
    const room = await openRoom(load, 'two nodes + redis', nodes, twoSessionId, members);
    const [steps] = await ladder(load, [room]);
    const twoRate = saturatingRate(steps);
    await load.run({ kind: 'close', group: room.group });
    log(
      ratioLine(
        `live-room two nodes through Redis (clients split, both nodes on the server core), highest rate with p99 < ${P99_LIMIT_MS} ms vs one node with Redis`,
        twoRate,
        oneRate,
        'msg/s',
        '≥ 0.8x',
      ) + `; one node without Redis: ${singleNoRedis} msg/s`,
    );
  } finally {
    await stopAll(nodes);
  }
}

async function main(): Promise<void> {
  const pool = new Pool({ connectionString: databaseUrl(), max: 2 });
  const load = new LoadProcess();
  try {
    log(
      `live-room machine: ${availableParallelism()} cores, ` +
        (PINNED ? 'servers pinned to core 0, load to core 1' : 'not pinned') +
        `, load average ${loadavg()[0].toFixed(1)}, cpu pressure ${cpuPressure()} (shared machine: ` +
        'other work on it slows whichever server is measured at the time)',
    );
    const count = Math.max(IDLE_CLIENTS, CLIENTS);
    progress(`creating ${count} members`);
    const members = await createMembers(pool, JWT_SECRET, count);
    const roomMembers = members.slice(0, CLIENTS);
    const single = PARTS.has('fanout') ? await fanOut(load, roomMembers) : 0;
    if (PARTS.has('memory')) await memory(load, members.slice(0, IDLE_CLIENTS));
    if (PARTS.has('nodes')) await twoNodes(load, roomMembers, single);
    log(
      `live-room machine at the end: load average ${loadavg()[0].toFixed(1)}, cpu pressure ${cpuPressure()}`,
    );
  } finally {
    load.stop();
    await pool.end();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
