import { startTestApp, TestApp } from '../support/test-app';
import {
  act,
  collect,
  enter,
  expectOk,
  expectRefused,
  liveRoom,
  MemberRef,
  resume,
  Wire,
} from './activities-support';

interface LiveTakeaway {
  id: string;
  text: string;
  pinned: boolean;
  pinnedAt: string | null;
  createdAt: string;
  author: MemberRef | null;
}
interface TakeawayEvent extends Wire {
  takeaway: LiveTakeaway;
}
type Seq = { seq: number };
type Added = Seq & { takeawayId: string };

describe('live room: takeaways', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  it('takeaway.add: anyone in the room; everyone gets takeaway.new', async () => {
    const room = await liveRoom(t, { members: 2 });
    const [a, b] = room.members;
    const events = [a, b].map((who) => collect<TakeawayEvent>(who.socket, 'takeaway.new'));
    const ack = expectOk(
      await act<Added>(a, 'takeaway.add', {
        sessionId: room.id,
        text: ' Measure trust, not clicks ',
      }),
    );
    expect(ack).toEqual({ ok: true, seq: expect.any(Number), takeawayId: expect.any(String) });
    for (const received of events) {
      expect(await received.find(ack.seq)).toEqual({
        sessionId: room.id,
        seq: ack.seq,
        takeaway: {
          id: ack.takeawayId,
          text: 'Measure trust, not clicks',
          pinned: false,
          pinnedAt: null,
          createdAt: expect.any(String),
          author: { id: a.id, handle: a.handle, displayName: expect.any(String) },
        },
      });
    }
  });

  it('takeaway.pin and unpin (facilitators): takeaway.changed; pinning twice stores nothing', async () => {
    const room = await liveRoom(t, { members: 1 });
    const [a] = room.members;
    const events = collect<TakeawayEvent>(a.socket, 'takeaway.changed');
    const { takeawayId } = expectOk(
      await act<Added>(a, 'takeaway.add', { sessionId: room.id, text: 'Pin me' }),
    );
    expectRefused(
      await act(a, 'takeaway.pin', { sessionId: room.id, takeawayId }),
      'FORBIDDEN',
      'NOT_A_FACILITATOR',
    );
    const pinned = expectOk(
      await act<Seq>(room.host, 'takeaway.pin', { sessionId: room.id, takeawayId }),
    );
    expect((await events.find(pinned.seq)).takeaway).toMatchObject({
      id: takeawayId,
      pinned: true,
      pinnedAt: expect.any(String),
    });
    expect(
      expectOk(await act(room.host, 'takeaway.pin', { sessionId: room.id, takeawayId })),
    ).toEqual({ ok: true, seq: null });
    const unpinned = expectOk(
      await act<Seq>(room.host, 'takeaway.pin', { sessionId: room.id, takeawayId, pinned: false }),
    );
    expect((await events.find(unpinned.seq)).takeaway).toMatchObject({
      pinned: false,
      pinnedAt: null,
    });
  });

  it('takeaway.remove (facilitators): takeaway.removed, and it is gone from the snapshot', async () => {
    const room = await liveRoom(t, { members: 1 });
    const [a] = room.members;
    const removed = collect<Wire & { takeawayId: string }>(a.socket, 'takeaway.removed');
    const keep = expectOk(
      await act<Added>(a, 'takeaway.add', { sessionId: room.id, text: 'Keep' }),
    );
    const drop = expectOk(
      await act<Added>(a, 'takeaway.add', { sessionId: room.id, text: 'Drop' }),
    );
    expectRefused(
      await act(a, 'takeaway.remove', { sessionId: room.id, takeawayId: drop.takeawayId }),
      'FORBIDDEN',
      'NOT_A_FACILITATOR',
    );
    const ack = expectOk(
      await act<Seq>(room.host, 'takeaway.remove', {
        sessionId: room.id,
        takeawayId: drop.takeawayId,
      }),
    );
    expect(await removed.find(ack.seq)).toEqual({
      sessionId: room.id,
      seq: ack.seq,
      takeawayId: drop.takeawayId,
    });
    // Removed: neither pinned nor removed again.
    for (const event of ['takeaway.pin', 'takeaway.remove']) {
      expectRefused(
        await act(room.host, event, { sessionId: room.id, takeawayId: drop.takeawayId }),
        'NOT_FOUND',
        'TAKEAWAY_NOT_FOUND',
      );
    }
    a.socket.disconnect();
    const again = await enter(t, a, room.id);
    expect((again.snapshot.takeaways as LiveTakeaway[]).map((x) => x.id)).toEqual([
      keep.takeawayId,
    ]);
  });

  it('lists pinned takeaways first in the snapshot, then the rest oldest first', async () => {
    const room = await liveRoom(t, { members: 1 });
    const [a] = room.members;
    const ids: string[] = [];
    for (const text of ['one', 'two', 'three']) {
      ids.push(
        expectOk(await act<Added>(a, 'takeaway.add', { sessionId: room.id, text })).takeawayId,
      );
    }
    expectOk(await act(room.host, 'takeaway.pin', { sessionId: room.id, takeawayId: ids[2] }));
    a.socket.disconnect();
    const again = await enter(t, a, room.id);
    expect((again.snapshot.takeaways as LiveTakeaway[]).map((x) => [x.text, x.pinned])).toEqual([
      ['three', true],
      ['one', false],
      ['two', false],
    ]);
  });

  it('hides authors in Chatham House sessions', async () => {
    const room = await liveRoom(t, { members: 2, chathamHouse: true });
    const [a, b] = room.members;
    const events = collect<TakeawayEvent>(b.socket, 'takeaway.new');
    const ack = expectOk(
      await act<Added>(a, 'takeaway.add', { sessionId: room.id, text: 'Anonymous' }),
    );
    expect((await events.find(ack.seq)).takeaway.author).toBeNull();
  });

  describe('refusals', () => {
    let room: Awaited<ReturnType<typeof liveRoom>>;
    beforeAll(async () => {
      room = await liveRoom(t, { members: 2 });
    });

    it('a muted member may not add one (FORBIDDEN)', async () => {
      const [a] = room.members;
      expectOk(await act(room.host, 'participant.mute', { sessionId: room.id, handle: a.handle }));
      expectRefused(
        await act(a, 'takeaway.add', { sessionId: room.id, text: 'Muted' }),
        'FORBIDDEN',
        'MUTED',
      );
    });

    it('a takeaway of another session is NOT_FOUND', async () => {
      const other = await liveRoom(t, { members: 1 });
      const { takeawayId } = expectOk(
        await act<Added>(other.members[0], 'takeaway.add', { sessionId: other.id, text: 'Theirs' }),
      );
      expectRefused(
        await act(room.host, 'takeaway.pin', { sessionId: room.id, takeawayId }),
        'NOT_FOUND',
        'TAKEAWAY_NOT_FOUND',
      );
    });

    it.each([
      ['takeaway.add', 'an empty text', { text: '  ' }, 'text'],
      ['takeaway.add', 'a 501-character text', { text: 'x'.repeat(501) }, 'text'],
      ['takeaway.pin', 'a takeawayId that is no uuid', { takeawayId: '1' }, 'takeawayId'],
      [
        'takeaway.pin',
        'pinned that is no boolean',
        { takeawayId: '00000000-0000-4000-8000-000000000000', pinned: 'yes' },
        'pinned',
      ],
      ['takeaway.remove', 'no takeawayId', {}, 'takeawayId'],
    ])('%s with %s is BAD_USER_INPUT on the field', async (event, _what, extra, field) => {
      const error = expectRefused(
        await act(room.host, event, { sessionId: room.id, ...extra }),
        'BAD_USER_INPUT',
      );
      expect(Object.keys(error.fields ?? {})).toEqual([field]);
    });

    it('takes none in the lobby (BAD_USER_INPUT)', async () => {
      const lobby = await liveRoom(t, { members: 1, lobby: true });
      expectRefused(
        await act(lobby.members[0], 'takeaway.add', { sessionId: lobby.id, text: 'Early' }),
        'BAD_USER_INPUT',
        'NOT_LIVE',
      );
    });
  });

  it('replays takeaway.new, takeaway.changed and takeaway.removed through session.resume', async () => {
    const room = await liveRoom(t, { members: 1 });
    const [a] = room.members;
    const from = a.snapshot.lastSeq;
    const added = expectOk(await act<Added>(a, 'takeaway.add', { sessionId: room.id, text: 'R' }));
    const pinned = expectOk(
      await act<Seq>(room.host, 'takeaway.pin', {
        sessionId: room.id,
        takeawayId: added.takeawayId,
      }),
    );
    const removed = expectOk(
      await act<Seq>(room.host, 'takeaway.remove', {
        sessionId: room.id,
        takeawayId: added.takeawayId,
      }),
    );
    const resumed = await resume(t, a, room.id, from);
    expect(resumed.events.map((e) => [e.seq, e.type])).toEqual([
      [added.seq, 'takeaway.new'],
      [pinned.seq, 'takeaway.changed'],
      [removed.seq, 'takeaway.removed'],
    ]);
  });
});
