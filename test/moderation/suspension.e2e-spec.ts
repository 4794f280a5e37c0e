import { Socket } from 'socket.io-client';
import { REGISTER, schedule } from '../roundtables/support';
import { startTestApp, TestApp, TestMember, whenConnected } from '../support/test-app';
import {
  LIFT,
  REPORT,
  SUSPEND,
  codeOf,
  createSpace,
  lastLogged,
  must,
  notificationsOf,
  postReply,
  queue,
  startThread,
  withRole,
} from './support';

const REACT = `mutation($input: ToggleReactionInput!) { toggleReaction(input: $input) { kind count mine } }`;
const POST = `mutation($input: PostReplyInput!) { postReply(input: $input) { id } }`;
const ME = `{ me { handle suspendedUntil } }`;

/** Resolves with the reason once the socket is disconnected; rejects after `ms`. */
function whenDisconnected(socket: Socket, ms = 5000): Promise<string> {
  return new Promise((resolve, reject) => {
    if (socket.disconnected) return resolve('already');
    const timer = setTimeout(() => reject(new Error(`still connected after ${ms} ms`)), ms);
    socket.once('disconnect', (reason) => {
      clearTimeout(timer);
      resolve(reason);
    });
  });
}

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

describe('moderation: suspension', () => {
  let t: TestApp;
  let mod: TestMember;
  let host: TestMember;
  let space: string;

  beforeAll(async () => {
    t = await startTestApp();
    await t.signUp({ displayName: 'Site Admin' }); // first account: ADMIN
    mod = await withRole(t, 'MODERATOR', 'Suspending Mod');
    host = await t.signUp({ displayName: 'Roundtable Host' });
    space = await createSpace(t, mod);
  });
  afterAll(() => t.close());

  it('refuses posts, reactions, joins and reports while suspended, cuts live sockets, and lifts', async () => {
    const member = await t.signUp({ displayName: 'Soon Suspended' });
    const thread = await startThread(t, host, space);
    const roundtable = await schedule(t, host);
    must(
      await t.gql(
        REPORT,
        { input: { memberHandle: member.handle, reason: 'HARASSMENT' } },
        host.accessToken,
      ),
    );
    const socket = t.live(member.accessToken);
    await whenConnected(socket);
    const cut = whenDisconnected(socket);

    const until = inDays(3);
    const data = must(
      await t.gql<{ suspendMember: Record<string, unknown> }>(
        SUSPEND,
        { input: { handle: member.handle, until, reason: 'Repeated harassment' } },
        mod.accessToken,
      ),
    );
    expect(data.suspendMember).toMatchObject({
      action: 'SUSPEND_MEMBER',
      targetKind: 'MEMBER',
      targetId: member.id,
      before: { suspendedUntil: null },
      after: { suspendedUntil: until },
      subject: { handle: member.handle },
    });
    expect(await cut).toBe('io server disconnect');

    const refusals = await Promise.all([
      t.gql(POST, { input: { threadId: thread.id, body: 'Still here' } }, member.accessToken),
      t.gql(REACT, { input: { threadId: thread.id, kind: 'HELPFUL' } }, member.accessToken),
      t.gql(REGISTER, { id: roundtable.id }, member.accessToken),
      t.gql(REPORT, { input: { threadId: thread.id, reason: 'SPAM' } }, member.accessToken),
    ]);
    expect(refusals.map(codeOf)).toEqual(['FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN']);
    // Reading still works, and says until when.
    const me = must(await t.gql<{ me: { suspendedUntil: string } }>(ME, {}, member.accessToken));
    expect(me.me.suspendedUntil).toBe(until);
    // Reconnecting works (reading live), but the socket now carries the suspension.
    const again = t.live(member.accessToken);
    await whenConnected(again);
    const cutAgain = whenDisconnected(again);

    expect(
      (await queue(t, mod, { targetKind: 'MEMBER' })).find((i) => i.target.memberId === member.id),
    ).toBeUndefined();
    expect((await notificationsOf(t, member))[0]).toMatchObject({
      kind: 'MODERATION_ACTION',
      title: expect.stringMatching(/suspended until .*Reason: Repeated harassment/),
    });

    const lifted = must(
      await t.gql<{ liftSuspension: Record<string, unknown> }>(
        LIFT,
        { input: { handle: member.handle, reason: 'Apologised' } },
        mod.accessToken,
      ),
    );
    expect(lifted.liftSuspension).toMatchObject({
      before: { suspendedUntil: until },
      after: { suspendedUntil: null },
    });
    expect(await cutAgain).toBe('io server disconnect');
    must(
      await t.gql(
        POST,
        { input: { threadId: thread.id, body: 'Back, and sorry' } },
        member.accessToken,
      ),
    );
    expect((await notificationsOf(t, member))[0].title).toMatch(/suspension was lifted/);
    expect((await lastLogged(t, mod, { subjectHandle: member.handle }))?.action).toBe(
      'LIFT_SUSPENSION',
    );
    expect(
      codeOf(await t.gql(LIFT, { input: { handle: member.handle, reason: 'x' } }, mod.accessToken)),
    ).toBe('CONFLICT');
  });

  it('needs a future end and a real member, and nobody suspends themself', async () => {
    const member = await t.signUp({ displayName: 'Edge Case' });
    const past = await t.gql(
      SUSPEND,
      {
        input: {
          handle: member.handle,
          until: new Date(Date.now() - 1000).toISOString(),
          reason: 'x',
        },
      },
      mod.accessToken,
    );
    expect(codeOf(past)).toBe('BAD_USER_INPUT');
    expect(
      codeOf(
        await t.gql(
          SUSPEND,
          { input: { handle: 'nobody-at-all', until: inDays(1), reason: 'x' } },
          mod.accessToken,
        ),
      ),
    ).toBe('NOT_FOUND');
    expect(
      codeOf(
        await t.gql(
          SUSPEND,
          { input: { handle: mod.handle, until: inDays(1), reason: 'x' } },
          mod.accessToken,
        ),
      ),
    ).toBe('FORBIDDEN');
    expect(
      codeOf(
        await t.gql(
          SUSPEND,
          { input: { handle: member.handle, until: 'tomorrow', reason: 'x' } },
          mod.accessToken,
        ),
      ),
    ).toBe('BAD_USER_INPUT');
  });

  it('an expired suspension no longer refuses anything', async () => {
    const member = await t.signUp({ displayName: 'Short Suspension' });
    const thread = await startThread(t, host, space);
    must(
      await t.gql(
        SUSPEND,
        { input: { handle: member.handle, until: inDays(1), reason: 'Cool down' } },
        mod.accessToken,
      ),
    );
    await t.sql(`UPDATE account SET suspended_until = now() - interval '1 minute' WHERE id = $1`, [
      member.id,
    ]);
    await postReply(t, member, thread.id, { body: 'Suspension over' });
  });
});

const describeRedis = process.env.REDIS_URL ? describe : describe.skip;

describeRedis('moderation: suspension with Redis, on two API nodes', () => {
  let a: TestApp;
  let b: TestApp;

  beforeAll(async () => {
    a = await startTestApp({ redisUrl: process.env.REDIS_URL ?? null });
    b = await startTestApp(
      { redisUrl: process.env.REDIS_URL ?? null },
      { databaseUrl: a.databaseUrl },
    );
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  it('cuts the member’s sockets on every node at once', async () => {
    await a.signUp({ displayName: 'Site Admin' });
    const mod = await withRole(a, 'MODERATOR', 'Two Node Mod');
    const member = await a.signUp({ displayName: 'Connected Twice' });
    const bystander = await a.signUp({ displayName: 'Not Suspended' });
    const onA = a.live(member.accessToken);
    const onB = b.live(member.accessToken);
    const other = b.live(bystander.accessToken);
    await Promise.all([whenConnected(onA), whenConnected(onB), whenConnected(other)]);
    const cut = Promise.all([whenDisconnected(onA), whenDisconnected(onB)]);
    must(
      await a.gql(
        SUSPEND,
        { input: { handle: member.handle, until: inDays(2), reason: 'Spam wave' } },
        mod.accessToken,
      ),
    );
    expect(await cut).toEqual(['io server disconnect', 'io server disconnect']);
    expect(other.connected).toBe(true);
  });
});
