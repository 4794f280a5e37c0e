import { startTestApp, TestApp } from '../support/test-app';
import {
  act,
  collect,
  describeWithRedis,
  enter,
  expectOk,
  expectRefused,
  liveRoom,
  resume,
  sleep,
  twoNodes,
  Wire,
} from './activities-support';

interface Burst {
  sessionId: string;
  reactions: Array<{ emoji: string; seq: number | null; count: number }>;
  windowMs: number;
}

describe('live room: reactions', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  it('gathers reactions into one reaction.burst per short window, to everyone', async () => {
    const room = await liveRoom(t, { members: 3 });
    const bursts = [room.host, ...room.members].map((who) =>
      collect<Burst & Wire>(who.socket, 'reaction.burst'),
    );
    const acks = await Promise.all([
      ...room.members.map((m) => act(m, 'reaction.send', { sessionId: room.id, emoji: '👏' })),
      act(room.members[0], 'reaction.send', { sessionId: room.id, emoji: '🎉' }),
    ]);
    for (const ack of acks) expect(ack).toEqual({ ok: true });
    await sleep(600);
    for (const received of bursts) {
      expect(received.items).toEqual([
        {
          sessionId: room.id,
          reactions: [
            { emoji: '👏', seq: null, count: 3 },
            { emoji: '🎉', seq: null, count: 1 },
          ],
          windowMs: 250,
        },
      ]);
    }
  });

  it('counts reactions on a message per (seq, emoji) for the record, not one by one in the log', async () => {
    const room = await liveRoom(t, { members: 2 });
    const [a, b] = room.members;
    const sent = expectOk(
      await act<{ seq: number }>(a, 'message.send', {
        sessionId: room.id,
        clientId: 'm1',
        text: 'Hello',
      }),
    );
    const bursts = collect<Burst & Wire>(a.socket, 'reaction.burst');
    expectOk(await act(a, 'reaction.send', { sessionId: room.id, emoji: '👍', seq: sent.seq }));
    expectOk(await act(b, 'reaction.send', { sessionId: room.id, emoji: '👍', seq: sent.seq }));
    expectOk(await act(b, 'reaction.send', { sessionId: room.id, emoji: '💡', seq: sent.seq }));
    const burst = await bursts.find((item) => item.reactions.some((r) => r.seq === sent.seq));
    expect(burst.reactions).toEqual(
      expect.arrayContaining([{ emoji: '👍', seq: sent.seq, count: expect.any(Number) }]),
    );
    await sleep(400);
    const counts = await t.sql(
      `SELECT seq, emoji, count FROM roundtable_reaction_count WHERE roundtable_id = $1 ORDER BY emoji`,
      [room.id],
    );
    expect(counts).toEqual(
      expect.arrayContaining([
        { seq: sent.seq, emoji: '👍', count: 2 },
        { seq: sent.seq, emoji: '💡', count: 1 },
      ]),
    );
    expect(counts).toHaveLength(2);
    const logged = await t.sql(
      `SELECT type FROM room_event WHERE roundtable_id = $1 AND type LIKE 'reaction%'`,
      [room.id],
    );
    expect(logged).toEqual([]);
    const resumed = await resume(t, a, room.id, 0);
    expect(resumed.events.map((e) => e.type)).not.toContain('reaction.burst');
  });

  it('throttles each member: past 5 a second, RATE_LIMITED with retryAfter', async () => {
    const room = await liveRoom(t, { members: 2 });
    const [a, b] = room.members;
    const acks = await Promise.all(
      Array.from({ length: 7 }, () => act(a, 'reaction.send', { sessionId: room.id, emoji: '🔥' })),
    );
    expect(acks.filter((ack) => ack.ok)).toHaveLength(5);
    const refused = acks.filter((ack) => !ack.ok);
    expect(refused).toHaveLength(2);
    const error = expectRefused(refused[0], 'RATE_LIMITED');
    expect(error.retryAfter).toBe(1);
    // Someone else is not held back.
    expectOk(await act(b, 'reaction.send', { sessionId: room.id, emoji: '🔥' }));
    await sleep(1100);
    expectOk(await act(a, 'reaction.send', { sessionId: room.id, emoji: '🔥' }));
  });

  describe('refusals', () => {
    let room: Awaited<ReturnType<typeof liveRoom>>;
    beforeAll(async () => {
      room = await liveRoom(t, { members: 1 });
    });

    it('a seq that is not a message of this session is NOT_FOUND', async () => {
      const [a] = room.members;
      const raised = expectOk(await act<{ seq: number }>(a, 'hand.raise', { sessionId: room.id }));
      for (const seq of [raised.seq, raised.seq + 1000]) {
        expectRefused(
          await act(a, 'reaction.send', { sessionId: room.id, emoji: '👍', seq }),
          'NOT_FOUND',
          'MESSAGE_NOT_FOUND',
        );
      }
    });

    it.each([
      ['an emoji not in the palette', { emoji: '🍕' }, 'emoji'],
      ['text for an emoji', { emoji: 'thumbs up' }, 'emoji'],
      ['no emoji', {}, 'emoji'],
      ['seq 0', { emoji: '👍', seq: 0 }, 'seq'],
      ['a seq that is not a number', { emoji: '👍', seq: '3' }, 'seq'],
    ])('refuses %s with BAD_USER_INPUT', async (_what, extra, field) => {
      const error = expectRefused(
        await act(room.members[0], 'reaction.send', { sessionId: room.id, ...extra }),
        'BAD_USER_INPUT',
      );
      expect(Object.keys(error.fields ?? {})).toEqual([field]);
    });

    it('takes none in the lobby (BAD_USER_INPUT)', async () => {
      const lobby = await liveRoom(t, { members: 1, lobby: true });
      expectRefused(
        await act(lobby.members[0], 'reaction.send', { sessionId: lobby.id, emoji: '👍' }),
        'BAD_USER_INPUT',
        'NOT_LIVE',
      );
    });

    it('refuses a member who has not joined (FORBIDDEN)', async () => {
      const other = await liveRoom(t, { members: 0, outside: 1 });
      const socket = t.live(other.outside[0].accessToken);
      expectRefused(
        await act({ socket }, 'reaction.send', { sessionId: other.id, emoji: '👍' }),
        'FORBIDDEN',
        'NOT_IN_ROOM',
      );
    });
  });
});

describeWithRedis('live room: reactions across two API nodes (Redis)', () => {
  let nodes: TestApp[] = [];
  beforeAll(async () => {
    nodes = await twoNodes();
  });
  afterAll(async () => {
    for (const node of [...nodes].reverse()) await node.close();
  });

  it('sends each node’s bursts to the whole room, and throttles a member across nodes', async () => {
    const [a, b] = nodes;
    const room = await liveRoom(a, { members: 1 });
    const [member] = room.members;
    const onB = await enter(b, member, room.id);
    const bursts = collect<Burst & Wire>(room.host.socket, 'reaction.burst');
    expectOk(await act(onB, 'reaction.send', { sessionId: room.id, emoji: '🙌' }));
    const burst = await bursts.find((item) => item.reactions.some((r) => r.emoji === '🙌'));
    expect(burst.reactions).toEqual([{ emoji: '🙌', seq: null, count: 1 }]);

    // One limit for the member, wherever their sockets are: 5 a second in all.
    await sleep(1100);
    const acks = await Promise.all(
      [member, onB, member, onB, member, onB, member].map((who) =>
        act(who, 'reaction.send', { sessionId: room.id, emoji: '👍' }),
      ),
    );
    expect(acks.filter((ack) => ack.ok)).toHaveLength(5);
    for (const ack of acks.filter((x) => !x.ok)) expectRefused(ack, 'RATE_LIMITED');
    // Leave while Redis is still up: a node closing with sockets in a room emits their departure
    // through the adapter after its Redis client quit ("The client is closed"), failing the run.
    for (const who of [room.host, member, onB]) who.socket.disconnect();
    await sleep(500);
  });
});
