import { JwtService } from '@nestjs/jwt';
import { CANCEL, END, makeModerator } from '../roundtables/support';
import { nextEvent, startTestApp, TestApp, whenRefused } from '../support/test-app';
import {
  ack,
  collect,
  connect,
  eventually,
  joined,
  ok,
  quickMembers,
  refusal,
  register,
  session,
  Snapshot,
} from './support';

describe('live room: joining, leaving, presence', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  it('lets a registered member in: the snapshot has state, roster, agenda, messages and lastSeq', async () => {
    const s = await session(t, { registered: 1 });
    const { snapshot } = await joined(t, s.members[0], s.id);
    expect(snapshot).toMatchObject({
      sessionId: s.id,
      state: 'LIVE',
      locked: false,
      me: { id: s.members[0].id, isFacilitator: false, isModerator: false, muted: false },
      roster: [{ id: s.members[0].id, handle: s.members[0].handle }],
      agenda: {
        items: [
          { title: 'Welcome', minutes: 10 },
          { title: 'Dashboards', minutes: 50 },
        ],
      },
      messages: [],
      lastSeq: 0,
    });
  });

  it('lets facilitators and moderators in without a seat', async () => {
    const s = await session(t, { registered: 0 });
    const [moderator] = await quickMembers(t, 1);
    await makeModerator(t, moderator);
    expect((await joined(t, s.host, s.id)).snapshot.me.isFacilitator).toBe(true);
    expect((await joined(t, moderator, s.id)).snapshot.me.isModerator).toBe(true);
  });

  it('refuses members without a seat, waitlisted members, unknown sessions and bad payloads', async () => {
    const s = await session(t, { registered: 1, capacity: 2 });
    const [stranger, second, waiting] = await quickMembers(t, 3);
    await register(t, s.id, second);
    expect((await register(t, s.id, waiting)).status).toBe('WAITLISTED');

    const strangerSocket = await connect(t, stranger);
    expect(refusal(await ack(strangerSocket, 'session.join', { sessionId: s.id }))).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'NOT_A_PARTICIPANT',
    });
    const waitingSocket = await connect(t, waiting);
    const waitlisted = refusal(await ack(waitingSocket, 'session.join', { sessionId: s.id }));
    expect(waitlisted).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_A_PARTICIPANT' });
    expect(waitlisted.message).toMatch(/waitlist/);

    const unknown = await ack(strangerSocket, 'session.join', {
      sessionId: '00000000-0000-4000-8000-000000000000',
    });
    expect(refusal(unknown).code).toBe('NOT_FOUND');
    const bad = refusal(await ack(strangerSocket, 'session.join', { sessionId: 'nope' }));
    expect(bad).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(bad.fields?.sessionId).toBeDefined();
    const extra = await ack(strangerSocket, 'session.join', { sessionId: s.id, sneaky: true });
    expect(refusal(extra).code).toBe('BAD_USER_INPUT');
    expect(refusal(await ack(strangerSocket, 'session.join', 'text')).code).toBe('BAD_USER_INPUT');
  });

  it('opens a lobby 15 minutes before the start, and not earlier', async () => {
    const s = await session(t, { registered: 1, live: false });
    const socket = await connect(t, s.members[0]);
    expect(refusal(await ack(socket, 'session.join', { sessionId: s.id }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'NOT_OPEN_YET',
    });
    await t.sql(`UPDATE roundtable SET starts_at = now() + interval '14 minutes' WHERE id = $1`, [
      s.id,
    ]);
    const snapshot = await ok<Snapshot>(socket, 'session.join', { sessionId: s.id });
    expect(snapshot.state).toBe('SCHEDULED');
    // Chat works in the lobby.
    expect(
      (
        await ok<{ seq: number }>(socket, 'message.send', {
          sessionId: s.id,
          clientId: 'l1',
          text: 'early!',
        })
      ).seq,
    ).toBe(1);
  });

  it('refuses ended and cancelled sessions with BAD_USER_INPUT', async () => {
    const ended = await session(t, { registered: 1 });
    expect((await t.gql(END, { id: ended.id }, ended.host.accessToken)).errors).toBeUndefined();
    const socket = await connect(t, ended.members[0]);
    expect(refusal(await ack(socket, 'session.join', { sessionId: ended.id }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'SESSION_CLOSED',
    });
    const cancelled = await session(t, { registered: 1, live: false });
    await t.gql(CANCEL, { id: cancelled.id, reason: 'ill' }, cancelled.host.accessToken);
    const other = await connect(t, cancelled.members[0]);
    expect(refusal(await ack(other, 'session.join', { sessionId: cancelled.id })).code).toBe(
      'BAD_USER_INPUT',
    );
  });

  it('counts a member with two tabs once, and tells the room who comes and goes', async () => {
    const s = await session(t, { registered: 2 });
    const [alice, bob] = s.members;
    const { socket: watcher } = await joined(t, s.host, s.id);
    const presence = collect<{ sessionId: string; member: { id: string }; present: boolean }>(
      watcher,
      'presence.changed',
    );
    const tab1 = await joined(t, alice, s.id);
    const tab2 = await joined(t, alice, s.id);
    expect(tab2.snapshot.roster.map((m) => m.id).sort()).toEqual([s.host.id, alice.id].sort());
    await joined(t, bob, s.id);
    await eventually(() => presence.length === 2);
    expect(presence.map((p) => [p.member.id, p.present])).toEqual([
      [alice.id, true],
      [bob.id, true],
    ]);
    expect(presence[0].sessionId).toBe(s.id);

    // Closing one tab leaves Alice present; leaving with the other makes her go.
    tab1.socket.disconnect();
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(presence).toHaveLength(2);
    await ok(tab2.socket, 'session.leave', { sessionId: s.id });
    await eventually(() => presence.length === 3);
    expect(presence[2]).toMatchObject({ member: { id: alice.id }, present: false });
    const again = await ok<Snapshot>(watcher, 'session.join', { sessionId: s.id });
    expect(again.roster.map((m) => m.id).sort()).toEqual([s.host.id, bob.id].sort());
    // A socket that left hears nothing more from the room.
    const quiet = collect(tab2.socket, 'message.new');
    await ok(watcher, 'message.send', { sessionId: s.id, clientId: 'after', text: 'still here?' });
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(quiet).toHaveLength(0);
  });

  it('refuses an expired token at the handshake, and a socket whose token ran out', async () => {
    const s = await session(t, { registered: 1 });
    const jwt = t.app.get(JwtService);
    const [row] = await t.sql<{ id: string }>('SELECT id FROM auth_session WHERE account_id = $1', [
      s.members[0].id,
    ]);
    const sign = (seconds: number) =>
      jwt.signAsync(
        { sub: s.members[0].id, sid: row.id },
        { algorithm: 'HS256', expiresIn: seconds },
      );
    const expired = await jwt.signAsync(
      { sub: s.members[0].id, sid: row.id, exp: Math.floor(Date.now() / 1000) - 10 },
      { algorithm: 'HS256' },
    );
    expect((await whenRefused(t.live(expired))).message).toMatch(/^UNAUTHENTICATED/);

    const socket = await connect(t, { accessToken: await sign(1) });
    await ok(socket, 'session.join', { sessionId: s.id });
    await nextEvent(socket, 'auth.expired', 3000);
    await eventually(() => socket.disconnected);
  });
});
