import { quickMembers } from '../roundtables/support';
import { startTestApp, TestApp } from '../support/test-app';
import {
  act,
  collect,
  describeWithRedis,
  enter,
  expectOk,
  expectRefused,
  liveRoom,
  LiveRoom,
  makeModerator,
  MemberRef,
  resume,
  sleep,
  twoNodes,
  Wire,
} from './activities-support';

interface QueueChanged extends Wire {
  queue: Array<{ member: MemberRef; raisedAt: string; hasSpoken: boolean }>;
}
interface FloorChanged extends Wire {
  speaker: MemberRef | null;
  startedAt: string | null;
  previous: { speaker: MemberRef; startedAt: string; endedAt: string } | null;
}
type Seq = { seq: number };

const handles = (event: QueueChanged) => event.queue.map((entry) => entry.member.handle);

describe('live room: the speaking queue and the floor', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  describe('raising and lowering hands', () => {
    let room: LiveRoom;
    beforeAll(async () => {
      room = await liveRoom(t, { members: 3 });
    });

    it('hand.raise acks its seq and place; everyone, the sender too, gets queue.changed', async () => {
      const [a] = room.members;
      const seen = [a, room.host].map((who) => collect<QueueChanged>(who.socket, 'queue.changed'));
      const ack = expectOk(
        await act<Seq & { position: number }>(a, 'hand.raise', { sessionId: room.id }),
      );
      expect(ack).toEqual({ ok: true, seq: expect.any(Number), position: 1 });
      for (const events of seen) {
        expect(await events.find(ack.seq)).toEqual({
          sessionId: room.id,
          seq: ack.seq,
          queue: [
            {
              member: { id: a.id, handle: a.handle, displayName: expect.any(String) },
              raisedAt: expect.any(String),
              hasSpoken: false,
            },
          ],
        });
      }
    });

    it('raising again changes nothing: seq null, same place, no event', async () => {
      const [a] = room.members;
      const events = collect(room.host.socket, 'queue.changed');
      const ack = expectOk(await act(a, 'hand.raise', { sessionId: room.id }));
      expect(ack).toEqual({ ok: true, seq: null, position: 1 });
      await sleep(200);
      events.stop();
      expect(events.items).toEqual([]);
    });

    it('queues later hands after earlier ones, and hand.lower takes one out', async () => {
      const [a, b] = room.members;
      const events = collect<QueueChanged>(room.host.socket, 'queue.changed');
      const raised = expectOk(await act<Seq>(b, 'hand.raise', { sessionId: room.id }));
      expect(handles(await events.find(raised.seq))).toEqual([a.handle, b.handle]);
      const ack = expectOk(await act<Seq>(a, 'hand.lower', { sessionId: room.id }));
      expect(ack).toEqual({ ok: true, seq: expect.any(Number), position: null });
      expect(handles(await events.find(ack.seq))).toEqual([b.handle]);
      // Not raised: a no-op.
      expect(expectOk(await act(a, 'hand.lower', { sessionId: room.id }))).toEqual({
        ok: true,
        seq: null,
        position: null,
      });
    });

    it("lets facilitators lower someone else's hand, and no one else", async () => {
      const [a, b] = room.members;
      expectRefused(
        await act(a, 'hand.lower', { sessionId: room.id, handle: b.handle }),
        'FORBIDDEN',
        'NOT_A_FACILITATOR',
      );
      const events = collect<QueueChanged>(b.socket, 'queue.changed');
      const ack = expectOk(
        await act<Seq>(room.host, 'hand.lower', { sessionId: room.id, handle: `@${b.handle}` }),
      );
      expect((await events.find(ack.seq)).queue).toEqual([]);
    });
  });

  describe('giving the floor, fairly', () => {
    it('gives the next in line, drops their hand, and ranks those who spoke after the rest', async () => {
      const room = await liveRoom(t, { members: 3 });
      const [a, b, c] = room.members;
      const floor = collect<FloorChanged>(c.socket, 'floor.changed');
      const queue = collect<QueueChanged>(c.socket, 'queue.changed');

      // a speaks first, called on by name without raising a hand.
      const first = expectOk(
        await act<Seq & { speaker: MemberRef; startedAt: string }>(room.host, 'floor.give', {
          sessionId: room.id,
          handle: a.handle,
        }),
      );
      expect(first.speaker.handle).toBe(a.handle);
      const event = await floor.find(first.seq);
      expect(event).toEqual({
        sessionId: room.id,
        seq: first.seq,
        speaker: { id: a.id, handle: a.handle, displayName: expect.any(String) },
        startedAt: first.startedAt,
        previous: null,
      });
      expect(Math.abs(Date.parse(event.startedAt ?? '') - Date.now())).toBeLessThan(10_000);
      expectOk(await act(room.host, 'floor.end', { sessionId: room.id }));

      // a raises before b and c, but has spoken: b and c go first.
      expectOk(await act(a, 'hand.raise', { sessionId: room.id }));
      expectOk(await act(b, 'hand.raise', { sessionId: room.id }));
      const third = expectOk(
        await act<Seq & { position: number }>(c, 'hand.raise', { sessionId: room.id }),
      );
      expect(third.position).toBe(2);
      const queued = await queue.find(third.seq);
      expect(handles(queued)).toEqual([b.handle, c.handle, a.handle]);
      expect(queued.queue.map((entry) => entry.hasSpoken)).toEqual([false, false, true]);

      const toB = expectOk(await act<Seq>(room.host, 'floor.give', { sessionId: room.id }));
      expect((await floor.find(toB.seq)).speaker?.handle).toBe(b.handle);
      // The same transaction stores the queue without b, right after.
      expect(handles(await queue.find(toB.seq + 1))).toEqual([c.handle, a.handle]);

      // Giving the next while b speaks ends b's turn in the same event.
      const toC = expectOk(await act<Seq>(room.host, 'floor.give', { sessionId: room.id }));
      const handover = await floor.find(toC.seq);
      expect(handover.speaker?.handle).toBe(c.handle);
      expect(handover.previous?.speaker.handle).toBe(b.handle);
      expect(handover.previous?.endedAt).toBe(handover.startedAt);

      const ended = expectOk(await act<Seq>(room.host, 'floor.end', { sessionId: room.id }));
      expect(await floor.find(ended.seq)).toMatchObject({
        speaker: null,
        startedAt: null,
        previous: { speaker: { handle: c.handle }, startedAt: handover.startedAt },
      });
      expect(handles(await queue.find((e) => e.seq > toC.seq))).toEqual([a.handle]);
    });

    it('lets a moderator who is not a facilitator run the floor', async () => {
      const room = await liveRoom(t, { members: 1 });
      const [moderator] = await quickMembers(t, 1);
      await makeModerator(t, moderator);
      const inRoom = await enter(t, moderator, room.id);
      expectOk(
        await act(inRoom, 'floor.give', { sessionId: room.id, handle: room.members[0].handle }),
      );
    });
  });

  describe('refusals', () => {
    let room: Awaited<ReturnType<typeof liveRoom>>;
    beforeAll(async () => {
      room = await liveRoom(t, { members: 2, outside: 1 });
    });

    it('floor.give and floor.end are for facilitators and moderators (FORBIDDEN)', async () => {
      const [a] = room.members;
      for (const event of ['floor.give', 'floor.end']) {
        expectRefused(
          await act(a, event, { sessionId: room.id }),
          'FORBIDDEN',
          'NOT_A_FACILITATOR',
        );
      }
    });

    it('floor.give with nobody in line, or floor.end with nobody speaking: BAD_USER_INPUT', async () => {
      const error = expectRefused(
        await act(room.host, 'floor.give', { sessionId: room.id }),
        'BAD_USER_INPUT',
        'QUEUE_EMPTY',
      );
      expect(error.message).toMatch(/handle/);
      expectRefused(
        await act(room.host, 'floor.end', { sessionId: room.id }),
        'BAD_USER_INPUT',
        'NO_SPEAKER',
      );
    });

    it('floor.give to an unknown handle is NOT_FOUND; to a member not in the room, BAD_USER_INPUT', async () => {
      expectRefused(
        await act(room.host, 'floor.give', { sessionId: room.id, handle: 'nobody-here-at-all' }),
        'NOT_FOUND',
        'MEMBER_NOT_FOUND',
      );
      const error = expectRefused(
        await act(room.host, 'floor.give', { sessionId: room.id, handle: room.outside[0].handle }),
        'BAD_USER_INPUT',
        'SPEAKER_NOT_IN_ROOM',
      );
      expect(error.fields).toEqual({ handle: ['is not in the room'] });
    });

    it('giving the floor to who has it, or raising a hand while speaking: BAD_USER_INPUT', async () => {
      const [a] = room.members;
      expectOk(await act(room.host, 'floor.give', { sessionId: room.id, handle: a.handle }));
      expectRefused(
        await act(room.host, 'floor.give', { sessionId: room.id, handle: a.handle }),
        'BAD_USER_INPUT',
        'ALREADY_SPEAKING',
      );
      expectRefused(
        await act(a, 'hand.raise', { sessionId: room.id }),
        'BAD_USER_INPUT',
        'ALREADY_SPEAKING',
      );
      expectOk(await act(room.host, 'floor.end', { sessionId: room.id }));
    });

    it('refuses a registered member who never joined the room (FORBIDDEN)', async () => {
      const socket = t.live(room.outside[0].accessToken);
      expectRefused(
        await act({ socket }, 'hand.raise', { sessionId: room.id }),
        'FORBIDDEN',
        'NOT_IN_ROOM',
      );
    });

    it('refuses a member removed from the room, and leaves their hand out of the queue', async () => {
      const extra = await liveRoom(t, { members: 2 });
      const [a, b] = extra.members;
      expectOk(await act(a, 'hand.raise', { sessionId: extra.id }));
      expectOk(await act(b, 'hand.raise', { sessionId: extra.id }));
      expectOk(
        await act(extra.host, 'participant.remove', { sessionId: extra.id, handle: a.handle }),
      );
      expectRefused(await act(a, 'hand.lower', { sessionId: extra.id }), 'FORBIDDEN', 'REMOVED');
      const events = collect<QueueChanged>(extra.host.socket, 'queue.changed');
      const floor = collect<FloorChanged>(b.socket, 'floor.changed');
      const given = expectOk(await act<Seq>(extra.host, 'floor.give', { sessionId: extra.id }));
      expect((await floor.find(given.seq)).speaker).toMatchObject({ handle: b.handle });
      expect((await events.find(given.seq + 1)).queue).toEqual([]);
    });

    it('refuses a suspended member (FORBIDDEN), who may still watch', async () => {
      const extra = await liveRoom(t, { members: 1 });
      const [a] = extra.members;
      await t.sql(`UPDATE account SET suspended_until = now() + interval '1 day' WHERE id = $1`, [
        a.id,
      ]);
      a.socket.disconnect();
      const again = await enter(t, a, extra.id);
      expectRefused(
        await act(again, 'hand.raise', { sessionId: extra.id }),
        'FORBIDDEN',
        'SUSPENDED',
      );
    });

    it.each([
      ['no sessionId', {}, 'sessionId'],
      ['a sessionId that is not a uuid', { sessionId: 'abc' }, 'sessionId'],
      ['an unknown field', { sessionId: '00000000-0000-4000-8000-000000000000', x: 1 }, 'x'],
    ])('refuses %s with BAD_USER_INPUT naming the field', async (_what, payload, field) => {
      const error = expectRefused(
        await act(room.members[0], 'hand.raise', payload),
        'BAD_USER_INPUT',
      );
      expect(Object.keys(error.fields ?? {})).toContain(field);
    });

    it('refuses a malformed handle', async () => {
      const error = expectRefused(
        await act(room.host, 'floor.give', { sessionId: room.id, handle: 'not a handle!' }),
        'BAD_USER_INPUT',
      );
      expect(Object.keys(error.fields ?? {})).toEqual(['handle']);
    });

    it('refuses an unknown session with NOT_FOUND', async () => {
      expectRefused(
        await act(room.host, 'hand.raise', { sessionId: '00000000-0000-4000-8000-000000000000' }),
        'NOT_FOUND',
      );
    });
  });

  it('takes none of it in the lobby: BAD_USER_INPUT until the session is LIVE', async () => {
    const room = await liveRoom(t, { members: 1, lobby: true });
    const error = expectRefused(
      await act(room.members[0], 'hand.raise', { sessionId: room.id }),
      'BAD_USER_INPUT',
      'NOT_LIVE',
    );
    expect(error.message).toMatch(/lobby/);
    expectRefused(
      await act(room.host, 'floor.give', { sessionId: room.id, handle: room.members[0].handle }),
      'BAD_USER_INPUT',
      'NOT_LIVE',
    );
  });

  it('shows the queue and the floor in the join snapshot; session.resume replays them', async () => {
    const room = await liveRoom(t, { members: 3 });
    const [a, b, c] = room.members;
    const from = room.host.snapshot.lastSeq;
    expectOk(await act(a, 'hand.raise', { sessionId: room.id }));
    expectOk(await act(b, 'hand.raise', { sessionId: room.id }));
    expectOk(await act(room.host, 'floor.give', { sessionId: room.id }));

    c.socket.disconnect();
    const late = await enter(t, c, room.id);
    expect(late.snapshot.queue).toEqual([
      {
        member: expect.objectContaining({ handle: b.handle }),
        raisedAt: expect.any(String),
        hasSpoken: false,
      },
    ]);
    expect(late.snapshot.floor).toEqual({
      speaker: expect.objectContaining({ handle: a.handle }),
      startedAt: expect.any(String),
    });

    const resumed = await resume(t, c, room.id, from);
    expect(resumed.truncated).toBe(false);
    expect(resumed.events.map((e) => e.type)).toEqual([
      'queue.changed',
      'queue.changed',
      'floor.changed',
      'queue.changed',
    ]);
    expect(resumed.events.map((e) => e.seq)).toEqual([from + 1, from + 2, from + 3, from + 4]);
    expect(resumed.events[2].payload).toMatchObject({
      sessionId: room.id,
      seq: from + 3,
      speaker: { handle: a.handle },
    });
    expect(handles(resumed.events[3].payload as QueueChanged)).toEqual([b.handle]);
  });
});

describeWithRedis('live room: the queue and the floor across two API nodes (Redis)', () => {
  let nodes: TestApp[] = [];
  beforeAll(async () => {
    nodes = await twoNodes();
  });
  afterAll(async () => {
    for (const node of [...nodes].reverse()) await node.close();
  });

  it('carries queue.changed and floor.changed between clients on either node', async () => {
    const [a, b] = nodes;
    const room = await liveRoom(a, { members: 2 });
    const [onA, moving] = room.members;
    moving.socket.disconnect();
    const onB = await enter(b, moving, room.id);
    const queueOnA = collect<QueueChanged>(room.host.socket, 'queue.changed');
    const floorOnB = collect<FloorChanged>(onB.socket, 'floor.changed');

    const raised = expectOk(await act<Seq>(onB, 'hand.raise', { sessionId: room.id }));
    expect(handles(await queueOnA.find(raised.seq))).toEqual([onB.handle]);
    expectOk(await act(onA, 'hand.raise', { sessionId: room.id }));
    const given = expectOk(await act<Seq>(room.host, 'floor.give', { sessionId: room.id }));
    expect((await floorOnB.find(given.seq)).speaker?.handle).toBe(onB.handle);
    expect(handles(await queueOnA.find(given.seq + 1))).toEqual([onA.handle]);
    // Leave while Redis is still up: a node closing with sockets in a room emits their departure
    // through the adapter after its Redis client quit ("The client is closed"), failing the run.
    for (const who of [room.host, onA, onB]) who.socket.disconnect();
    await sleep(500);
  });
});
