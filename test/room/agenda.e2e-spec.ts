import { startTestApp, TestApp } from '../support/test-app';
import {
  act,
  collect,
  enter,
  expectOk,
  expectRefused,
  liveRoom,
  resume,
  Wire,
} from './activities-support';

interface AgendaChanged extends Wire {
  index: number | null;
  item: { title: string; minutes: number } | null;
  startedAt: string | null;
  endsAt: string | null;
  finished: boolean;
  total: number;
}
type Seq = { seq: number };

const AGENDA = [
  { title: 'Welcome', minutes: 10 },
  { title: 'Dashboards', minutes: 30 },
  { title: 'Wrap-up', minutes: 5 },
];
const MINUTE = 60_000;

describe('live room: the agenda', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  it('starts on the first item when the session goes LIVE, as the join snapshot shows', async () => {
    const room = await liveRoom(t, { members: 1, agenda: AGENDA });
    const [row] = await t.sql<{ started_at: Date }>(
      'SELECT started_at FROM roundtable WHERE id = $1',
      [room.id],
    );
    const started = row.started_at.toISOString();
    expect(room.members[0].snapshot.agenda).toEqual({
      index: 0,
      item: AGENDA[0],
      startedAt: started,
      endsAt: new Date(row.started_at.getTime() + 10 * MINUTE).toISOString(),
      finished: false,
      total: 3,
      items: [
        { ...AGENDA[0], startedAt: started, endedAt: null, actualMinutes: null },
        { ...AGENDA[1], startedAt: null, endedAt: null, actualMinutes: null },
        { ...AGENDA[2], startedAt: null, endedAt: null, actualMinutes: null },
      ],
    });
  });

  it('agenda.advance moves to the next item; everyone gets agenda.changed with its end time', async () => {
    const room = await liveRoom(t, { members: 2, agenda: AGENDA });
    const events = room.members.map((m) => collect<AgendaChanged>(m.socket, 'agenda.changed'));
    const ack = expectOk(
      await act<Seq & AgendaChanged>(room.host, 'agenda.advance', { sessionId: room.id }),
    );
    expect(ack).toMatchObject({ index: 1, item: AGENDA[1], finished: false, total: 3 });
    for (const received of events) {
      const event = await received.find(ack.seq);
      expect(event).toEqual({
        sessionId: room.id,
        seq: ack.seq,
        index: 1,
        item: AGENDA[1],
        startedAt: ack.startedAt,
        endsAt: expect.any(String),
        finished: false,
        total: 3,
      });
      expect(Date.parse(event.endsAt ?? '') - Date.parse(event.startedAt ?? '')).toBe(30 * MINUTE);
      expect(Math.abs(Date.parse(event.startedAt ?? '') - Date.now())).toBeLessThan(10_000);
    }

    // A later joiner sees where it is, with the first item's actual times.
    room.members[0].socket.disconnect();
    const again = await enter(t, room.members[0], room.id);
    const agenda = again.snapshot.agenda as AgendaChanged & {
      items: Array<{ startedAt: string | null; endedAt: string | null }>;
    };
    expect(agenda).toMatchObject({ index: 1, item: AGENDA[1], startedAt: ack.startedAt });
    expect(agenda.items[0].endedAt).toBe(ack.startedAt);
    expect(agenda.items[1]).toMatchObject({ startedAt: ack.startedAt, endedAt: null });
  });

  it('finishes after the last item, then refuses to advance (BAD_USER_INPUT)', async () => {
    const room = await liveRoom(t, { members: 1, agenda: AGENDA });
    const events = collect<AgendaChanged>(room.members[0].socket, 'agenda.changed');
    expectOk(await act(room.host, 'agenda.advance', { sessionId: room.id }));
    expectOk(await act(room.host, 'agenda.advance', { sessionId: room.id }));
    const last = expectOk(await act<Seq>(room.host, 'agenda.advance', { sessionId: room.id }));
    expect(await events.find(last.seq)).toMatchObject({
      index: null,
      item: null,
      startedAt: null,
      endsAt: null,
      finished: true,
      total: 3,
    });
    expectRefused(
      await act(room.host, 'agenda.advance', { sessionId: room.id }),
      'BAD_USER_INPUT',
      'AGENDA_FINISHED',
    );
  });

  it('with `from`, advances only from that item: a double click is CONFLICT, not a skip', async () => {
    const room = await liveRoom(t, { members: 1, agenda: AGENDA });
    const [first, second] = await Promise.all([
      act<Seq & AgendaChanged>(room.host, 'agenda.advance', { sessionId: room.id, from: 0 }),
      act<Seq & AgendaChanged>(room.host, 'agenda.advance', { sessionId: room.id, from: 0 }),
    ]);
    const oks = [first, second].filter((ack) => ack.ok);
    expect(oks).toHaveLength(1);
    expect(oks[0]).toMatchObject({ index: 1 });
    const refused = [first, second].find((ack) => !ack.ok);
    expectRefused(refused ?? first, 'CONFLICT', 'AGENDA_MOVED');
  });

  it('is for facilitators and moderators only (FORBIDDEN)', async () => {
    const room = await liveRoom(t, { members: 1 });
    expectRefused(
      await act(room.members[0], 'agenda.advance', { sessionId: room.id }),
      'FORBIDDEN',
      'NOT_A_FACILITATOR',
    );
  });

  it.each([
    ['a negative from', { from: -1 }, 'from'],
    ['a from that is not a whole number', { from: 1.5 }, 'from'],
    ['an unknown field', { index: 1 }, 'index'],
  ])('refuses %s with BAD_USER_INPUT', async (_what, extra, field) => {
    const room = await liveRoom(t, { members: 0 });
    const error = expectRefused(
      await act(room.host, 'agenda.advance', { sessionId: room.id, ...extra }),
      'BAD_USER_INPUT',
    );
    expect(Object.keys(error.fields ?? {})).toEqual([field]);
  });

  it('does not advance in the lobby (BAD_USER_INPUT): the agenda starts with the session', async () => {
    const room = await liveRoom(t, { members: 0, lobby: true });
    expect(room.host.snapshot.agenda).toMatchObject({ index: null, finished: false, total: 2 });
    expectRefused(
      await act(room.host, 'agenda.advance', { sessionId: room.id }),
      'BAD_USER_INPUT',
      'NOT_LIVE',
    );
  });

  it('replays agenda.changed through session.resume', async () => {
    const room = await liveRoom(t, { members: 1, agenda: AGENDA });
    const from = room.members[0].snapshot.lastSeq;
    const one = expectOk(await act<Seq>(room.host, 'agenda.advance', { sessionId: room.id }));
    const two = expectOk(await act<Seq>(room.host, 'agenda.advance', { sessionId: room.id }));
    const resumed = await resume(t, room.members[0], room.id, from);
    expect(resumed.events).toEqual([
      {
        seq: one.seq,
        type: 'agenda.changed',
        payload: expect.objectContaining({ sessionId: room.id, seq: one.seq, index: 1 }),
      },
      {
        seq: two.seq,
        type: 'agenda.changed',
        payload: expect.objectContaining({ seq: two.seq, index: 2, item: AGENDA[2] }),
      },
    ]);
  });
});
