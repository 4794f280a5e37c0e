import { io, Socket } from 'socket.io-client';
import { createClient } from 'redis';
import {
  freePort,
  serverEnv,
  ServerProcess,
  spawnServer,
  waitForHealth,
} from '../support/server-process';
import { MemoryPresence } from '../../libs/roundtables/src/room/room-presence';
import { startTestApp, TestApp, whenConnected } from '../support/test-app';
import { ack, collect, eventually, ok, session, Session, WireMessage } from './support';

/**
 * Two API processes spawned from source, one PostgreSQL database, one Redis. Without REDIS_URL
 * this is reported as skipped, by name.
 */
const describeRedis = process.env.REDIS_URL ? describe : describe.skip;

interface Node {
  server: ServerProcess;
  url: string;
}

interface Resumed {
  events: Array<{ seq: number; type: string; payload: WireMessage }>;
  lastSeq: number;
  truncated: boolean;
  roster: Array<{ id: string }>;
}

/** A client as a real one would be: it keeps the seqs it holds and dedupes by seq. */
class Client {
  readonly held = new Map<number, WireMessage>();
  /** Seqs received again (allowed only around a resume, for seqs its ack also carried). */
  readonly duplicates: number[] = [];
  resumedUpTo = 0;
  socket: Socket;

  constructor(
    readonly token: string,
    url: string,
  ) {
    this.connect(url);
  }

  connect(url: string): void {
    this.socket = io(`${url}/live`, {
      auth: { token: this.token },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
    });
    this.socket.on('message.new', (m: WireMessage) => this.hold(m));
  }

  hold(message: WireMessage): void {
    if (this.held.has(message.seq)) this.duplicates.push(message.seq);
    else this.held.set(message.seq, message);
  }

  /** The highest seq up to which nothing is missing. */
  contiguous(): number {
    let seq = 0;
    while (this.held.has(seq + 1)) seq++;
    return seq;
  }
}

describeRedis('live room on two API nodes (Redis)', () => {
  let t: TestApp;
  const nodes: Node[] = [];
  const clients: Client[] = [];

  async function spawnNode(): Promise<Node> {
    const port = await freePort();
    const server = spawnServer(
      serverEnv(['GRAPHQL_SCHEMA_FILE', 'PUBLIC_URL', 'DATA_DIR'], {
        NODE_ENV: 'test',
        PORT: String(port),
        DATABASE_URL: t.databaseUrl,
        REDIS_URL: process.env.REDIS_URL ?? '',
        JWT_SECRET: t.config.jwtSecret,
        DEMO_DATA: 'false',
        LOG_LEVEL: 'warn',
      }),
    );
    const url = `http://127.0.0.1:${port}`;
    nodes.push({ server, url });
    await waitForHealth(url, server, 90_000);
    return { server, url };
  }

  beforeAll(async () => {
    t = await startTestApp();
  }, 30_000);

  afterAll(async () => {
    for (const client of clients) client.socket.disconnect();
    for (const node of nodes) node.server.kill();
    await Promise.all(nodes.map((node) => node.server.exited));
    await t?.close();
  });

  it('shares a session across nodes, and survives the death of one with no gap and no duplicate', async () => {
    const [a, b] = await Promise.all([spawnNode(), spawnNode()]);
    const s: Session = await session(t, { registered: 4 });
    const [onA1, onA2, onB1, onB2] = s.members.map((member, i) => {
      const client = new Client(member.accessToken, i < 2 ? a.url : b.url);
      clients.push(client);
      return client;
    });
    await Promise.all(clients.map((client) => whenConnected(client.socket)));

    // Presence crosses: B's clients hear A's arrivals, and the roster spans both nodes.
    await ok(onB1.socket, 'session.join', { sessionId: s.id });
    await ok(onB2.socket, 'session.join', { sessionId: s.id });
    const arrivals = collect<{ member: { id: string }; present: boolean }>(
      onB1.socket,
      'presence.changed',
    );
    await ok(onA1.socket, 'session.join', { sessionId: s.id });
    const snapshot = await ok<{ roster: Array<{ id: string }> }>(onA2.socket, 'session.join', {
      sessionId: s.id,
    });
    expect(snapshot.roster.map((m) => m.id).sort()).toEqual(s.members.map((m) => m.id).sort());
    await eventually(() => arrivals.length === 2);
    expect(arrivals.map((p) => p.member.id)).toEqual([s.members[0].id, s.members[1].id]);

    // A second tab of A's member, on B: counted once, no arrival, no departure when it closes.
    const tab = new Client(s.members[0].accessToken, b.url);
    await whenConnected(tab.socket);
    const withTab = await ok<{ roster: Array<{ id: string }> }>(tab.socket, 'session.join', {
      sessionId: s.id,
    });
    expect(withTab.roster).toHaveLength(4);
    tab.socket.disconnect();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(arrivals).toHaveLength(2);

    // Messages cross both ways.
    await ok(onA1.socket, 'message.send', { sessionId: s.id, clientId: 'hello-a', text: 'from A' });
    await ok(onB1.socket, 'message.send', { sessionId: s.id, clientId: 'hello-b', text: 'from B' });
    await eventually(() => clients.every((client) => client.held.size === 2));
    expect(onB2.held.get(1)?.text).toBe('from A');
    expect(onA2.held.get(2)?.text).toBe('from B');

    // Mid-stream: senders on both nodes, then A is SIGKILLed.
    let streaming = true;
    const sent = { a: 0, b: 0 };
    const stream = async (client: Client, key: 'a' | 'b') => {
      while (streaming) {
        const n = ++sent[key];
        await ack(client.socket, 'message.send', {
          sessionId: s.id,
          clientId: `${key}-${n}`,
          text: `${key} ${n}`,
        }).catch(
          () => undefined, // the node died under the send: retried below
        );
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    };
    const senders = [stream(onA1, 'a'), stream(onB1, 'b')];
    await eventually(() => sent.a > 20 && sent.b > 20);
    const socketOnA = onA1.socket.id;
    a.server.child.kill('SIGKILL');
    await a.server.exited;
    await eventually(() => onA1.socket.disconnected && onA2.socket.disconnected);
    await new Promise((resolve) => setTimeout(resolve, 100));

    // A's clients reconnect to B and resume from what they hold.
    for (const client of [onA1, onA2]) {
      client.connect(b.url);
      await whenConnected(client.socket);
      const afterSeq = client.contiguous();
      const resumed = await ok<Resumed>(client.socket, 'session.resume', {
        sessionId: s.id,
        afterSeq,
      });
      expect(resumed.truncated).toBe(false);
      const seqs = resumed.events.map((e) => e.seq);
      expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => afterSeq + 1 + i));
      expect(new Set(seqs).size).toBe(seqs.length);
      client.resumedUpTo = resumed.lastSeq;
      // A broadcast may race the replay (the socket joined first): the client keeps each seq once.
      for (const event of resumed.events) client.hold(event.payload);
    }
    // A's sender retries its last send on B: the same clientId is stored once.
    const retried = await ok<{ seq: number }>(onA1.socket, 'message.send', {
      sessionId: s.id,
      clientId: `a-${sent.a}`,
      text: `a ${sent.a}`,
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    streaming = false;
    await Promise.all(senders);
    await ok(onB2.socket, 'message.send', { sessionId: s.id, clientId: 'last', text: 'done' });

    const [{ last }] = await t.sql<{ last: number }>(
      'SELECT last_seq AS last FROM room_state WHERE roundtable_id = $1',
      [s.id],
    );
    // Every client hears the last event live. A gap left means a broadcast died with A (after
    // its commit): as documented, a client that sees a seq skipped resumes from where it holds.
    await eventually(() => clients.every((client) => client.held.has(last)), 10_000);
    for (const client of clients) {
      if (client.contiguous() === last) continue;
      const afterSeq = client.contiguous();
      const fill = await ok<Resumed>(client.socket, 'session.resume', {
        sessionId: s.id,
        afterSeq,
      });
      expect(fill.events.map((e) => e.seq)).toEqual(
        Array.from({ length: last - afterSeq }, (_, i) => afterSeq + 1 + i),
      );
      client.resumedUpTo = fill.lastSeq;
      for (const event of fill.events) client.hold(event.payload);
    }
    for (const client of clients) {
      expect(client.duplicates.filter((seq) => seq > client.resumedUpTo)).toEqual([]);
      expect([...client.held.keys()].sort((x, y) => x - y)).toEqual(
        Array.from({ length: last }, (_, i) => i + 1),
      );
    }
    const dupes = await t.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM room_event
        WHERE roundtable_id = $1 AND payload->>'clientId' = $2`,
      [s.id, `a-${sent.a}`],
    );
    expect(dupes[0].n).toBe(1);
    expect(onB2.held.get(retried.seq)?.clientId).toBe(`a-${sent.a}`);

    // A's sockets stay in the roster until B sweeps what the dead node left (its key expired).
    const redis = createClient({ url: process.env.REDIS_URL });
    await redis.connect();
    try {
      const key = `room:presence:${s.id}`;
      const entries = Object.values(await redis.hGetAll(key)).map(
        (v) => JSON.parse(v) as { nodeId: string; socketId: string },
      );
      expect(new Set(entries.map((e) => e.nodeId)).size).toBe(2);
      const deadNode = entries.find((e) => e.socketId === socketOnA)?.nodeId;
      expect(deadNode).toBeDefined();
      await redis.del(`room:node:${deadNode}`); // as its TTL would, a few seconds later
      await eventually(async () => {
        const left = Object.values(await redis.hGetAll(key)).map(
          (v) => JSON.parse(v) as { nodeId: string },
        );
        return left.length === 4 && left.every((e) => e.nodeId !== deadNode);
      }, 12_000);
    } finally {
      // What B leaves behind when it is killed at the end.
      await redis.del(`room:presence:${s.id}`);
      await redis.sRem('room:presence-sessions', s.id);
      await redis.quit();
    }
  }, 120_000);
});

describe('live room presence on one node (in memory, without Redis)', () => {
  const entry = (socketId: string, id: string) => ({
    socketId,
    id,
    handle: `h-${id}`,
    displayName: id,
    nodeId: 'one',
  });

  it('counts a member with two tabs once: first arrival and last departure only', async () => {
    const presence = new MemoryPresence();
    expect(await presence.add('s', entry('t1', 'alice'))).toBe(true);
    expect(await presence.add('s', entry('t2', 'alice'))).toBe(false);
    expect(await presence.add('s', entry('t3', 'bob'))).toBe(true);
    expect((await presence.roster('s')).map((m) => m.id)).toEqual(['alice', 'bob']);
    expect(await presence.remove('s', 't1')).toMatchObject({ last: false });
    expect(await presence.remove('s', 't1')).toBeNull();
    expect(await presence.remove('s', 't2')).toMatchObject({ entry: { id: 'alice' }, last: true });
    expect(await presence.removeMember('s', 'bob')).toHaveLength(1);
    expect(await presence.roster('s')).toEqual([]);
    expect(await presence.sweep()).toEqual([]);
  });
});
