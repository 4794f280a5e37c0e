/**
 * The live-room bench's load process (started by live-room.bench.ts with an IPC channel, pinned
 * to its own core): holds the lean clients, sends at a set rate, and measures send-to-receive
 * latency of every delivery by the message's clientId (`b<n>`: n indexes the send times).
 */
import { performance } from 'node:perf_hooks';
import { LeanClient, connectAll } from './wire';
import {
  ConnectResult,
  JoinResult,
  LoadCommand,
  LoadRequest,
  LoadResponse,
  StepResult,
} from './protocol';

const NAMESPACE = '/live';
/** Text of ~100 characters, like a chat line. */
const FILLER = ' — how do you measure the value of your community to the business?'.padEnd(90, '.');

const MESSAGE_NEW = Buffer.from('["message.new",');
const CLIENT_ID = Buffer.from('"clientId":"b');

/** 0.1 ms buckets up to 10 s; the last one holds everything slower. */
const BUCKET_MS = 0.1;
const BUCKETS = 100_001;

class Histogram {
  readonly counts = new Uint32Array(BUCKETS);
  total = 0;
  max = 0;

  add(ms: number): void {
    const bucket = Math.min(BUCKETS - 1, Math.floor(ms / BUCKET_MS));
    this.counts[bucket]++;
    this.total++;
    if (ms > this.max) this.max = ms;
  }

  /** The p-quantile over `population` samples, the missing ones counted as infinitely slow. */
  quantile(p: number, population = this.total): number {
    const rank = Math.max(1, Math.ceil(p * population));
    if (rank > this.total) return Infinity;
    let seen = 0;
    for (let i = 0; i < BUCKETS; i++) {
      seen += this.counts[i];
      if (seen >= rank) return i === BUCKETS - 1 ? this.max : (i + 1) * BUCKET_MS;
    }
    return this.max;
  }
}

interface Group {
  clients: LeanClient[];
}

/** The step being measured: deliveries of sends numbered [first, end) count. */
interface Measure {
  first: number;
  end: number;
  latency: Histogram;
  lastDeliveryAt: number;
}

const groups = new Map<string, Group>();
const sendAt = new Float64Array(1 << 21);
let nextN = 0;
let measure: Measure | null = null;

function onEvent(frame: Buffer, at: number): void {
  const prefix = 8; // `42/live,`
  if (frame.compare(MESSAGE_NEW, 0, MESSAGE_NEW.length, prefix, prefix + MESSAGE_NEW.length)) {
    return; // presence and other room events
  }
  const current = measure;
  if (!current) return;
  let i = frame.indexOf(CLIENT_ID, prefix + MESSAGE_NEW.length);
  if (i < 0) return;
  i += CLIENT_ID.length;
  let n = 0;
  while (i < frame.length && frame[i] >= 0x30 && frame[i] <= 0x39) n = n * 10 + frame[i++] - 0x30;
  if (n < current.first || n >= current.end) return;
  current.latency.add(at - sendAt[n]);
  current.lastDeliveryAt = at;
}

function group(name: string): Group {
  const found = groups.get(name);
  if (!found) throw new Error(`no group ${name}`);
  return found;
}

async function connect(command: Extract<LoadCommand, { kind: 'connect' }>): Promise<ConnectResult> {
  const clients = await connectAll(
    command.tokens.length,
    command.concurrency,
    (i) =>
      new LeanClient({
        url: command.urls[i % command.urls.length],
        namespace: NAMESPACE,
        auth: { token: command.tokens[i] },
        onEvent,
      }),
  );
  const existing = groups.get(command.group);
  groups.set(command.group, { clients: [...(existing?.clients ?? []), ...clients] });
  return { connected: clients.length };
}

async function join(command: Extract<LoadCommand, { kind: 'join' }>): Promise<JoinResult> {
  const { clients } = group(command.group);
  let next = 0;
  let rosterSize: number | null = null;
  await Promise.all(
    Array.from({ length: command.concurrency }, async () => {
      while (next < clients.length) {
        const client = clients[next++];
        const ack = (await client.emitWithAck('session.join', {
          sessionId: command.sessionId,
        })) as { ok: boolean; error?: unknown; roster?: unknown[] };
        if (!ack.ok) throw new Error(`session.join refused: ${JSON.stringify(ack.error)}`);
        if (Array.isArray(ack.roster)) rosterSize = ack.roster.length;
      }
    }),
  );
  return { joined: clients.length, rosterSize };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function step(command: Extract<LoadCommand, { kind: 'step' }>): Promise<StepResult> {
  const { clients } = group(command.group);
  const senders = clients.slice(0, command.senders);
  const receivers = clients.filter((client) => !client.closed).length;
  const total = Math.round(command.rate * command.seconds);
  const current: Measure = {
    first: nextN,
    end: nextN + total,
    latency: new Histogram(),
    lastDeliveryAt: 0,
  };
  if (current.end > sendAt.length) throw new Error('too many sends for the send-time table');
  nextN = current.end;
  const acks = new Histogram();
  let sent = 0;
  let refused = 0;
  let firstRefusal: string | null = null;
  const elu = performance.eventLoopUtilization();
  measure = current;
  const start = performance.now();

  await new Promise<void>((resolve) => {
    const tick = () => {
      const due = Math.min(total, Math.floor(((performance.now() - start) * command.rate) / 1000));
      while (sent < due) {
        const sender = senders[sent % senders.length];
        const n = current.first + sent++;
        const at = performance.now();
        sendAt[n] = at;
        try {
          sender.emitFast(
            'message.send',
            { sessionId: command.sessionId, clientId: `b${n}`, text: `bench ${n}${FILLER}` },
            (ack) => {
              acks.add(performance.now() - at);
              const answer = ack as { ok?: boolean; error?: unknown };
              if (answer.ok !== true) {
                refused++;
                firstRefusal ??= JSON.stringify(answer.error ?? answer);
              }
            },
          );
        } catch (error) {
          refused++;
          firstRefusal ??= String(error);
        }
      }
      if (sent >= total) resolve();
      else setTimeout(tick, 1);
    };
    tick();
  });

  const sendEnd = performance.now();
  const expected = () => (sent - refused) * receivers;
  while (
    (acks.total < sent || current.latency.total < expected()) &&
    performance.now() - sendEnd < command.drainMs
  ) {
    await sleep(5);
  }
  measure = null;
  const used = performance.eventLoopUtilization(elu);
  const population = expected();
  const span = Math.max(current.lastDeliveryAt - start, command.seconds * 1000);
  return {
    rate: command.rate,
    receivers,
    sent,
    acked: acks.total,
    refused,
    firstRefusal,
    expected: population,
    delivered: current.latency.total,
    deliveredPerSecond: current.latency.total / (span / 1000),
    p50: current.latency.quantile(0.5, population),
    p99: current.latency.quantile(0.99, population),
    max: current.latency.max,
    ackP50: acks.quantile(0.5, sent),
    ackP99: acks.quantile(0.99, sent),
    loadElu: used.utilization,
    wallSeconds: (performance.now() - start) / 1000,
  };
}

async function close(name: string): Promise<void> {
  for (const client of groups.get(name)?.clients ?? []) client.close();
  groups.delete(name);
}

async function handle(command: LoadCommand): Promise<unknown> {
  switch (command.kind) {
    case 'connect':
      return connect(command);
    case 'join':
      return join(command);
    case 'step':
      return step(command);
    case 'close':
      return close(command.group);
  }
}

process.on('message', (message) => {
  const request = message as LoadRequest;
  handle(request).then(
    (result) => process.send?.({ id: request.id, ok: true, result } satisfies LoadResponse),
    (error: unknown) =>
      process.send?.({
        id: request.id,
        ok: false,
        error: error instanceof Error ? error.message : String(error),
      } satisfies LoadResponse),
  );
});
process.on('disconnect', () => process.exit(0));
