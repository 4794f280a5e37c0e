import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';
import { startTestApp, TestApp, TestMember } from '../support/test-app';
import {
  DISMISS,
  HIDE,
  QUEUE,
  QueuePage,
  REPORT,
  codeOf,
  createSpace,
  must,
  postReply,
  queue,
  startThread,
  withRole,
} from './support';

describe('moderation: reports and the queue', () => {
  let t: TestApp;
  let admin: TestMember;
  let mod: TestMember;
  let author: TestMember;
  let reporters: TestMember[];
  let space: string;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.signUp({ displayName: 'Site Admin' }); // first account: ADMIN
    mod = await withRole(t, 'MODERATOR', 'Queue Mod');
    author = await t.signUp({ displayName: 'Quick Poster' });
    reporters = await Promise.all(
      ['Rae One', 'Rae Two', 'Rae Three'].map((displayName) => t.signUp({ displayName })),
    );
    space = await createSpace(t, mod);
  });
  afterAll(() => t.close());

  const report = (member: TestMember, input: Record<string, unknown>) =>
    t.gql<{ report: { id: string; reason: string; target: { kind: string } } }>(
      REPORT,
      { input },
      member.accessToken,
    );

  it('groups reports on one target into one item with a count, keeping the content as reported', async () => {
    const thread = await startThread(t, author, space);
    const reply = await postReply(t, author, thread.id, {
      body: 'Buy cheap followers at spam.example',
    });
    const reasons = ['SPAM', 'SPAM', 'OFF_TOPIC'];
    for (const [i, reporter] of reporters.entries()) {
      const result = await report(reporter, {
        replyId: reply.id,
        reason: reasons[i],
        note: i === 0 ? '  Link farm  ' : null,
      });
      expect(result.errors).toBeUndefined();
      expect(result.data?.report).toMatchObject({ reason: reasons[i], target: { kind: 'REPLY' } });
    }
    // The author edits afterwards: the item keeps what was reported, `current` shows the edit.
    must(
      await t.gql(
        `mutation($input: EditReplyInput!) { editReply(input: $input) { id } }`,
        { input: { id: reply.id, body: 'Edited to look innocent' } },
        author.accessToken,
      ),
    );
    const items = (await queue(t, mod)).filter((item) => item.target.replyId === reply.id);
    expect(items).toHaveLength(1);
    const [item] = items;
    expect(item).toMatchObject({
      status: 'OPEN',
      reportCount: 3,
      target: { kind: 'REPLY', threadId: thread.id, replyId: reply.id },
      reported: { body: 'Buy cheap followers at spam.example', hidden: false, removed: false },
      current: { body: 'Edited to look innocent', hidden: false, removed: false },
      author: { handle: author.handle },
    });
    expect(item.reports.map((r) => [r.reporter.handle, r.reason])).toEqual(
      reporters.map((r, i) => [r.handle, reasons[i]]),
    );
    expect(item.reports[0].note).toBe('Link farm');
  });

  it('refuses a second open report by the same member (CONFLICT), and takes one again after resolution', async () => {
    const thread = await startThread(t, author, space, { title: 'A thread reported twice' });
    must(await report(reporters[0], { threadId: thread.id, reason: 'OFF_TOPIC' }));
    const again = await report(reporters[0], { threadId: thread.id, reason: 'SPAM' });
    expect(codeOf(again)).toBe('CONFLICT');
    // Concurrent duplicates: exactly one wins.
    const racing = await Promise.all(
      [0, 1, 2].map(() => report(reporters[1], { threadId: thread.id, reason: 'SPAM' })),
    );
    expect(racing.filter((r) => !r.errors)).toHaveLength(1);
    expect(racing.filter((r) => codeOf(r) === 'CONFLICT')).toHaveLength(2);
    const [item] = (await queue(t, mod)).filter((i) => i.target.threadId === thread.id);
    expect(item.reportCount).toBe(2);

    must(
      await t.gql(DISMISS, { input: { itemId: item.id, reason: 'Fine here' } }, mod.accessToken),
    );
    must(await report(reporters[0], { threadId: thread.id, reason: 'SPAM' }));
    const open = (await queue(t, mod)).filter((i) => i.target.threadId === thread.id);
    expect(open).toHaveLength(1);
    expect(open[0].id).not.toBe(item.id);
    expect(open[0].reportCount).toBe(1);
  });

  it('needs exactly one target, and refuses reporting yourself, unknown and hidden targets', async () => {
    const thread = await startThread(t, author, space, { title: 'Target rules thread' });
    const none = await report(reporters[0], { reason: 'SPAM' });
    expect(codeOf(none)).toBe('BAD_USER_INPUT');
    const two = await report(reporters[0], {
      threadId: thread.id,
      memberHandle: author.handle,
      reason: 'SPAM',
    });
    expect(codeOf(two)).toBe('BAD_USER_INPUT');
    expect(codeOf(await report(reporters[0], { threadId: 'nope', reason: 'SPAM' }))).toBe(
      'BAD_USER_INPUT',
    );
    expect(codeOf(await report(author, { threadId: thread.id, reason: 'SPAM' }))).toBe(
      'BAD_USER_INPUT',
    );
    expect(codeOf(await report(author, { memberHandle: author.handle, reason: 'SPAM' }))).toBe(
      'BAD_USER_INPUT',
    );
    expect(
      codeOf(await report(reporters[0], { memberHandle: 'no-such-member', reason: 'SPAM' })),
    ).toBe('NOT_FOUND');
    must(
      await t.gql(
        HIDE,
        { input: { threadId: thread.id, reason: 'Hidden first' } },
        mod.accessToken,
      ),
    );
    expect(codeOf(await report(reporters[0], { threadId: thread.id, reason: 'SPAM' }))).toBe(
      'NOT_FOUND',
    );
    expect(codeOf(await t.gql(REPORT, { input: { threadId: thread.id, reason: 'SPAM' } }))).toBe(
      'UNAUTHENTICATED',
    );
  });

  it('reports a member; the item shows their account as it was and is', async () => {
    const troll = await t.signUp({ displayName: 'Loud Troll' });
    must(
      await report(reporters[2], { memberHandle: troll.handle, reason: 'HARASSMENT', note: 'DMs' }),
    );
    const [item] = (await queue(t, mod, { targetKind: 'MEMBER' })).filter(
      (i) => i.target.memberId === troll.id,
    );
    expect(item).toMatchObject({
      reported: { title: 'Loud Troll', handle: troll.handle },
      current: { title: 'Loud Troll', handle: troll.handle, suspendedUntil: null },
      author: { handle: troll.handle },
    });
  });

  it('filters by status, reason and kind, and pages with cursors', async () => {
    const thread = await startThread(t, author, space, { title: 'Filter fodder thread' });
    const replies = await Promise.all(
      [1, 2, 3, 4].map((i) => postReply(t, author, thread.id, { body: `Reply number ${i}` })),
    );
    for (const reply of replies) {
      must(await report(reporters[0], { replyId: reply.id, reason: 'CONFIDENTIAL' }));
    }
    const confidential = await queue(t, mod, { reason: 'CONFIDENTIAL' });
    expect(confidential.map((i) => i.target.replyId)).toEqual(replies.map((r) => r.id));
    expect(
      (await queue(t, mod, { targetKind: 'THREAD' })).every((i) => i.target.kind === 'THREAD'),
    ).toBe(true);

    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: QueuePage = must(
        await t.gql<QueuePage>(
          QUEUE,
          { filter: { reason: 'CONFIDENTIAL' }, first: 3, after },
          mod.accessToken,
        ),
      );
      expect(page.moderationQueue.totalCount).toBe(4);
      seen.push(...page.moderationQueue.edges.map((e) => e.node.id));
      if (!page.moderationQueue.pageInfo.hasNextPage) break;
      after = page.moderationQueue.pageInfo.endCursor;
    }
    expect(seen).toEqual(confidential.map((i) => i.id));

    must(
      await t.gql(
        HIDE,
        { input: { replyId: replies[0].id, reason: 'Shares a client name' } },
        mod.accessToken,
      ),
    );
    const [resolved] = await queue(t, mod, { status: 'RESOLVED', reason: 'CONFIDENTIAL' });
    expect(resolved).toMatchObject({
      status: 'RESOLVED',
      resolution: 'HIDE_CONTENT',
      resolutionReason: 'Shares a client name',
      resolvedBy: { handle: mod.handle },
      target: { replyId: replies[0].id },
      current: { hidden: true },
    });
    const bad = await t.gql(
      QUEUE,
      { filter: { status: 'OPEN' }, after: 'bm90LWEtY3Vyc29y' },
      mod.accessToken,
    );
    expect(codeOf(bad)).toBe('BAD_USER_INPUT');
  });

  it('is for moderators and admins only', async () => {
    expect(codeOf(await t.gql(QUEUE, {}, reporters[0].accessToken))).toBe('FORBIDDEN');
    expect(codeOf(await t.gql(QUEUE, {}))).toBe('UNAUTHENTICATED');
    expect((await t.gql(QUEUE, {}, admin.accessToken)).errors).toBeUndefined();
  });

  it('costs the same number of SQL statements for 3 and 12 items', async () => {
    const thread = await startThread(t, author, space, { title: 'Statement counting thread' });
    const others = await Promise.all(
      Array.from({ length: 12 }, (_, i) => t.signUp({ displayName: `Counted Author ${i}` })),
    );
    for (const [i, other] of others.entries()) {
      const reply = await postReply(t, other, thread.id, { body: `Counted reply ${i}` });
      must(await report(reporters[i % 3], { replyId: reply.id, reason: 'OTHER' }));
      must(await report(reporters[(i + 1) % 3], { replyId: reply.id, reason: 'OTHER' }));
      if (i % 2 === 0) {
        must(await report(reporters[0], { memberHandle: other.handle, reason: 'OTHER' }));
      }
    }
    const spy = jest.spyOn(PostgresQueryRunner.prototype, 'query');
    const count = async (first: number) => {
      spy.mockClear();
      const result = await t.gql<QueuePage>(
        QUEUE,
        { filter: { reason: 'OTHER' }, first },
        mod.accessToken,
      );
      expect(result.errors).toBeUndefined();
      expect(result.data?.moderationQueue.edges).toHaveLength(first);
      return spy.mock.calls.length;
    };
    const small = await count(3);
    const large = await count(12);
    spy.mockRestore();
    expect(large).toBe(small);
    expect(small).toBeLessThanOrEqual(10);
  });
});
