import { startTestApp, TestApp } from '../support/test-app';
import {
  ack,
  collect,
  connect,
  eventually,
  joined,
  ok,
  refusal,
  session,
  WireMessage,
} from './support';

interface Resumed {
  events: Array<{ seq: number; type: string; payload: Record<string, unknown> }>;
  lastSeq: number;
  truncated: boolean;
  roster: Array<{ id: string }>;
}

describe('live room: messages, the sequence log and resuming', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  it('stores a message, acks its seq and broadcasts it to everyone, the sender too', async () => {
    const s = await session(t, { registered: 1 });
    const host = await joined(t, s.host, s.id);
    const member = await joined(t, s.members[0], s.id);
    const atHost = collect<WireMessage>(host.socket, 'message.new');
    const atSender = collect<WireMessage>(member.socket, 'message.new');
    const sent = await ok<{ seq: number }>(member.socket, 'message.send', {
      sessionId: s.id,
      clientId: 'c-1',
      text: 'Hello room',
    });
    expect(sent.seq).toBe(1);
    await eventually(() => atHost.length === 1 && atSender.length === 1);
    expect(atHost[0]).toEqual({
      sessionId: s.id,
      seq: 1,
      clientId: 'c-1',
      author: { id: s.members[0].id, handle: s.members[0].handle, displayName: expect.any(String) },
      text: 'Hello room',
      sentAt: expect.any(String),
    });
    expect(atSender[0]).toEqual(atHost[0]);
    const stored = await t.sql(
      'SELECT seq, type, actor_id FROM room_event WHERE roundtable_id = $1',
      [s.id],
    );
    expect(stored).toEqual([{ seq: 1, type: 'message.new', actor_id: s.members[0].id }]);
    // A later join sees it in the snapshot.
    const later = await joined(t, s.host, s.id);
    expect(later.snapshot.messages).toEqual([atHost[0]]);
    expect(later.snapshot.lastSeq).toBe(1);
  });

  it('is idempotent per author and clientId: a retry gets the same seq and no second broadcast', async () => {
    const s = await session(t, { registered: 2 });
    const a = await joined(t, s.members[0], s.id);
    const b = await joined(t, s.members[1], s.id);
    const heard = collect<WireMessage>(b.socket, 'message.new');
    const first = await ok<{ seq: number }>(a.socket, 'message.send', {
      sessionId: s.id,
      clientId: 'x',
      text: 'once',
    });
    const retry = await ok<{ seq: number }>(a.socket, 'message.send', {
      sessionId: s.id,
      clientId: 'x',
      text: 'once',
    });
    expect(retry.seq).toBe(first.seq);
    // The same clientId from another author is another message.
    const other = await ok<{ seq: number }>(b.socket, 'message.send', {
      sessionId: s.id,
      clientId: 'x',
      text: 'mine',
    });
    expect(other.seq).toBe(first.seq + 1);
    // Concurrent retries store one message.
    const burst = await Promise.all(
      [1, 2, 3, 4].map(() =>
        ok<{ seq: number }>(a.socket, 'message.send', {
          sessionId: s.id,
          clientId: 'y',
          text: 'race',
        }),
      ),
    );
    expect(new Set(burst.map((r) => r.seq)).size).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(heard.map((m) => m.clientId + m.author.id)).toEqual([
      'x' + s.members[0].id,
      'x' + s.members[1].id,
      'y' + s.members[0].id,
    ]);
    const count = await t.sql<{ n: number }>(
      'SELECT count(*)::int AS n FROM room_event WHERE roundtable_id = $1',
      [s.id],
    );
    expect(count[0].n).toBe(3);
  });

  it('validates the payload: text 1–2,000 characters, not blank; a clientId', async () => {
    const s = await session(t, { registered: 1 });
    const { socket } = await joined(t, s.members[0], s.id);
    const send = (payload: Record<string, unknown>) =>
      ack(socket, 'message.send', { sessionId: s.id, ...payload });
    expect(refusal(await send({ clientId: 'a', text: '' })).fields?.text).toBeDefined();
    expect(refusal(await send({ clientId: 'a', text: '   ' })).fields?.text).toBeDefined();
    expect(refusal(await send({ clientId: 'a', text: 'x'.repeat(2001) })).code).toBe(
      'BAD_USER_INPUT',
    );
    expect(refusal(await send({ text: 'no id' })).fields?.clientId).toBeDefined();
    expect(refusal(await send({ clientId: 'a b', text: 'x' })).fields?.clientId).toBeDefined();
    expect(
      (
        await ok<{ seq: number }>(socket, 'message.send', {
          sessionId: s.id,
          clientId: 'a',
          text: 'x'.repeat(2000),
        })
      ).seq,
    ).toBe(1);
  });

  it('refuses to send before joining', async () => {
    const s = await session(t, { registered: 1 });
    const socket = await connect(t, s.members[0]);
    const result = await ack(socket, 'message.send', {
      sessionId: s.id,
      clientId: 'a',
      text: 'hi',
    });
    expect(refusal(result)).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_IN_ROOM' });
  });

  it('gives gap-free seqs under concurrent sends from several clients, delivered in order', async () => {
    const s = await session(t, { registered: 4 });
    const senders = await Promise.all(s.members.map((m) => joined(t, m, s.id)));
    const watcher = await joined(t, s.host, s.id);
    const heard = collect<WireMessage>(watcher.socket, 'message.new');
    const perSender = 25;
    const acks = await Promise.all(
      senders.flatMap(({ socket }, i) =>
        Array.from({ length: perSender }, (_, j) =>
          ok<{ seq: number }>(socket, 'message.send', {
            sessionId: s.id,
            clientId: `s${i}-${j}`,
            text: `m ${i} ${j}`,
          }),
        ),
      ),
    );
    const total = senders.length * perSender;
    expect(acks.map((a) => a.seq).sort((x, y) => x - y)).toEqual(
      Array.from({ length: total }, (_, i) => i + 1),
    );
    await eventually(() => heard.length === total, 10_000);
    expect(heard.map((m) => m.seq)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
  });

  it('resumes after a dropped connection with exactly the events missed, once, in order', async () => {
    const s = await session(t, { registered: 2 });
    const talker = await joined(t, s.members[0], s.id);
    const dropper = await joined(t, s.members[1], s.id);
    const heard = collect<WireMessage>(dropper.socket, 'message.new');
    for (let i = 1; i <= 3; i++) {
      await ok(talker.socket, 'message.send', {
        sessionId: s.id,
        clientId: `a${i}`,
        text: `before ${i}`,
      });
    }
    await eventually(() => heard.length === 3);
    const lastSeq = heard[2].seq;
    dropper.socket.disconnect();
    for (let i = 1; i <= 4; i++) {
      await ok(talker.socket, 'message.send', {
        sessionId: s.id,
        clientId: `b${i}`,
        text: `missed ${i}`,
      });
    }
    const back = await connect(t, s.members[1]);
    const resumed = await ok<Resumed>(back, 'session.resume', {
      sessionId: s.id,
      afterSeq: lastSeq,
    });
    expect(resumed.truncated).toBe(false);
    expect(resumed.events.map((e) => [e.seq, e.type])).toEqual([
      [4, 'message.new'],
      [5, 'message.new'],
      [6, 'message.new'],
      [7, 'message.new'],
    ]);
    expect(resumed.events[0].payload).toMatchObject({
      sessionId: s.id,
      seq: 4,
      text: 'missed 1',
      clientId: 'b1',
    });
    expect(resumed.lastSeq).toBe(7);
    expect(resumed.roster.map((m) => m.id).sort()).toEqual(
      [s.members[0].id, s.members[1].id].sort(),
    );
    // Back in the room: new messages arrive live.
    const live = collect<WireMessage>(back, 'message.new');
    await ok(talker.socket, 'message.send', {
      sessionId: s.id,
      clientId: 'c1',
      text: 'welcome back',
    });
    await eventually(() => live.length === 1);
    expect(live[0].seq).toBe(8);
    // Nothing missed: an empty replay.
    const none = await ok<Resumed>(back, 'session.resume', { sessionId: s.id, afterSeq: 8 });
    expect(none).toMatchObject({ events: [], lastSeq: 8, truncated: false });
    expect(refusal(await ack(back, 'session.resume', { sessionId: s.id, afterSeq: -1 })).code).toBe(
      'BAD_USER_INPUT',
    );
  });

  it('replays up to 1,000 events; past that none, and truncated', async () => {
    const s = await session(t, { registered: 1 });
    await t.sql(`INSERT INTO room_state (roundtable_id, last_seq) VALUES ($1, 1001)`, [s.id]);
    await t.sql(
      `INSERT INTO room_event (roundtable_id, seq, type, payload, actor_id)
       SELECT $1, i, 'message.new', jsonb_build_object('clientId', 'g' || i, 'text', 'n' || i), $2
         FROM generate_series(1, 1001) i`,
      [s.id, s.members[0].id],
    );
    const { socket } = await joined(t, s.members[0], s.id);
    const cut = await ok<Resumed>(socket, 'session.resume', { sessionId: s.id, afterSeq: 0 });
    expect(cut).toMatchObject({ truncated: true, events: [], lastSeq: 1001 });
    const full = await ok<Resumed>(socket, 'session.resume', { sessionId: s.id, afterSeq: 1 });
    expect(full.truncated).toBe(false);
    expect(full.events).toHaveLength(1000);
    expect(full.events[0].seq).toBe(2);
    expect(full.events[999].seq).toBe(1001);
    expect(full.lastSeq).toBe(1001);
    // The join snapshot carries the last 100 messages.
    const snap = await joined(t, s.members[0], s.id);
    expect(snap.snapshot.messages).toHaveLength(100);
    expect(snap.snapshot.messages[0].seq).toBe(902);
    expect(snap.snapshot.lastSeq).toBe(1001);
  });
});
