import { randomUUID } from 'node:crypto';
import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';
import { DISCUSSIONS_OPTIONS, DiscussionsOptions } from '@app/discussions';
import { encodeCursor } from '@app/core';
import { startTestApp, TestApp, TestMember } from '../support/test-app';
import { childPath } from '../../libs/discussions/src/reply-path';
import {
  createSpace,
  errorCode,
  moderator,
  must,
  postReply,
  startThread,
} from './discussions-support';

const THREADS = `query($filter: ThreadFilter, $orderBy: ThreadOrder, $first: Int, $after: String) {
  threads(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { cursor node { id title kind tags solved replyCount score author { handle displayName }
      space { slug name } acceptedReply { id author { handle } } } }
  }
}`;

/**
 * Waits until the server has run no SQL for a while: work that follows writes in the background
 * (live events, followers' notifications) must not be counted as the measured request's.
 */
async function quiet(spy: jest.SpyInstance, idleMs = 300, maxMs = 30_000): Promise<void> {
  const deadline = Date.now() + maxMs;
  for (;;) {
    spy.mockClear();
    await new Promise((resolve) => setTimeout(resolve, idleMs));
    if (spy.mock.calls.length === 0 || Date.now() > deadline) return;
  }
}

interface Page {
  threads: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: Array<{ node: { id: string; title: string } }>;
  };
}

describe('discussions: reading threads and the tree, at a constant SQL cost', () => {
  let t: TestApp;
  let mod: TestMember;
  let alice: TestMember;
  let bob: TestMember;

  const list = async (vars: Record<string, unknown>, reader: TestMember | null = alice) =>
    must(await t.gql<Page>(THREADS, { first: 100, ...vars }, reader?.accessToken)).threads;
  const titles = async (vars: Record<string, unknown>, reader: TestMember | null = alice) =>
    (await list(vars, reader)).edges.map((edge) => edge.node.title);

  beforeAll(async () => {
    t = await startTestApp();
    await t.signUp({ displayName: 'First Admin' });
    mod = await moderator(t, 'Reading Moderator');
    alice = await t.signUp({ displayName: 'Alice Reader' });
    bob = await t.signUp({ displayName: 'Bob Writer' });
    t.app.get<string, DiscussionsOptions>(DISCUSSIONS_OPTIONS).replyRateLimit.limit = 10_000;
  });
  afterAll(() => t?.close());

  it('filters by space, tag, author, solved and kind', async () => {
    const space = await createSpace(t, mod, 'MEMBERS');
    const other = await createSpace(t, mod, 'PUBLIC');
    const q1 = await startThread(t, alice, space, { title: 'Question one tagged', tags: ['roi'] });
    const q2 = await startThread(t, bob, space, { title: 'Question two untagged', tags: [] });
    await startThread(t, bob, space, {
      title: 'Discussion three tagged',
      kind: 'DISCUSSION',
      tags: ['ROI', 'governance'],
    });
    await startThread(t, alice, other, { title: 'Elsewhere question', tags: ['roi'] });
    const answer = await postReply(t, bob, q1.id);
    must(
      await t.gql(
        `mutation($id: ID!) { acceptAnswer(replyId: $id) { id } }`,
        { id: answer.id },
        alice.accessToken,
      ),
    );
    await postReply(t, alice, q2.id);

    const inSpace = { spaceSlug: space };
    expect(await titles({ filter: inSpace, orderBy: 'NEWEST' })).toEqual([
      'Discussion three tagged',
      'Question two untagged',
      'Question one tagged',
    ]);
    expect(await titles({ filter: { ...inSpace, tag: ' Roi ' }, orderBy: 'NEWEST' })).toEqual([
      'Discussion three tagged',
      'Question one tagged',
    ]);
    expect(await titles({ filter: { ...inSpace, authorHandle: alice.handle } })).toEqual([
      'Question one tagged',
    ]);
    expect(await titles({ filter: { authorHandle: 'nobody-has-this-handle' } })).toEqual([]);
    expect(await titles({ filter: { ...inSpace, solved: true } })).toEqual(['Question one tagged']);
    expect(await titles({ filter: { ...inSpace, solved: false } })).toEqual([
      'Question two untagged',
    ]);
    expect(await titles({ filter: { ...inSpace, kind: 'DISCUSSION' } })).toEqual([
      'Discussion three tagged',
    ]);
    expect(await titles({ filter: { ...inSpace, kind: 'QUESTION', solved: false } })).toEqual([
      'Question two untagged',
    ]);
    expect((await list({ filter: { tag: 'roi' } }, null)).edges.map((e) => e.node.title)).toEqual([
      'Elsewhere question',
    ]);
    expect(errorCode(await t.gql(THREADS, { filter: { tag: '!!' } }, alice.accessToken))).toBe(
      'BAD_USER_INPUT',
    );
    expect(errorCode(await t.gql(THREADS, { first: 101 }, alice.accessToken))).toBe(
      'BAD_USER_INPUT',
    );
  });

  it('orders by LATEST_ACTIVITY, NEWEST, TOP and UNANSWERED', async () => {
    const space = await createSpace(t, mod, 'PUBLIC');
    const a = await startThread(t, alice, space, { title: 'Thread A oldest' });
    const b = await startThread(t, alice, space, { title: 'Thread B middle' });
    const c = await startThread(t, alice, space, { title: 'Thread C newest' });
    await postReply(t, bob, a.id);
    await postReply(t, bob, a.id);
    await postReply(t, bob, b.id);
    const filter = { spaceSlug: space };
    expect(await titles({ filter, orderBy: 'NEWEST' })).toEqual([
      'Thread C newest',
      'Thread B middle',
      'Thread A oldest',
    ]);
    expect(await titles({ filter, orderBy: 'LATEST_ACTIVITY' })).toEqual([
      'Thread B middle',
      'Thread A oldest',
      'Thread C newest',
    ]);
    expect(await titles({ filter })).toEqual([
      'Thread B middle',
      'Thread A oldest',
      'Thread C newest',
    ]);
    expect(await titles({ filter, orderBy: 'TOP' })).toEqual([
      'Thread A oldest',
      'Thread B middle',
      'Thread C newest',
    ]);
    expect(await titles({ filter, orderBy: 'UNANSWERED' })).toEqual(['Thread C newest']);
    expect(c.id).toBeDefined();
  });

  it('pages without duplicates or gaps while threads are added, and refuses foreign cursors', async () => {
    const space = await createSpace(t, mod, 'PUBLIC');
    for (let i = 0; i < 7; i++) {
      const thread = await startThread(t, bob, space, { title: `Paged thread number ${i}` });
      for (let r = 0; r < i % 3; r++) await postReply(t, alice, thread.id);
    }
    for (const orderBy of ['NEWEST', 'TOP', 'LATEST_ACTIVITY']) {
      const expected = await titles({ filter: { spaceSlug: space }, orderBy });
      const seen: string[] = [];
      let after: string | null = null;
      let added = 0;
      for (;;) {
        const page: Page['threads'] = await list({
          filter: { spaceSlug: space },
          orderBy,
          first: 2,
          after,
        });
        seen.push(...page.edges.map((edge) => edge.node.title));
        if (!page.pageInfo.hasNextPage) break;
        // New threads while paging land before the cursor: no duplicates, no gaps.
        if (added++ < 2)
          await startThread(t, bob, space, { title: `Late thread ${orderBy} ${added}` });
        after = page.pageInfo.endCursor;
      }
      // Every thread there at the start, once, in order; late ones only where they sort after the cursor.
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen.filter((title) => !title.startsWith(`Late thread ${orderBy}`))).toEqual(expected);
      if (orderBy !== 'TOP') expect(seen).toEqual(expected);
    }
    const newest = await list({ filter: { spaceSlug: space }, orderBy: 'NEWEST', first: 1 });
    const cursor = newest.pageInfo.endCursor;
    expect(
      errorCode(await t.gql(THREADS, { orderBy: 'TOP', after: cursor }, alice.accessToken)),
    ).toBe('BAD_USER_INPUT');
    expect(errorCode(await t.gql(THREADS, { after: 'garbage' }, alice.accessToken))).toBe(
      'BAD_USER_INPUT',
    );
    const forged = encodeCursor(['NEWEST', 'not a time', 'not a uuid']);
    expect(
      errorCode(await t.gql(THREADS, { orderBy: 'NEWEST', after: forged }, alice.accessToken)),
    ).toBe('BAD_USER_INPUT');
  });

  it('costs the same number of SQL statements for threads(first: 5) and threads(first: 50)', async () => {
    const space = await createSpace(t, mod, 'PUBLIC');
    const [{ id: spaceId }] = await t.sql<{ id: string }>(
      'SELECT id FROM discussion_space WHERE slug = $1',
      [space],
    );
    const authors = [alice.id, bob.id, mod.id];
    await t.sql(
      `INSERT INTO discussion_thread (space_id, author_id, kind, title, body, body_html, tags, created_at, last_activity_at)
       SELECT $1, ($2::uuid[])[1 + i % 3], 'QUESTION', 'Bulk thread ' || i, 'Body', '<p>Body</p>',
              ARRAY['bulk', 'tag-' || (i % 4)], now() - i * interval '1 minute', now() - i * interval '1 minute'
         FROM generate_series(1, 60) i`,
      [spaceId, authors],
    );
    const spy = jest.spyOn(PostgresQueryRunner.prototype, 'query');
    try {
      await quiet(spy);
      const count = async (first: number) => {
        spy.mockClear();
        const page = must(
          await t.gql<Page>(THREADS, { filter: { spaceSlug: space }, first }, alice.accessToken),
        );
        expect(page.threads.edges).toHaveLength(first);
        return spy.mock.calls.length;
      };
      const small = await count(5);
      const large = await count(50);
      expect(large).toBe(small);
      expect(small).toBeLessThanOrEqual(6);
    } finally {
      spy.mockRestore();
    }
  });

  it('loads replyTree with authors in the same number of statements for 20 and 2,000 replies', async () => {
    const space = await createSpace(t, mod, 'PUBLIC');
    // Twenty authors; seventeen written directly (hashing passwords is slow).
    const bulk = await t.sql<{ id: string }>(
      `INSERT INTO account (email, handle, display_name)
       SELECT 'tree' || i || '@example.org', 'tree-author-' || i, 'Tree Author ' || i
         FROM generate_series(1, 17) i RETURNING id`,
    );
    const authors = [alice, bob, mod, ...bulk];
    const TREE = `query($id: ID!) { thread(id: $id) { id title
      replyTree { id depth parentReplyId childCount body bodyHtml removed author { handle displayName } } } }`;

    /** A tree of `size` replies up to 10 deep, written with one INSERT. */
    const seed = async (size: number) => {
      const thread = await startThread(t, alice, space, { title: `A thread with ${size} replies` });
      const nodes: Array<{
        id: string;
        parent: number | null;
        path: string;
        depth: number;
        next: number;
      }> = [];
      let topNext = 0;
      for (let i = 0; i < size; i++) {
        // Mostly under one of the last few replies (deep chains), a new top level now and then.
        const parentIndex =
          i === 0 || i % 25 === 0 ? null : i - 1 - (((i * 2654435761) >>> 0) % Math.min(i, 3));
        const parent =
          parentIndex === null || nodes[parentIndex].depth >= 9 ? null : nodes[parentIndex];
        const position = parent ? ++parent.next : ++topNext;
        nodes.push({
          id: randomUUID(),
          parent: parent ? nodes.indexOf(parent) : null,
          path: childPath(parent?.path ?? null, position),
          depth: parent ? parent.depth + 1 : 0,
          next: 0,
        });
      }
      // Bulk data, not posts: no triggers (live events and followers' notifications for 2,000
      // replies would keep the server busy while the statements are counted).
      await t.sql(`SET session_replication_role = replica`);
      await t.sql(
        `INSERT INTO discussion_reply (id, thread_id, parent_reply_id, author_id, path, depth, next_position, body, body_html)
         SELECT id, $1, parent, author, path, depth, next, 'Reply ' || ord, '<p>Reply ' || ord || '</p>'
           FROM unnest($2::uuid[], $3::uuid[], $4::uuid[], $5::text[], $6::int[], $7::int[]) WITH ORDINALITY
                AS x(id, parent, author, path, depth, next, ord)`,
        [
          thread.id,
          nodes.map((n) => n.id),
          nodes.map((n) => (n.parent === null ? null : nodes[n.parent].id)),
          nodes.map((_n, i) => authors[i % authors.length].id),
          nodes.map((n) => n.path),
          nodes.map((n) => n.depth),
          nodes.map((n) => n.next),
        ],
      );
      await t.sql(
        'UPDATE discussion_thread SET reply_count = $2, next_position = $3 WHERE id = $1',
        [thread.id, size, topNext],
      );
      return { thread, nodes };
    };
    const small = await seed(20);
    const large = await seed(2000);
    expect(Math.max(...large.nodes.map((n) => n.depth))).toBe(9);

    const spy = jest.spyOn(PostgresQueryRunner.prototype, 'query');
    try {
      await quiet(spy);
      const count = async (threadId: string, size: number) => {
        spy.mockClear();
        const result = must(
          await t.gql<{ thread: { replyTree: Array<{ id: string; author: { handle: string } }> } }>(
            TREE,
            { id: threadId },
            bob.accessToken,
          ),
        );
        expect(result.thread.replyTree).toHaveLength(size);
        expect(result.thread.replyTree.every((reply) => reply.author.handle)).toBe(true);
        return { statements: spy.mock.calls.length, ids: result.thread.replyTree.map((r) => r.id) };
      };
      const few = await count(small.thread.id, 20);
      const many = await count(large.thread.id, 2000);
      expect(many.statements).toBe(few.statements);
      expect(few.statements).toBeLessThanOrEqual(4);
      // Pre-order: the seeded paths, sorted byte-wise, in the same order.
      const byPath = [...large.nodes].sort((x, y) => (x.path < y.path ? -1 : 1)).map((n) => n.id);
      expect(many.ids).toEqual(byPath);
    } finally {
      spy.mockRestore();
    }
  });
});
