import { startTestApp, TestApp, TestMember } from '../support/test-app';
import {
  ActionNode,
  EDIT_TAGS,
  HIDE,
  LOCK,
  MERGE,
  MOVE,
  PIN,
  REPORT,
  RESTORE,
  SEARCH,
  THREAD,
  THREADS,
  UNLOCK,
  UNPIN,
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

interface ThreadView {
  id: string;
  title: string;
  hidden: boolean;
  lockedAt: string | null;
  pinned: boolean;
  tags: string[];
  replyCount: number;
  space: { slug: string };
  mergedInto: { id: string } | null;
  replyTree: Array<{
    id: string;
    parentReplyId: string | null;
    body: string | null;
    removed: boolean;
    hidden: boolean;
    author: { handle: string } | null;
  }>;
}

describe('moderation: actions on content', () => {
  let t: TestApp;
  let mod: TestMember;
  let author: TestMember;
  let reader: TestMember;
  let space: string;

  beforeAll(async () => {
    t = await startTestApp();
    await t.signUp({ displayName: 'Site Admin' }); // first account: ADMIN
    mod = await withRole(t, 'MODERATOR', 'Content Mod');
    author = await t.signUp({ displayName: 'Content Author' });
    reader = await t.signUp({ displayName: 'Plain Reader' });
    space = await createSpace(t, mod);
  });
  afterAll(() => t.close());

  const act = async (query: string, input: Record<string, unknown>, who = mod) => {
    const result = await t.gql<Record<string, ActionNode>>(query, { input }, who.accessToken);
    return must(result);
  };
  const threadAs = async (member: TestMember, id: string) =>
    must(await t.gql<{ thread: ThreadView | null }>(THREAD, { id }, member.accessToken)).thread;
  const threadsIn = async (member: TestMember, spaceSlug: string) =>
    must(
      await t.gql<{ threads: { edges: Array<{ node: { id: string; pinned: boolean } }> } }>(
        THREADS,
        { filter: { spaceSlug }, first: 50 },
        member.accessToken,
      ),
    ).threads.edges.map((edge) => edge.node);
  const searchAs = async (member: TestMember, query: string, filter?: Record<string, unknown>) =>
    must(
      await t.gql<{
        search: {
          edges: Array<{
            node: { kind: string; targetId: string; hidden: boolean; spaceSlug: string };
          }>;
        };
      }>(SEARCH, { query, filter }, member.accessToken),
    ).search.edges.map((edge) => edge.node);
  const lastNotice = async (member: TestMember) => (await notificationsOf(t, member))[0];

  it('hides a thread: gone for members in lists, reads and search, marked for moderators; restores it', async () => {
    const word = `zebrafish${Date.now().toString(36)}`;
    const thread = await startThread(t, author, space, { title: `Hide me ${word} thread` });
    must(
      await t.gql(REPORT, { input: { threadId: thread.id, reason: 'SPAM' } }, reader.accessToken),
    );

    const data = await act(HIDE, { threadId: thread.id, reason: 'Promotional spam' });
    expect(data.hideContent).toMatchObject({
      action: 'HIDE_CONTENT',
      targetKind: 'THREAD',
      targetId: thread.id,
      reason: 'Promotional spam',
      before: { hidden: false },
      after: { hidden: true },
      actor: { handle: mod.handle },
      subject: { handle: author.handle },
    });
    expect(await threadAs(reader, thread.id)).toBeNull();
    expect((await threadsIn(reader, space)).map((n) => n.id)).not.toContain(thread.id);
    expect(await searchAs(reader, word)).toEqual([]);
    expect((await threadAs(mod, thread.id))?.hidden).toBe(true);
    expect(await searchAs(mod, word)).toEqual([
      expect.objectContaining({ targetId: thread.id, hidden: true }),
    ]);

    // The queue item is resolved by the action; the audit log and the author's inbox have it.
    expect((await queue(t, mod)).find((i) => i.target.threadId === thread.id)).toBeUndefined();
    const logged = await lastLogged(t, mod, { targetKind: 'THREAD', targetId: thread.id });
    expect(logged).toMatchObject({ action: 'HIDE_CONTENT', reason: 'Promotional spam' });
    expect(await lastNotice(author)).toMatchObject({
      kind: 'MODERATION_ACTION',
      title: expect.stringMatching(/hid your thread .*Reason: Promotional spam/),
      link: `/threads/${thread.id}`,
    });

    // Hiding twice is a CONFLICT; restoring brings it back everywhere.
    expect(
      codeOf(
        await t.gql(HIDE, { input: { threadId: thread.id, reason: 'again' } }, mod.accessToken),
      ),
    ).toBe('CONFLICT');
    const restored = await act(RESTORE, { threadId: thread.id, reason: 'Appeal accepted' });
    expect(restored.restoreContent).toMatchObject({
      before: { hidden: true },
      after: { hidden: false },
    });
    expect((await threadAs(reader, thread.id))?.hidden).toBe(false);
    expect(await searchAs(reader, word)).toEqual([
      expect.objectContaining({ targetId: thread.id }),
    ]);
    expect((await lastNotice(author)).title).toMatch(/restored your thread .*Appeal accepted/);
  });

  it('hides a reply: a placeholder where replies hang under it, gone where none do', async () => {
    const thread = await startThread(t, author, space, { title: 'Reply hiding thread' });
    const parent = await postReply(t, author, thread.id, { body: 'Rude parent reply' });
    const child = await postReply(t, reader, thread.id, {
      parentReplyId: parent.id,
      body: 'Polite child',
    });
    const leaf = await postReply(t, author, thread.id, { body: 'Rude leaf reply' });
    const hidden = await act(HIDE, { replyId: parent.id, reason: 'Personal attack' });
    expect(hidden.hideContent).toMatchObject({ targetKind: 'REPLY', targetId: parent.id });
    await act(HIDE, { replyId: leaf.id, reason: 'Personal attack' });

    const asMember = await threadAs(reader, thread.id);
    expect(asMember?.replyTree.map((r) => [r.id, r.removed, r.body, r.author])).toEqual([
      [parent.id, true, null, null],
      [child.id, false, 'Polite child', { handle: reader.handle }],
    ]);
    expect(asMember?.replyCount).toBe(1);
    const asMod = await threadAs(mod, thread.id);
    expect(asMod?.replyTree.map((r) => [r.id, r.hidden, r.body])).toEqual([
      [parent.id, true, 'Rude parent reply'],
      [child.id, false, 'Polite child'],
      [leaf.id, true, 'Rude leaf reply'],
    ]);
    expect((await lastNotice(author)).title).toMatch(/hid your reply in “Reply hiding thread”/);
    expect(await searchAs(reader, 'Rude')).toEqual([]);
  });

  it('locks a thread against replies and unlocks it', async () => {
    const thread = await startThread(t, author, space, { title: 'Heated lockable thread' });
    const locked = await act(LOCK, { threadId: thread.id, reason: 'Cooling off' });
    expect(locked.lockThread).toMatchObject({ before: { locked: false }, after: { locked: true } });
    const refused = await t.gql(
      `mutation($input: PostReplyInput!) { postReply(input: $input) { id } }`,
      { input: { threadId: thread.id, body: 'One more thing' } },
      reader.accessToken,
    );
    expect(codeOf(refused)).toBe('FORBIDDEN');
    expect((await threadAs(reader, thread.id))?.lockedAt).not.toBeNull();
    expect((await lastNotice(author)).title).toMatch(/locked your thread/);
    await act(UNLOCK, { threadId: thread.id, reason: 'Calm again' });
    await postReply(t, reader, thread.id, { body: 'Thanks for reopening' });
    expect((await lastLogged(t, mod, { targetId: thread.id }))?.action).toBe('UNLOCK_THREAD');
  });

  it('pins a thread first in its space and unpins it', async () => {
    const pinSpace = await createSpace(t, mod);
    const old = await startThread(t, author, pinSpace, { title: 'The house rules thread' });
    const newer = await startThread(t, reader, pinSpace, { title: 'A newer question here' });
    expect((await threadsIn(reader, pinSpace)).map((n) => n.id)).toEqual([newer.id, old.id]);
    const pinned = await act(PIN, { threadId: old.id, reason: 'Everyone should read this' });
    expect(pinned.pinThread).toMatchObject({ after: { pinned: true } });
    expect(await threadsIn(reader, pinSpace)).toEqual([
      expect.objectContaining({ id: old.id, pinned: true }),
      expect.objectContaining({ id: newer.id, pinned: false }),
    ]);
    const newest = await startThread(t, reader, pinSpace, { title: 'The newest question' });
    expect((await threadsIn(reader, pinSpace)).map((n) => n.id)).toEqual([
      old.id,
      newest.id,
      newer.id,
    ]);
    // Paging keeps the order across pages.
    const first = must(
      await t.gql<{
        threads: { pageInfo: { endCursor: string }; edges: Array<{ node: { id: string } }> };
      }>(
        `query($f: ThreadFilter) { threads(filter: $f, first: 1) { pageInfo { endCursor } edges { node { id } } } }`,
        { f: { spaceSlug: pinSpace } },
        reader.accessToken,
      ),
    );
    const rest = must(
      await t.gql<{ threads: { edges: Array<{ node: { id: string } }> } }>(
        `query($f: ThreadFilter, $a: String) { threads(filter: $f, first: 5, after: $a) { edges { node { id } } } }`,
        { f: { spaceSlug: pinSpace }, a: first.threads.pageInfo.endCursor },
        reader.accessToken,
      ),
    );
    expect([...first.threads.edges, ...rest.threads.edges].map((e) => e.node.id)).toEqual([
      old.id,
      newest.id,
      newer.id,
    ]);
    await act(UNPIN, { threadId: old.id, reason: 'Superseded' });
    expect((await threadsIn(reader, pinSpace))[0].id).toBe(newest.id);
    expect((await lastNotice(author)).title).toMatch(/unpinned your thread/);
  });

  it('moves a thread and its replies to another space', async () => {
    const target = await createSpace(t, mod);
    const word = `quokka${Date.now().toString(36)}`;
    const thread = await startThread(t, author, space, { title: `Misplaced ${word} question` });
    await postReply(t, reader, thread.id, { body: `Answer about ${word}` });
    const moved = await act(MOVE, {
      threadId: thread.id,
      spaceSlug: target,
      reason: 'Belongs in tools',
    });
    expect(moved.moveThread).toMatchObject({
      before: { spaceSlug: space },
      after: { spaceSlug: target },
    });
    expect((await threadAs(reader, thread.id))?.space.slug).toBe(target);
    expect((await threadsIn(reader, target)).map((n) => n.id)).toContain(thread.id);
    const found = await searchAs(reader, word, { spaceSlug: target });
    expect(found.map((n) => n.kind).sort()).toEqual(['REPLY', 'THREAD']);
    expect(
      codeOf(
        await t.gql(
          MOVE,
          { input: { threadId: thread.id, spaceSlug: 'nowhere-at-all', reason: 'x' } },
          mod.accessToken,
        ),
      ),
    ).toBe('NOT_FOUND');
    expect(
      codeOf(
        await t.gql(
          MOVE,
          { input: { threadId: thread.id, spaceSlug: target, reason: 'x' } },
          mod.accessToken,
        ),
      ),
    ).toBe('CONFLICT');
    expect((await lastNotice(author)).title).toMatch(/moved your thread .* to the space/);
  });

  it('merges threads: replies move with their tree, the old thread redirects and leaves lists and search', async () => {
    const word = `axolotl${Date.now().toString(36)}`;
    const from = await startThread(t, author, space, { title: `Duplicate ${word} question` });
    const into = await startThread(t, reader, space, { title: 'The original question' });
    const intoReply = await postReply(t, reader, into.id, { body: 'Original answer' });
    const a = await postReply(t, reader, from.id, { body: `First ${word} answer` });
    const b = await postReply(t, author, from.id, {
      parentReplyId: a.id,
      body: 'Nested follow-up',
    });
    const c = await postReply(t, reader, from.id, { body: 'Second answer' });

    const merged = await act(MERGE, {
      fromThreadId: from.id,
      intoThreadId: into.id,
      reason: 'Duplicate',
    });
    expect(merged.mergeThreads).toMatchObject({
      targetId: from.id,
      before: { mergedInto: null },
      after: { mergedInto: into.id, movedReplies: 3 },
    });
    const target = await threadAs(reader, into.id);
    expect(target?.replyTree.map((r) => [r.id, r.parentReplyId])).toEqual([
      [intoReply.id, null],
      [a.id, null],
      [b.id, a.id],
      [c.id, null],
    ]);
    expect(target?.replyCount).toBe(4);
    const old = await threadAs(reader, from.id);
    expect(old?.mergedInto).toEqual({ id: into.id });
    expect(old?.replyTree).toEqual([]);
    expect((await threadsIn(reader, space)).map((n) => n.id)).not.toContain(from.id);
    const found = await searchAs(reader, word);
    expect(found).toEqual([expect.objectContaining({ kind: 'REPLY', targetId: a.id })]);
    // The old thread takes no more replies; a further merge of it is refused.
    expect(
      codeOf(
        await t.gql(
          `mutation($input: PostReplyInput!) { postReply(input: $input) { id } }`,
          { input: { threadId: from.id, body: 'Late reply' } },
          reader.accessToken,
        ),
      ),
    ).toBe('FORBIDDEN');
    expect(
      codeOf(
        await t.gql(
          MERGE,
          { input: { fromThreadId: from.id, intoThreadId: into.id, reason: 'x' } },
          mod.accessToken,
        ),
      ),
    ).toBe('BAD_USER_INPUT');
    expect(
      codeOf(
        await t.gql(
          MERGE,
          { input: { fromThreadId: into.id, intoThreadId: into.id, reason: 'x' } },
          mod.accessToken,
        ),
      ),
    ).toBe('BAD_USER_INPUT');
    const notice = await lastNotice(author);
    expect(notice).toMatchObject({ link: `/threads/${into.id}` });
    expect(notice.title).toMatch(/merged your thread .* into “The original question”/);
    // A reply moved later still nests under the merged tree's positions.
    await postReply(t, author, into.id, { parentReplyId: b.id, body: 'Deeper after merge' });
    expect((await threadAs(reader, into.id))?.replyTree.map((r) => r.body)).toEqual([
      'Original answer',
      `First ${word} answer`,
      'Nested follow-up',
      'Deeper after merge',
      'Second answer',
    ]);
  });

  it('edits a thread’s tags', async () => {
    const thread = await startThread(t, author, space, { tags: ['onboarding', 'rituals'] });
    const edited = await act(EDIT_TAGS, {
      threadId: thread.id,
      tags: ['Onboarding', 'Community  Health'],
      reason: 'Better tags',
    });
    expect(edited.editThreadTags).toMatchObject({
      before: { tags: ['onboarding', 'rituals'] },
      after: { tags: ['onboarding', 'community health'] },
    });
    expect((await threadAs(reader, thread.id))?.tags).toEqual(['onboarding', 'community health']);
    expect(
      codeOf(
        await t.gql(
          EDIT_TAGS,
          { input: { threadId: thread.id, tags: ['a', 'b', 'c', 'd', 'e', 'f'], reason: 'x' } },
          mod.accessToken,
        ),
      ),
    ).toBe('BAD_USER_INPUT');
    expect((await lastNotice(author)).title).toMatch(/changed the tags of your thread/);
  });

  it('needs a reason and exactly one target', async () => {
    const thread = await startThread(t, author, space);
    const blank = await t.gql(
      HIDE,
      { input: { threadId: thread.id, reason: '   ' } },
      mod.accessToken,
    );
    expect(codeOf(blank)).toBe('BAD_USER_INPUT');
    expect(Object.keys(blank.errors?.[0]?.extensions?.fields ?? {})).toContain('input.reason');
    expect(codeOf(await t.gql(HIDE, { input: { reason: 'no target' } }, mod.accessToken))).toBe(
      'BAD_USER_INPUT',
    );
    expect(
      codeOf(
        await t.gql(
          LOCK,
          { input: { threadId: '00000000-0000-4000-8000-000000000000', reason: 'x' } },
          mod.accessToken,
        ),
      ),
    ).toBe('NOT_FOUND');
  });
});
