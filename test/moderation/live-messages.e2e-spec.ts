import { Socket } from 'socket.io-client';
import { REGISTER, START, schedule } from '../roundtables/support';
import {
  emitWithAck,
  nextEvent,
  startTestApp,
  TestApp,
  TestMember,
  whenConnected,
} from '../support/test-app';
import {
  HIDE,
  REPORT,
  RESTORE,
  SUSPEND,
  codeOf,
  lastLogged,
  must,
  notificationsOf,
  queue,
  withRole,
} from './support';

interface Ack {
  ok: boolean;
  error?: { code: string };
  [key: string]: unknown;
}
interface Snapshot extends Ack {
  messages: Array<{ seq: number; text: string }>;
  lastSeq: number;
}
interface Resumed extends Ack {
  events: Array<{ seq: number; type: string; payload: Record<string, unknown> }>;
}

describe('moderation: live roundtable messages', () => {
  let t: TestApp;
  let mod: TestMember;
  let host: TestMember;
  let author: TestMember;
  let reporter: TestMember;
  let outsider: TestMember;
  let sessionId: string;

  const joined = async (member: TestMember): Promise<[Socket, Snapshot]> => {
    const socket = t.live(member.accessToken);
    await whenConnected(socket);
    const ack = await emitWithAck<Snapshot>(socket, 'session.join', { sessionId });
    if (!ack.ok) throw new Error(`join refused: ${JSON.stringify(ack.error)}`);
    return [socket, ack];
  };
  const send = async (socket: Socket, text: string) => {
    const ack = await emitWithAck<Ack & { seq: number }>(socket, 'message.send', {
      sessionId,
      clientId: `c-${Math.random().toString(36).slice(2)}`,
      text,
    });
    if (!ack.ok) throw new Error(`send refused: ${JSON.stringify(ack.error)}`);
    return ack.seq;
  };

  beforeAll(async () => {
    t = await startTestApp();
    await t.signUp({ displayName: 'Site Admin' }); // first account: ADMIN
    mod = await withRole(t, 'MODERATOR', 'Room Mod');
    host = await t.signUp({ displayName: 'Room Host' });
    author = await t.signUp({ displayName: 'Hot Head' });
    reporter = await t.signUp({ displayName: 'Room Reporter' });
    outsider = await t.signUp({ displayName: 'Not In Room' });
    const roundtable = await schedule(t, host);
    sessionId = roundtable.id;
    for (const member of [author, reporter]) {
      must(await t.gql(REGISTER, { id: sessionId }, member.accessToken));
    }
    must(await t.gql(START, { id: sessionId }, host.accessToken));
  });
  afterAll(() => t.close());

  it('reports a message, hides it from the room’s history with message.hidden, and restores it', async () => {
    const [authorSocket] = await joined(author);
    const [watcher] = await joined(reporter);
    const kept = await send(authorSocket, 'Welcome everyone');
    const seq = await send(authorSocket, 'You are all idiots');

    const reported = await t.gql(
      REPORT,
      { input: { roundtableMessage: { roundtableId: sessionId, seq }, reason: 'HARASSMENT' } },
      reporter.accessToken,
    );
    expect(reported.errors).toBeUndefined();
    const [item] = (await queue(t, mod, { targetKind: 'ROUNDTABLE_MESSAGE' })).filter(
      (i) => i.target.roundtableMessage?.seq === seq,
    );
    expect(item).toMatchObject({
      target: { roundtableMessage: { roundtableId: sessionId, seq } },
      reported: { body: 'You are all idiots', hidden: false },
      author: { handle: author.handle },
    });
    // Only those who were in the room can report its messages.
    const outside = await t.gql(
      REPORT,
      { input: { roundtableMessage: { roundtableId: sessionId, seq }, reason: 'SPAM' } },
      outsider.accessToken,
    );
    expect(codeOf(outside)).toBe('NOT_FOUND');

    const told = nextEvent<Record<string, unknown>>(watcher, 'message.hidden');
    const hidden = must(
      await t.gql<{ hideContent: { targetKind: string; targetId: string } }>(
        HIDE,
        { input: { roundtableMessage: { roundtableId: sessionId, seq }, reason: 'Abuse' } },
        mod.accessToken,
      ),
    );
    expect(hidden.hideContent).toMatchObject({
      targetKind: 'ROUNDTABLE_MESSAGE',
      targetId: `${sessionId}:${seq}`,
    });
    expect(await told).toEqual({ sessionId, seq });

    // Gone from the history: a new join's snapshot and a resume from the start.
    const [, snapshot] = await joined(reporter);
    expect(snapshot.messages.map((m) => m.seq)).toEqual([kept]);
    expect(JSON.stringify(snapshot)).not.toContain('idiots');
    const resumed = await emitWithAck<Resumed>(watcher, 'session.resume', {
      sessionId,
      afterSeq: 0,
    });
    expect(resumed.ok).toBe(true);
    const event = resumed.events.find((e) => e.seq === seq);
    expect(event).toEqual({ seq, type: 'message.hidden', payload: { sessionId, seq } });
    expect(JSON.stringify(resumed)).not.toContain('idiots');
    // Gap-free still: every seq up to lastSeq is there.
    expect(resumed.events.map((e) => e.seq)).toEqual(
      Array.from({ length: resumed.events.length }, (_, i) => i + 1),
    );

    const [resolved] = (
      await queue(t, mod, { status: 'RESOLVED', targetKind: 'ROUNDTABLE_MESSAGE' })
    ).filter((i) => i.target.roundtableMessage?.seq === seq);
    expect(resolved.current).toMatchObject({ body: 'You are all idiots', hidden: true });
    expect(await lastLogged(t, mod, { targetKind: 'ROUNDTABLE_MESSAGE' })).toMatchObject({
      action: 'HIDE_CONTENT',
      reason: 'Abuse',
      subject: { handle: author.handle },
    });
    expect((await notificationsOf(t, author))[0].title).toMatch(
      /hid your message in .*Reason: Abuse/,
    );
    expect(
      codeOf(
        await t.gql(
          HIDE,
          { input: { roundtableMessage: { roundtableId: sessionId, seq }, reason: 'again' } },
          mod.accessToken,
        ),
      ),
    ).toBe('CONFLICT');

    const back = nextEvent<Record<string, unknown>>(watcher, 'message.restored');
    must(
      await t.gql(
        RESTORE,
        {
          input: {
            roundtableMessage: { roundtableId: sessionId, seq },
            reason: 'Context was a joke',
          },
        },
        mod.accessToken,
      ),
    );
    expect(await back).toMatchObject({ sessionId, seq, text: 'You are all idiots' });
    const [, again] = await joined(reporter);
    expect(again.messages.map((m) => m.seq)).toEqual([kept, seq]);
  });

  it('a suspended member’s socket is cut; back in, they may watch but not send', async () => {
    const [socket] = await joined(author);
    const cut = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    must(
      await t.gql(
        SUSPEND,
        {
          input: {
            handle: author.handle,
            until: new Date(Date.now() + 86_400_000).toISOString(),
            reason: 'Abuse in the room',
          },
        },
        mod.accessToken,
      ),
    );
    expect(await cut).toBe('io server disconnect');
    const [again] = await joined(author);
    const refused = await emitWithAck<Ack>(again, 'message.send', {
      sessionId,
      clientId: 'after-suspension',
      text: 'Let me back in',
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('refuses unknown messages and non-messages', async () => {
    const missing = await t.gql(
      HIDE,
      { input: { roundtableMessage: { roundtableId: sessionId, seq: 99_999 }, reason: 'x' } },
      mod.accessToken,
    );
    expect(codeOf(missing)).toBe('NOT_FOUND');
  });
});
