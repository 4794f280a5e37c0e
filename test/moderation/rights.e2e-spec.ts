import { startTestApp, TestApp, TestMember } from '../support/test-app';
import {
  DISMISS,
  EDIT_TAGS,
  HIDE,
  LIFT,
  LOCK,
  LOG,
  MERGE,
  MOVE,
  PIN,
  QUEUE,
  REPORT,
  RESTORE,
  SUSPEND,
  UNLOCK,
  UNPIN,
  codeOf,
  createSpace,
  must,
  postReply,
  queue,
  startThread,
  withRole,
} from './support';

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

describe('moderation: who may act on whom', () => {
  let t: TestApp;
  let admin: TestMember;
  let mod: TestMember;
  let otherMod: TestMember;
  let member: TestMember;
  let space: string;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.signUp({ displayName: 'Site Admin' }); // first account: ADMIN
    mod = await withRole(t, 'MODERATOR', 'First Mod');
    otherMod = await withRole(t, 'MODERATOR', 'Second Mod');
    member = await t.signUp({ displayName: 'Ordinary Member' });
    space = await createSpace(t, mod);
  });
  afterAll(() => t.close());

  const hide = (who: TestMember, input: Record<string, unknown>) =>
    t.gql(HIDE, { input: { reason: 'Rule check', ...input } }, who.accessToken);

  it('moderators cannot act against admins or other moderators; admins can', async () => {
    const byAdmin = await startThread(t, admin, space, { title: 'An admin announcement' });
    const byOtherMod = await startThread(t, otherMod, space, { title: 'A moderator question' });
    const refusedAdmin = await hide(mod, { threadId: byAdmin.id });
    expect(codeOf(refusedAdmin)).toBe('FORBIDDEN');
    expect(refusedAdmin.errors?.[0]?.message).toMatch(/cannot act against an admin/);
    expect(codeOf(await hide(mod, { threadId: byOtherMod.id }))).toBe('FORBIDDEN');
    expect(
      codeOf(
        await t.gql(LOCK, { input: { threadId: byOtherMod.id, reason: 'x' } }, mod.accessToken),
      ),
    ).toBe('FORBIDDEN');
    expect(
      codeOf(
        await t.gql(
          SUSPEND,
          { input: { handle: otherMod.handle, until: inDays(1), reason: 'x' } },
          mod.accessToken,
        ),
      ),
    ).toBe('FORBIDDEN');
    expect(
      codeOf(
        await t.gql(
          SUSPEND,
          { input: { handle: admin.handle, until: inDays(1), reason: 'x' } },
          mod.accessToken,
        ),
      ),
    ).toBe('FORBIDDEN');
    // Nothing was changed or logged by the refusals.
    expect(await t.sql(`SELECT 1 FROM audit_log WHERE actor_id = $1`, [mod.id])).toEqual([]);

    must(await hide(admin, { threadId: byOtherMod.id }));
    const suspended = must(
      await t.gql<{ suspendMember: { subject: { handle: string } } }>(
        SUSPEND,
        { input: { handle: otherMod.handle, until: inDays(1), reason: 'Admin decision' } },
        admin.accessToken,
      ),
    );
    expect(suspended.suspendMember.subject.handle).toBe(otherMod.handle);
    must(
      await t.gql(LIFT, { input: { handle: otherMod.handle, reason: 'Done' } }, admin.accessToken),
    );
    // A moderator may act on their own content.
    const own = await startThread(t, mod, space, { title: 'My own house rules' });
    must(await t.gql(PIN, { input: { threadId: own.id, reason: 'Rules first' } }, mod.accessToken));
  });

  it('a moderator cannot act alone on reports they filed; another moderator can', async () => {
    const thread = await startThread(t, member, space, { title: 'Reported by a moderator' });
    const reply = await postReply(t, member, thread.id, { body: 'Questionable reply' });
    must(
      await t.gql(REPORT, { input: { replyId: reply.id, reason: 'HARASSMENT' } }, mod.accessToken),
    );
    const alone = await hide(mod, { replyId: reply.id });
    expect(codeOf(alone)).toBe('FORBIDDEN');
    expect(alone.errors?.[0]?.message).toMatch(/You filed the only open report/);
    const [item] = (await queue(t, otherMod)).filter((i) => i.target.replyId === reply.id);
    expect(
      codeOf(await t.gql(DISMISS, { input: { itemId: item.id, reason: 'x' } }, mod.accessToken)),
    ).toBe('FORBIDDEN');
    must(await hide(otherMod, { replyId: reply.id }));

    // With a member's report beside theirs, it is no longer theirs alone.
    const second = await postReply(t, member, thread.id, { body: 'Another questionable reply' });
    must(await t.gql(REPORT, { input: { replyId: second.id, reason: 'SPAM' } }, mod.accessToken));
    const reporter = await t.signUp({ displayName: 'Second Reporter' });
    must(
      await t.gql(REPORT, { input: { replyId: second.id, reason: 'SPAM' } }, reporter.accessToken),
    );
    must(await hide(mod, { replyId: second.id }));

    // Admins are exempt: nobody is above them to ask.
    const third = await postReply(t, member, thread.id, { body: 'Third questionable reply' });
    must(await t.gql(REPORT, { input: { replyId: third.id, reason: 'SPAM' } }, admin.accessToken));
    must(await hide(admin, { replyId: third.id }));
  });

  it('dismissing reports resolves the item, logs it and tells nobody', async () => {
    const thread = await startThread(t, member, space, { title: 'Harmless but reported' });
    const reporter = await t.signUp({ displayName: 'Eager Reporter' });
    must(
      await t.gql(
        REPORT,
        { input: { threadId: thread.id, reason: 'OFF_TOPIC' } },
        reporter.accessToken,
      ),
    );
    const [item] = (await queue(t, mod)).filter((i) => i.target.threadId === thread.id);
    const before = await t.sql<{ n: string }>(
      `SELECT count(*) AS n FROM notification WHERE recipient_id = $1`,
      [member.id],
    );
    const dismissed = must(
      await t.gql<{ dismissReports: Record<string, unknown> }>(
        DISMISS,
        { input: { itemId: item.id, reason: 'On topic after all' } },
        mod.accessToken,
      ),
    );
    expect(dismissed.dismissReports).toMatchObject({
      action: 'DISMISS_REPORTS',
      targetKind: 'THREAD',
      targetId: thread.id,
      before: { status: 'OPEN', reportCount: 1 },
      after: { status: 'RESOLVED' },
      subject: null,
    });
    const after = await t.sql<{ n: string }>(
      `SELECT count(*) AS n FROM notification WHERE recipient_id = $1`,
      [member.id],
    );
    expect(after).toEqual(before);
    expect(
      codeOf(
        await t.gql(DISMISS, { input: { itemId: item.id, reason: 'again' } }, mod.accessToken),
      ),
    ).toBe('CONFLICT');
    expect(
      codeOf(
        await t.gql(
          DISMISS,
          { input: { itemId: '00000000-0000-4000-8000-000000000000', reason: 'x' } },
          mod.accessToken,
        ),
      ),
    ).toBe('NOT_FOUND');
  });

  it('the queue shows the author’s earlier actions against them', async () => {
    const repeat = await t.signUp({ displayName: 'Repeat Offender' });
    const first = await startThread(t, repeat, space, { title: 'First offence thread' });
    must(
      await t.gql(
        LOCK,
        { input: { threadId: first.id, reason: 'First warning' } },
        mod.accessToken,
      ),
    );
    const second = await startThread(t, repeat, space, { title: 'Second offence thread' });
    must(
      await t.gql(REPORT, { input: { threadId: second.id, reason: 'SPAM' } }, member.accessToken),
    );
    const [item] = (await queue(t, mod)).filter((i) => i.target.threadId === second.id);
    expect(item.authorHistory).toEqual([
      { action: 'LOCK_THREAD', reason: 'First warning', targetKind: 'THREAD' },
    ]);
  });

  it('the audit log is append-only', async () => {
    // Deleting an account keeps its audit rows (the id stays as a pseudonym).
    const gone = await t.signUp({ displayName: 'Leaving Soon' });
    const thread = await startThread(t, gone, space, { title: 'Thread before leaving' });
    must(
      await t.gql(
        LOCK,
        { input: { threadId: thread.id, reason: 'Before deletion' } },
        mod.accessToken,
      ),
    );
    must(
      await t.gql(
        `mutation($password: String!) { deleteAccount(password: $password) { id } }`,
        { password: gone.password },
        gone.accessToken,
      ),
    );
    expect(await t.sql(`SELECT reason FROM audit_log WHERE subject_id = $1`, [gone.id])).toEqual([
      { reason: 'Before deletion' },
    ]);
    await expect(t.sql(`UPDATE audit_log SET reason = 'rewritten'`)).rejects.toThrow(/append-only/);
    await expect(t.sql(`DELETE FROM audit_log`)).rejects.toThrow(/append-only/);
    await expect(t.sql(`TRUNCATE audit_log`)).rejects.toThrow(/append-only/);
  });
});

type Who = 'anonymous' | 'member' | 'suspended' | 'moderator' | 'admin';
const ROLES: Who[] = ['anonymous', 'member', 'suspended', 'moderator', 'admin'];

describe('moderation: permission matrix', () => {
  let t: TestApp;
  let setup: TestMember;
  let author: TestMember;
  let space: string;
  let otherSpace: string;
  const tokens: Partial<Record<Who, string>> = {};

  beforeAll(async () => {
    t = await startTestApp();
    const admin = await t.signUp({ displayName: 'Matrix Admin' });
    setup = await withRole(t, 'MODERATOR', 'Setup Mod');
    author = await t.signUp({ displayName: 'Matrix Author' });
    const member = await t.signUp({ displayName: 'Matrix Member' });
    const suspended = await t.signUp({ displayName: 'Matrix Suspended' });
    await t.sql(`UPDATE account SET suspended_until = now() + interval '1 day' WHERE id = $1`, [
      suspended.id,
    ]);
    const mod = await withRole(t, 'MODERATOR', 'Matrix Mod');
    Object.assign(tokens, {
      member: member.accessToken,
      suspended: suspended.accessToken,
      moderator: mod.accessToken,
      admin: admin.accessToken,
    });
    space = await createSpace(t, setup);
    otherSpace = await createSpace(t, setup);
  });
  afterAll(() => t.close());

  const thread = async () => (await startThread(t, author, space)).id;
  const byModerator = async (query: string, input: Record<string, unknown>) =>
    must(await t.gql(query, { input: { reason: 'setup', ...input } }, setup.accessToken));
  const ALLOWED = {
    anonymous: 'UNAUTHENTICATED',
    member: 'FORBIDDEN',
    suspended: 'FORBIDDEN',
    moderator: 'OK',
    admin: 'OK',
  } as const;

  /** Each operation: how to make fresh variables for one call, and who may call it. */
  const cases: Array<{
    name: string;
    query: string;
    vars: () => Promise<Record<string, unknown>>;
    expected: Record<Who, string>;
  }> = [
    {
      name: 'report',
      query: REPORT,
      vars: async () => ({ input: { threadId: await thread(), reason: 'SPAM' } }),
      expected: {
        anonymous: 'UNAUTHENTICATED',
        member: 'OK',
        suspended: 'FORBIDDEN',
        moderator: 'OK',
        admin: 'OK',
      },
    },
    { name: 'moderationQueue', query: QUEUE, vars: async () => ({ first: 1 }), expected: ALLOWED },
    { name: 'moderationLog', query: LOG, vars: async () => ({ first: 1 }), expected: ALLOWED },
    {
      name: 'hideContent',
      query: HIDE,
      vars: async () => ({ input: { threadId: await thread(), reason: 'r' } }),
      expected: ALLOWED,
    },
    {
      name: 'restoreContent',
      query: RESTORE,
      vars: async () => {
        const id = await thread();
        await byModerator(HIDE, { threadId: id });
        return { input: { threadId: id, reason: 'r' } };
      },
      expected: ALLOWED,
    },
    {
      name: 'lockThread',
      query: LOCK,
      vars: async () => ({ input: { threadId: await thread(), reason: 'r' } }),
      expected: ALLOWED,
    },
    {
      name: 'unlockThread',
      query: UNLOCK,
      vars: async () => {
        const id = await thread();
        await byModerator(LOCK, { threadId: id });
        return { input: { threadId: id, reason: 'r' } };
      },
      expected: ALLOWED,
    },
    {
      name: 'pinThread',
      query: PIN,
      vars: async () => ({ input: { threadId: await thread(), reason: 'r' } }),
      expected: ALLOWED,
    },
    {
      name: 'unpinThread',
      query: UNPIN,
      vars: async () => {
        const id = await thread();
        await byModerator(PIN, { threadId: id });
        return { input: { threadId: id, reason: 'r' } };
      },
      expected: ALLOWED,
    },
    {
      name: 'moveThread',
      query: MOVE,
      vars: async () => ({
        input: { threadId: await thread(), spaceSlug: otherSpace, reason: 'r' },
      }),
      expected: ALLOWED,
    },
    {
      name: 'mergeThreads',
      query: MERGE,
      vars: async () => ({
        input: { fromThreadId: await thread(), intoThreadId: await thread(), reason: 'r' },
      }),
      expected: ALLOWED,
    },
    {
      name: 'editThreadTags',
      query: EDIT_TAGS,
      vars: async () => ({
        input: { threadId: await thread(), tags: ['governance'], reason: 'r' },
      }),
      expected: ALLOWED,
    },
    {
      name: 'dismissReports',
      query: DISMISS,
      vars: async () => {
        const id = await thread();
        must(await t.gql(REPORT, { input: { threadId: id, reason: 'OTHER' } }, setup.accessToken));
        const [item] = (await queue(t, setup)).filter((i) => i.target.threadId === id);
        return { input: { itemId: item.id, reason: 'r' } };
      },
      expected: ALLOWED,
    },
    {
      name: 'suspendMember',
      query: SUSPEND,
      vars: async () => {
        const target = await t.signUp({ displayName: 'Matrix Target' });
        return { input: { handle: target.handle, until: inDays(1), reason: 'r' } };
      },
      expected: ALLOWED,
    },
    {
      name: 'liftSuspension',
      query: LIFT,
      vars: async () => {
        const target = await t.signUp({ displayName: 'Matrix Lifted' });
        await byModerator(SUSPEND, { handle: target.handle, until: inDays(1) });
        return { input: { handle: target.handle, reason: 'r' } };
      },
      expected: ALLOWED,
    },
  ];

  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, operation) => {
    const outcomes: Partial<Record<Who, string>> = {};
    for (const who of ROLES) {
      const result = await t.gql(operation.query, await operation.vars(), tokens[who]);
      outcomes[who] = result.errors ? String(codeOf(result)) : 'OK';
    }
    expect(outcomes).toEqual(operation.expected);
  });
});
