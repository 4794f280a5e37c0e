import { DISCUSSIONS_OPTIONS, DiscussionsOptions, DiscussionsService } from '@app/discussions';
import { startTestApp, TestApp, TestMember } from '../support/test-app';
import {
  POST_REPLY,
  REPLY_FIELDS,
  ReplyNode,
  TREE,
  createSpace,
  errorCode,
  moderator,
  must,
  postReply,
  startThread,
} from './discussions-support';

const CHILDREN = `query($id: ID!, $first: Int, $after: String) {
  replyById(id: $id) { id childCount children(first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id depth parentReplyId } } } }
}`;
const TOP = `query($id: ID!, $first: Int, $after: String) {
  thread(id: $id) { replies(first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { id depth childCount removed } } } }
}`;
const EDIT_REPLY = `mutation($input: EditReplyInput!) { editReply(input: $input) { ${REPLY_FIELDS}
  revisions { totalCount edges { node { body editor { handle } } } } } }`;
const DELETE_REPLY = `mutation($id: ID!) { deleteReply(id: $id) { id removed body author { id } } }`;

type Tree = { thread: { replyTree: ReplyNode[] } | null };

describe('discussions: the reply tree', () => {
  let t: TestApp;
  let mod: TestMember;
  let asker: TestMember;
  let peer: TestMember;
  let third: TestMember;
  let space: string;

  const tree = async (threadId: string, reader?: TestMember, vars: Record<string, unknown> = {}) =>
    must(await t.gql<Tree>(TREE, { id: threadId, ...vars }, reader?.accessToken)).thread
      ?.replyTree ?? [];

  beforeAll(async () => {
    t = await startTestApp();
    await t.signUp({ displayName: 'First Admin' });
    mod = await moderator(t, 'Tree Moderator');
    asker = await t.signUp({ displayName: 'Tree Asker' });
    peer = await t.signUp({ displayName: 'Tree Peer' });
    third = await t.signUp({ displayName: 'Tree Third' });
    space = await createSpace(t, mod, 'PUBLIC');
    // This suite posts fast; the limit has its own suite.
    t.app.get<string, DiscussionsOptions>(DISCUSSIONS_OPTIONS).replyRateLimit.limit = 10_000;
  });
  afterAll(() => t?.close());

  it('stores any depth and lists the tree in pre-order with depth, parent and child counts', async () => {
    const thread = await startThread(t, asker, space);
    const a = await postReply(t, peer, thread.id, { body: 'A' });
    const b = await postReply(t, third, thread.id, { body: 'B' });
    const a1 = await postReply(t, asker, thread.id, { body: 'A1', parentReplyId: a.id });
    await postReply(t, third, thread.id, { body: 'A2', parentReplyId: a.id });
    const a1x = await postReply(t, peer, thread.id, { body: 'A1x', parentReplyId: a1.id });
    let deepest = a1x;
    for (let i = 0; i < 12; i++) {
      deepest = await postReply(t, i % 2 ? peer : third, thread.id, {
        body: `deep ${i}`,
        parentReplyId: deepest.id,
      });
    }
    expect(deepest.depth).toBe(14);
    const b1 = await postReply(t, peer, thread.id, { body: 'B1', parentReplyId: b.id });
    expect([a.depth, a1.depth, a1x.depth, b1.depth]).toEqual([0, 1, 2, 1]);

    const list = await tree(thread.id);
    expect(list.map((r) => r.body)).toEqual([
      'A',
      'A1',
      'A1x',
      ...Array.from({ length: 12 }, (_, i) => `deep ${i}`),
      'A2',
      'B',
      'B1',
    ]);
    const byBody = new Map(list.map((r) => [r.body, r]));
    expect(byBody.get('A')).toMatchObject({ childCount: 2, parentReplyId: null, depth: 0 });
    expect(byBody.get('A2')).toMatchObject({ childCount: 0, parentReplyId: a.id, depth: 1 });
    expect(byBody.get('A1x')?.author?.handle).toBe(peer.handle);

    // Slices by the last id: together they are the whole list.
    const first = await tree(thread.id, undefined, { limit: 5 });
    const rest = await tree(thread.id, undefined, { limit: 5000, after: first[4].id });
    expect([...first, ...rest].map((r) => r.id)).toEqual(list.map((r) => r.id));
    expect(await tree(thread.id, undefined, { after: list[list.length - 1].id })).toEqual([]);

    expect(errorCode(await t.gql(TREE, { id: thread.id, limit: 5001 }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await t.gql(TREE, { id: thread.id, limit: 0 }))).toBe('BAD_USER_INPUT');
    const otherThread = await startThread(t, asker, space);
    const foreign = await postReply(t, peer, otherThread.id);
    expect(errorCode(await t.gql(TREE, { id: thread.id, after: foreign.id }))).toBe(
      'BAD_USER_INPUT',
    );

    const summary = must(
      await t.gql<{ thread: { replyCount: number; score: number } }>(
        `query($id: ID!) { thread(id: $id) { replyCount score } }`,
        { id: thread.id },
      ),
    );
    expect(summary.thread).toEqual({ replyCount: list.length, score: list.length });
  });

  it('pages the top level and children with cursors, and fetches one reply by id', async () => {
    const thread = await startThread(t, asker, space);
    const tops: ReplyNode[] = [];
    for (let i = 0; i < 5; i++)
      tops.push(await postReply(t, peer, thread.id, { body: `top ${i}` }));
    const kids: ReplyNode[] = [];
    for (let i = 0; i < 5; i++)
      kids.push(
        await postReply(t, third, thread.id, { body: `kid ${i}`, parentReplyId: tops[1].id }),
      );

    type TopPage = {
      thread: {
        replies: {
          totalCount: number;
          pageInfo: { hasNextPage: boolean; endCursor: string };
          edges: Array<{ node: { id: string; childCount: number } }>;
        };
      };
    };
    const p1 = must(await t.gql<TopPage>(TOP, { id: thread.id, first: 2 }));
    expect(p1.thread.replies.totalCount).toBe(5);
    expect(p1.thread.replies.edges.map((e) => e.node.id)).toEqual([tops[0].id, tops[1].id]);
    expect(p1.thread.replies.edges[1].node.childCount).toBe(5);
    const p2 = must(
      await t.gql<TopPage>(TOP, {
        id: thread.id,
        first: 10,
        after: p1.thread.replies.pageInfo.endCursor,
      }),
    );
    expect(p2.thread.replies.edges.map((e) => e.node.id)).toEqual(tops.slice(2).map((r) => r.id));
    expect(p2.thread.replies.pageInfo.hasNextPage).toBe(false);

    type KidPage = {
      replyById: {
        childCount: number;
        children: {
          totalCount: number;
          pageInfo: { hasNextPage: boolean; endCursor: string };
          edges: Array<{ node: { id: string; depth: number; parentReplyId: string } }>;
        };
      };
    };
    const c1 = must(await t.gql<KidPage>(CHILDREN, { id: tops[1].id, first: 3 }));
    expect(c1.replyById.children.totalCount).toBe(5);
    expect(c1.replyById.children.pageInfo.hasNextPage).toBe(true);
    const c2 = must(
      await t.gql<KidPage>(CHILDREN, {
        id: tops[1].id,
        first: 3,
        after: c1.replyById.children.pageInfo.endCursor,
      }),
    );
    expect(
      [...c1.replyById.children.edges, ...c2.replyById.children.edges].map((e) => e.node.id),
    ).toEqual(kids.map((k) => k.id));
    expect(c2.replyById.children.edges[0].node).toMatchObject({
      depth: 1,
      parentReplyId: tops[1].id,
    });
    expect(errorCode(await t.gql(CHILDREN, { id: tops[1].id, after: 'forged' }))).toBe(
      'BAD_USER_INPUT',
    );

    const one = must(
      await t.gql<{ replyById: { id: string; thread: { id: string } } }>(
        `query($id: ID!) { replyById(id: $id) { id thread { id } } }`,
        { id: kids[2].id },
      ),
    );
    expect(one.replyById).toEqual({ id: kids[2].id, thread: { id: thread.id } });
    expect(
      must(
        await t.gql<{ replyById: null }>(`query($id: ID!) { replyById(id: $id) { id } }`, {
          id: thread.id,
        }),
      ).replyById,
    ).toBeNull();
  });

  it('refuses a parent from another thread, a missing parent and bad input', async () => {
    const thread = await startThread(t, asker, space);
    const elsewhere = await startThread(t, asker, space);
    const foreign = await postReply(t, peer, elsewhere.id);
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [{ parentReplyId: foreign.id }, 'BAD_USER_INPUT', 'input.parentReplyId'],
      [
        { parentReplyId: '7b0e4d62-38b5-4bd9-a05f-5f4e6b1f7a00' },
        'NOT_FOUND',
        'input.parentReplyId',
      ],
      [{ parentReplyId: 'not-a-uuid' }, 'BAD_USER_INPUT', 'input.parentReplyId'],
      [{ body: '' }, 'BAD_USER_INPUT', 'input.body'],
      [{ body: 'x'.repeat(40_001) }, 'BAD_USER_INPUT', 'input.body'],
      [{ feedback: {} }, 'BAD_USER_INPUT', 'input.feedback'],
      [{ feedback: { worked: '   ', risks: '' } }, 'BAD_USER_INPUT', 'input.feedback'],
      [{ feedback: { worked: 'w'.repeat(1001) } }, 'BAD_USER_INPUT', 'input.feedback.worked'],
      [
        { feedback: { wouldChange: 'w'.repeat(1001) } },
        'BAD_USER_INPUT',
        'input.feedback.wouldChange',
      ],
      [{ feedback: { risks: 'w'.repeat(1001) } }, 'BAD_USER_INPUT', 'input.feedback.risks'],
      [{ feedback: { worked: 'ok', extra: 'x' } }, 'BAD_USER_INPUT', ''],
    ];
    for (const [override, code, field] of cases) {
      const result = await t.gql(
        POST_REPLY,
        { input: { threadId: thread.id, body: 'Hello', ...override } },
        peer.accessToken,
      );
      expect({ override, code: errorCode(result) }).toEqual({ override, code });
      if (field)
        expect(Object.keys((result.errors?.[0].extensions?.fields ?? {}) as object)).toContain(
          field,
        );
    }
    const missing = await t.gql(
      POST_REPLY,
      { input: { threadId: '7b0e4d62-38b5-4bd9-a05f-5f4e6b1f7a00', body: 'Hi' } },
      peer.accessToken,
    );
    expect(errorCode(missing)).toBe('NOT_FOUND');
    expect(errorCode(await t.gql(POST_REPLY, { input: { threadId: thread.id, body: 'Hi' } }))).toBe(
      'UNAUTHENTICATED',
    );
    expect(must(await t.gql<Tree>(TREE, { id: thread.id })).thread?.replyTree).toEqual([]);
  });

  it('stores feedback and returns it on the reply', async () => {
    const thread = await startThread(t, asker, space);
    const reply = await postReply(t, peer, thread.id, {
      body: 'We ran a buddy program.',
      feedback: { worked: '  First posts doubled. ', risks: 'Buddies burn out.' },
    });
    expect(reply.feedback).toEqual({
      worked: 'First posts doubled.',
      wouldChange: null,
      risks: 'Buddies burn out.',
    });
    const [doc] = await t.sql<{ body: string; title: string; tags: string[]; link: string }>(
      'SELECT body, title, tags, link FROM search_document WHERE target_id = $1',
      [reply.id],
    );
    expect(doc.body).toContain('Buddies burn out.');
    expect(doc).toMatchObject({
      title: thread.title,
      tags: thread.tags,
      link: `/threads/${thread.id}#reply-${reply.id}`,
    });
  });

  it('lets only the author edit a reply, keeping revisions', async () => {
    const thread = await startThread(t, asker, space);
    const reply = await postReply(t, peer, thread.id, { body: 'First take' });
    expect(
      errorCode(
        await t.gql(EDIT_REPLY, { input: { id: reply.id, body: 'Mine now' } }, asker.accessToken),
      ),
    ).toBe('FORBIDDEN');
    expect(
      errorCode(
        await t.gql(EDIT_REPLY, { input: { id: reply.id, body: 'Mod edit' } }, mod.accessToken),
      ),
    ).toBe('FORBIDDEN');
    expect(errorCode(await t.gql(EDIT_REPLY, { input: { id: reply.id } }, peer.accessToken))).toBe(
      'BAD_USER_INPUT',
    );
    expect(
      errorCode(
        await t.gql(EDIT_REPLY, { input: { id: reply.id, feedback: {} } }, peer.accessToken),
      ),
    ).toBe('BAD_USER_INPUT');
    type Edited = {
      editReply: ReplyNode & {
        revisions: { totalCount: number; edges: Array<{ node: { body: string } }> };
      };
    };
    const edited = must(
      await t.gql<Edited>(
        EDIT_REPLY,
        { input: { id: reply.id, body: 'Second take', feedback: { wouldChange: 'More data' } } },
        peer.accessToken,
      ),
    );
    expect(edited.editReply).toMatchObject({
      body: 'Second take',
      feedback: { worked: null, wouldChange: 'More data', risks: null },
    });
    expect(edited.editReply.editedAt).not.toBeNull();
    expect(edited.editReply.revisions.edges.map((e) => e.node.body)).toEqual([
      'First take',
      'Second take',
    ]);
  });

  it('keeps deleted replies with children as placeholders and drops those without', async () => {
    const thread = await startThread(t, asker, space);
    const parent = await postReply(t, peer, thread.id, { body: 'Parent' });
    const child = await postReply(t, third, thread.id, { body: 'Child', parentReplyId: parent.id });
    const leaf = await postReply(t, peer, thread.id, { body: 'Leaf' });
    expect(errorCode(await t.gql(DELETE_REPLY, { id: parent.id }, asker.accessToken))).toBe(
      'FORBIDDEN',
    );

    const gone = must(
      await t.gql<{ deleteReply: { removed: boolean; body: null } }>(
        DELETE_REPLY,
        { id: leaf.id },
        peer.accessToken,
      ),
    );
    expect(gone.deleteReply).toMatchObject({ removed: true, body: null });
    const placeholder = must(
      await t.gql<{ deleteReply: { removed: boolean; body: null; author: null } }>(
        DELETE_REPLY,
        { id: parent.id },
        peer.accessToken,
      ),
    );
    expect(placeholder.deleteReply).toEqual({
      id: parent.id,
      removed: true,
      body: null,
      author: null,
    });

    for (const reader of [asker, mod, undefined]) {
      const list = await tree(thread.id, reader);
      expect(
        list.map((r) => [r.id, r.removed, r.body, r.author?.handle ?? null, r.childCount]),
      ).toEqual([
        [parent.id, true, null, null, 1],
        [child.id, false, 'Child', third.handle, 0],
      ]);
    }
    const summary = must(
      await t.gql<{ thread: { replyCount: number } }>(
        `query($id: ID!) { thread(id: $id) { replyCount } }`,
        { id: thread.id },
      ),
    );
    expect(summary.thread.replyCount).toBe(1);
    // Deleting the child too leaves nothing: the placeholder had only it to hold.
    must(await t.gql(DELETE_REPLY, { id: child.id }, third.accessToken));
    expect(await tree(thread.id)).toEqual([]);
    expect(errorCode(await t.gql(DELETE_REPLY, { id: child.id }, third.accessToken))).toBe(
      'NOT_FOUND',
    );
    expect(
      errorCode(
        await t.gql(
          POST_REPLY,
          { input: { threadId: thread.id, parentReplyId: parent.id, body: 'Hi' } },
          peer.accessToken,
        ),
      ),
    ).toBe('BAD_USER_INPUT');
    const docs = await t.sql('SELECT 1 FROM search_document WHERE target_id = ANY($1)', [
      [parent.id, child.id, leaf.id],
    ]);
    expect(docs).toHaveLength(0);
  });

  it('hides hidden replies from members (placeholders over children) and marks them for moderators', async () => {
    const thread = await startThread(t, asker, space);
    const hiddenParent = await postReply(t, peer, thread.id, { body: 'Rude parent' });
    const child = await postReply(t, third, thread.id, {
      body: 'Calm child',
      parentReplyId: hiddenParent.id,
    });
    const hiddenLeaf = await postReply(t, peer, thread.id, { body: 'Rude leaf' });
    const service = t.app.get(DiscussionsService);
    await service.setHidden('REPLY', hiddenParent.id, true);
    await service.setHidden('REPLY', hiddenLeaf.id, true);

    for (const reader of [asker, undefined]) {
      const list = await tree(thread.id, reader);
      expect(list.map((r) => [r.id, r.removed, r.hidden, r.body])).toEqual([
        [hiddenParent.id, true, false, null],
        [child.id, false, false, 'Calm child'],
      ]);
      const leaf = must(
        await t.gql<{ replyById: null }>(
          `query($id: ID!) { replyById(id: $id) { id } }`,
          { id: hiddenLeaf.id },
          reader?.accessToken,
        ),
      );
      expect(leaf.replyById).toBeNull();
    }
    const modView = await tree(thread.id, mod);
    expect(modView.map((r) => [r.id, r.removed, r.hidden, r.body])).toEqual([
      [hiddenParent.id, false, true, 'Rude parent'],
      [child.id, false, false, 'Calm child'],
      [hiddenLeaf.id, false, true, 'Rude leaf'],
    ]);
    const counts = must(
      await t.gql<{ thread: { replyCount: number; replies: { totalCount: number } } }>(
        `query($id: ID!) { thread(id: $id) { replyCount replies { totalCount } } }`,
        { id: thread.id },
        asker.accessToken,
      ),
    );
    expect(counts.thread).toEqual({ replyCount: 1, replies: { totalCount: 1 } });
    const docs = await t.sql<{ target_id: string; hidden: boolean }>(
      'SELECT target_id, hidden FROM search_document WHERE target_id = ANY($1) ORDER BY hidden',
      [[hiddenParent.id, child.id, hiddenLeaf.id]],
    );
    expect(
      docs
        .filter((d) => d.hidden)
        .map((d) => d.target_id)
        .sort(),
    ).toEqual([hiddenParent.id, hiddenLeaf.id].sort());
    // A member cannot answer what they cannot see; the author cannot edit it.
    expect(
      errorCode(
        await t.gql(
          POST_REPLY,
          { input: { threadId: thread.id, parentReplyId: hiddenLeaf.id, body: 'x' } },
          third.accessToken,
        ),
      ),
    ).toBe('BAD_USER_INPUT');
    expect(
      errorCode(
        await t.gql(EDIT_REPLY, { input: { id: hiddenLeaf.id, body: 'sorry' } }, peer.accessToken),
      ),
    ).toBe('NOT_FOUND');
  });

  it('reads authors, reactions and HTML with the tree exactly as each reply reads alone', async () => {
    const thread = await startThread(t, asker, space);
    const first = await postReply(t, peer, thread.id, { body: 'First **bold**' });
    const nested = await postReply(t, third, thread.id, {
      body: 'Nested',
      parentReplyId: first.id,
    });
    const doomed = await postReply(t, third, thread.id, { body: 'Soon gone' });
    await postReply(t, peer, thread.id, { body: 'Under the gone one', parentReplyId: doomed.id });
    must(await t.gql(DELETE_REPLY, { id: doomed.id }, third.accessToken));
    const react = `mutation($input: ToggleReactionInput!) { toggleReaction(input: $input) { kind } }`;
    for (const [reader, replyId, kind] of [
      [asker, first.id, 'HELPFUL'],
      [third, first.id, 'HELPFUL'],
      [asker, nested.id, 'SAME_HERE'],
    ] as const) {
      must(await t.gql(react, { input: { replyId, kind } }, reader.accessToken));
    }
    const fields = `id body bodyHtml removed author { id handle displayName role createdAt }
      reactions { kind count mine }`;
    type Full = { id: string; body: string | null; bodyHtml: string | null; removed: boolean };
    const full = must(
      await t.gql<{ thread: { replyTree: Full[] } }>(
        `query($id: ID!) { thread(id: $id) { replyTree { ${fields} } } }`,
        { id: thread.id },
        asker.accessToken,
      ),
    ).thread.replyTree;
    expect(full.map((r) => r.body)).toEqual([
      'First **bold**',
      'Nested',
      null,
      'Under the gone one',
    ]);
    expect(full[0].bodyHtml).toContain('<strong>bold</strong>');
    for (const reply of full) {
      const alone = must(
        await t.gql<{ replyById: Full }>(
          `query($id: ID!) { replyById(id: $id) { ${fields} } }`,
          { id: reply.id },
          asker.accessToken,
        ),
      ).replyById;
      expect(reply).toEqual(alone);
    }
    // Without bodyHtml, author or reactions the tree reads less, and the rest is the same.
    const lean = must(
      await t.gql<{ thread: { replyTree: Array<{ id: string; body: string | null }> } }>(
        `query($id: ID!) { thread(id: $id) { replyTree { id body } } }`,
        { id: thread.id },
        asker.accessToken,
      ),
    ).thread.replyTree;
    expect(lean).toEqual(full.map(({ id, body }) => ({ id, body })));
  });

  it('refuses replies under a locked reply', async () => {
    const thread = await startThread(t, asker, space);
    const reply = await postReply(t, peer, thread.id);
    await t.app.get(DiscussionsService).setLocked('REPLY', reply.id, true);
    expect(
      errorCode(
        await t.gql(
          POST_REPLY,
          { input: { threadId: thread.id, parentReplyId: reply.id, body: 'x' } },
          third.accessToken,
        ),
      ),
    ).toBe('FORBIDDEN');
    await postReply(t, third, thread.id, { body: 'Top level still works' });
  });
});
