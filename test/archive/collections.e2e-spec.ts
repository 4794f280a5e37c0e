import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';
import { startTestApp, TestApp, TestMember } from '../support/test-app';
import {
  ADD,
  COLLECTION,
  COLLECTIONS,
  CollectionNode,
  MOVE,
  PUBLISH,
  REMOVE,
  UNPUBLISH,
  UPDATE,
  addEntry,
  codeOf,
  createCollection,
  createSpace,
  inDays,
  must,
  postReply,
  readCollection,
  reasonOf,
  startThread,
  uniqueSlug,
  withRole,
} from './support';

describe('archive: collections from draft to published', () => {
  let t: TestApp;
  let admin: TestMember;
  let mod: TestMember;
  let member: TestMember;
  let author: TestMember;
  let space: string;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.signUp({ displayName: 'Site Admin' }); // first account: ADMIN
    mod = await withRole(t, 'MODERATOR', 'Curating Mod');
    member = await t.signUp({ displayName: 'Reading Member' });
    author = await t.signUp({ displayName: 'Thread Author' });
    space = await createSpace(t, mod);
  });
  afterAll(() => t?.close());

  it('creates a DRAFT that only curators see, then publishes it for members', async () => {
    const created = await createCollection(t, mod, {
      summary: 'Why it **matters** <script>alert(1)</script>',
      tags: ['ROI', 'Measurement'],
    });
    expect(created).toMatchObject({
      status: 'DRAFT',
      publishedAt: null,
      tags: ['roi', 'measurement'],
      entryCount: 0,
      createdBy: { handle: mod.handle },
    });
    expect(created.summaryHtml).toContain('<strong>matters</strong>');
    expect(created.summaryHtml).not.toContain('<script');

    expect(await readCollection(t, member, created.slug)).toBeNull();
    expect((await readCollection(t, admin, created.slug))?.status).toBe('DRAFT');
    const listed = must(
      await t.gql<{ collections: { edges: Array<{ node: { slug: string } }> } }>(
        COLLECTIONS,
        { first: 100 },
        member.accessToken,
      ),
    );
    expect(listed.collections.edges.map((e) => e.node.slug)).not.toContain(created.slug);
    const drafts = await t.gql(COLLECTIONS, { filter: { status: 'DRAFT' } }, member.accessToken);
    expect(codeOf(drafts)).toBe('FORBIDDEN');

    const published = must(
      await t.gql<{ publishCollection: CollectionNode }>(
        PUBLISH,
        { slug: created.slug },
        mod.accessToken,
      ),
    );
    expect(published.publishCollection.status).toBe('PUBLISHED');
    expect(published.publishCollection.publishedAt).not.toBeNull();
    expect((await readCollection(t, member, created.slug))?.title).toBe('Proving community ROI');
    const again = await t.gql(PUBLISH, { slug: created.slug }, mod.accessToken);
    expect(codeOf(again)).toBe('CONFLICT');

    must(await t.gql(UNPUBLISH, { slug: created.slug }, admin.accessToken));
    expect(await readCollection(t, member, created.slug)).toBeNull();
  });

  it('lists with filters and keyset pages', async () => {
    const tag = `tag${Date.now().toString(36)}`;
    const slugs: string[] = [];
    for (let i = 0; i < 3; i++) {
      const c = await createCollection(t, mod, { tags: [tag] });
      must(await t.gql(PUBLISH, { slug: c.slug }, mod.accessToken));
      slugs.unshift(c.slug);
    }
    await createCollection(t, mod, { tags: [tag] }); // a draft: not for members
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: {
        collections: {
          totalCount: number;
          pageInfo: { hasNextPage: boolean; endCursor: string };
          edges: Array<{ node: { slug: string } }>;
        };
      } = must(
        await t.gql(
          COLLECTIONS,
          { filter: { tag: tag.toUpperCase() }, first: 2, after },
          member.accessToken,
        ),
      );
      expect(page.collections.totalCount).toBe(3);
      seen.push(...page.collections.edges.map((e) => e.node.slug));
      if (!page.collections.pageInfo.hasNextPage) break;
      after = page.collections.pageInfo.endCursor;
    }
    expect(seen).toEqual(slugs);
    const staff = must(
      await t.gql<{ collections: { totalCount: number } }>(
        COLLECTIONS,
        { filter: { tag, status: 'DRAFT' } },
        mod.accessToken,
      ),
    );
    expect(staff.collections.totalCount).toBe(1);
    expect(codeOf(await t.gql(COLLECTIONS, { after: 'bm9wZQ' }, member.accessToken))).toBe(
      'BAD_USER_INPUT',
    );
  });

  it('validates inputs and slugs', async () => {
    const c = await createCollection(t, mod);
    const taken = await t.gql(
      `mutation($input: CreateCollectionInput!) { createCollection(input: $input) { id } }`,
      { input: { title: 'Another', slug: c.slug, summary: '', tags: [] } },
      mod.accessToken,
    );
    expect(codeOf(taken)).toBe('CONFLICT');
    const bad = await t.gql(
      `mutation($input: CreateCollectionInput!) { createCollection(input: $input) { id } }`,
      { input: { title: 'x', slug: 'Not A Slug', tags: ['a', 'b', 'c', 'd', 'e', 'f'] } },
      mod.accessToken,
    );
    expect(codeOf(bad)).toBe('BAD_USER_INPUT');
    const fields = bad.errors?.[0]?.extensions?.fields as Record<string, string[]>;
    expect(Object.keys(fields).sort()).toEqual(['input.slug', 'input.tags', 'input.title']);

    const renamed = must(
      await t.gql<{ updateCollection: CollectionNode }>(
        UPDATE,
        { input: { slug: c.slug, newSlug: `${c.slug}-v2`, title: 'Proving ROI, revised' } },
        mod.accessToken,
      ),
    );
    expect(renamed.updateCollection).toMatchObject({
      slug: `${c.slug}-v2`,
      title: 'Proving ROI, revised',
      summary: c.summary,
      tags: c.tags,
    });
    const missing = await t.gql(UPDATE, { input: { slug: 'no-such-collection' } }, mod.accessToken);
    expect(codeOf(missing)).toBe('NOT_FOUND');
  });

  it('adds threads and replies with notes, one target each, never twice', async () => {
    const c = await createCollection(t, mod);
    const thread = await startThread(t, author, space);
    const reply = await postReply(t, member, thread.id, 'Measure *deflected* tickets.');
    const first = await addEntry(t, mod, {
      collectionSlug: c.slug,
      threadId: thread.id,
      note: 'The question every **CFO** asks.',
      reviewBy: inDays(90),
    });
    expect(first).toMatchObject({
      position: 1,
      kind: 'THREAD',
      threadId: thread.id,
      replyId: null,
      available: true,
      stale: false,
      archived: false,
      content: {
        title: thread.title,
        body: 'Our CFO asks for **numbers**.',
        author: { handle: author.handle },
      },
    });
    expect(first.noteHtml).toContain('<strong>CFO</strong>');
    expect(first.content?.link).toMatch(new RegExp(`/threads/${thread.id}$`));
    const second = await addEntry(t, mod, { collectionSlug: c.slug, replyId: reply.id });
    expect(second).toMatchObject({
      position: 2,
      kind: 'REPLY',
      replyId: reply.id,
      content: {
        title: thread.title,
        body: 'Measure *deflected* tickets.',
        author: { handle: member.handle },
      },
    });
    expect(second.content?.link).toMatch(new RegExp(`/threads/${thread.id}#reply-${reply.id}$`));

    const add = (input: Record<string, unknown>) =>
      t.gql(ADD, { input: { collectionSlug: c.slug, ...input } }, mod.accessToken);
    const twice = await add({ threadId: thread.id });
    expect([codeOf(twice), reasonOf(twice)]).toEqual(['CONFLICT', 'ALREADY_IN_COLLECTION']);
    const both = await add({ threadId: thread.id, replyId: reply.id });
    expect([codeOf(both), reasonOf(both)]).toEqual(['BAD_USER_INPUT', 'ONE_TARGET']);
    expect(reasonOf(await add({}))).toBe('ONE_TARGET');
    const unknown = await add({ threadId: '00000000-0000-4000-8000-000000000000' });
    expect([codeOf(unknown), reasonOf(unknown)]).toEqual(['NOT_FOUND', 'TARGET_NOT_FOUND']);
    const past = await add({
      replyId: (await postReply(t, author, thread.id)).id,
      reviewBy: inDays(-1),
    });
    expect([codeOf(past), reasonOf(past)]).toEqual(['BAD_USER_INPUT', 'INVALID_REVIEW_BY']);
    const noCollection = await t.gql(
      ADD,
      { input: { collectionSlug: 'nope-nope', threadId: thread.id } },
      mod.accessToken,
    );
    expect(codeOf(noCollection)).toBe('NOT_FOUND');

    const read = await readCollection(t, mod, c.slug);
    expect(read?.entries?.map((e) => e.id)).toEqual([first.id, second.id]);
    expect(read?.entryCount).toBe(2);
  });

  it('reorders entries: moves shift the others, positions stay 1..n', async () => {
    const c = await createCollection(t, mod);
    const thread = await startThread(t, author, space);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const reply = await postReply(t, author, thread.id, `Answer number ${i}`);
      ids.push((await addEntry(t, mod, { collectionSlug: c.slug, replyId: reply.id })).id);
    }
    type Moved = { moveCollectionEntry: { entries: Array<{ id: string; position: number }> } };
    const move = async (entryId: string, position: number) =>
      must(await t.gql<Moved>(MOVE, { input: { entryId, position } }, mod.accessToken))
        .moveCollectionEntry.entries;
    let entries = await move(ids[4], 1);
    expect(entries.map((e) => e.id)).toEqual([ids[4], ids[0], ids[1], ids[2], ids[3]]);
    expect(entries.map((e) => e.position)).toEqual([1, 2, 3, 4, 5]);
    entries = await move(ids[4], 5);
    expect(entries.map((e) => e.id)).toEqual(ids);
    entries = await move(ids[1], 4);
    expect(entries.map((e) => e.id)).toEqual([ids[0], ids[2], ids[3], ids[1], ids[4]]);
    entries = await move(ids[3], 3); // already there
    expect(entries.map((e) => e.id)).toEqual([ids[0], ids[2], ids[3], ids[1], ids[4]]);

    const outside = await t.gql(MOVE, { input: { entryId: ids[0], position: 6 } }, mod.accessToken);
    expect([codeOf(outside), reasonOf(outside)]).toEqual(['BAD_USER_INPUT', 'INVALID_POSITION']);
    const zero = await t.gql(MOVE, { input: { entryId: ids[0], position: 0 } }, mod.accessToken);
    expect(codeOf(zero)).toBe('BAD_USER_INPUT');

    type Removed = { removeCollectionEntry: { entries: Array<{ id: string; position: number }> } };
    const removed = must(await t.gql<Removed>(REMOVE, { entryId: ids[2] }, mod.accessToken))
      .removeCollectionEntry.entries;
    expect(removed.map((e) => e.id)).toEqual([ids[0], ids[3], ids[1], ids[4]]);
    expect(removed.map((e) => e.position)).toEqual([1, 2, 3, 4]);
    const gone = await t.gql(REMOVE, { entryId: ids[2] }, mod.accessToken);
    expect([codeOf(gone), reasonOf(gone)]).toEqual(['NOT_FOUND', 'ENTRY_NOT_FOUND']);

    // Concurrent moves never break the order.
    await Promise.all([move(ids[0], 4), move(ids[4], 1), move(ids[1], 2)]);
    const after = (await readCollection(t, mod, c.slug))?.entries ?? [];
    expect(after.map((e) => e.position)).toEqual([1, 2, 3, 4]);
    expect(new Set(after.map((e) => e.id))).toEqual(new Set([ids[0], ids[3], ids[1], ids[4]]));
  });

  it('shows an entry whose target was hidden or deleted as unavailable', async () => {
    const c = await createCollection(t, mod);
    const hiddenThread = await startThread(t, author, space, { title: 'A thread to be hidden' });
    const deletedThread = await startThread(t, author, space, { title: 'A thread to be deleted' });
    const host = await startThread(t, author, space, { title: 'Replies live here' });
    const hiddenReply = await postReply(t, member, host.id, 'A reply to be hidden');
    const underHidden = await startThread(t, author, space, { title: 'Its thread gets hidden' });
    const orphan = await postReply(t, member, underHidden.id, 'Fine reply, hidden thread');
    for (const input of [
      { threadId: hiddenThread.id },
      { threadId: deletedThread.id },
      { replyId: hiddenReply.id },
      { replyId: orphan.id },
    ]) {
      await addEntry(t, mod, { collectionSlug: c.slug, ...input });
    }
    must(await t.gql(PUBLISH, { slug: c.slug }, mod.accessToken));
    await t.sql(`UPDATE discussion_thread SET hidden_at = now() WHERE id = ANY($1::uuid[])`, [
      [hiddenThread.id, underHidden.id],
    ]);
    await t.sql(`UPDATE discussion_reply SET hidden_at = now() WHERE id = $1`, [hiddenReply.id]);
    must(
      await t.gql(
        `mutation($id: ID!) { deleteThread(id: $id) { id } }`,
        { id: deletedThread.id },
        author.accessToken,
      ),
    );
    for (const reader of [member, mod]) {
      const read = await readCollection(t, reader, c.slug);
      expect(read?.entries?.map((e) => [e.available, e.content])).toEqual([
        [false, null],
        [false, null],
        [false, null],
        [false, null],
      ]);
    }
    // Restored: available again.
    await t.sql(`UPDATE discussion_thread SET hidden_at = NULL WHERE id = $1`, [hiddenThread.id]);
    const restored = await readCollection(t, member, c.slug);
    expect(restored?.entries?.[0]).toMatchObject({
      available: true,
      content: { title: 'A thread to be hidden' },
    });
  });

  it('costs the same number of SQL statements for 5 and 50 entries', async () => {
    const small = await createCollection(t, mod);
    const large = await createCollection(t, mod);
    const thread = await startThread(t, author, space);
    // Fifty replies and threads written directly (the posting rate limit would slow this down).
    const replies = await t.sql<{ id: string }>(
      `INSERT INTO discussion_reply (thread_id, author_id, path, depth, body, body_html)
       SELECT $1, $2, lpad(to_hex(i), 4, '0'), 0, 'Bulk answer ' || i, '<p>Bulk answer ' || i || '</p>'
         FROM generate_series(1000, 1024) i RETURNING id`,
      [thread.id, author.id],
    );
    const threads = await t.sql<{ id: string }>(
      `INSERT INTO discussion_thread (space_id, author_id, kind, title, body, body_html, last_activity_at)
       SELECT s.id, $2, 'QUESTION', 'Bulk question ' || i, 'Body ' || i, '<p>Body ' || i || '</p>', now()
         FROM generate_series(1, 25) i, discussion_space s WHERE s.slug = $1 RETURNING id`,
      [space, member.id],
    );
    const targets = [
      ...replies.map((r) => ({ kind: 'REPLY', id: r.id })),
      ...threads.map((r) => ({ kind: 'THREAD', id: r.id })),
    ];
    await t.sql(
      `INSERT INTO archive_collection_entry (collection_id, position, kind, target_id, note, added_by_id)
       SELECT $1, n, (x->>'kind')::archive_entry_kind, (x->>'id')::uuid, 'Note ' || n, $3
         FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS a(x, n)`,
      [large.id, JSON.stringify(targets), mod.id],
    );
    await t.sql(
      `INSERT INTO archive_collection_entry (collection_id, position, kind, target_id, note, added_by_id)
       SELECT $1, n, (x->>'kind')::archive_entry_kind, (x->>'id')::uuid, 'Note ' || n, $3
         FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS a(x, n) WHERE n <= 5`,
      [
        small.id,
        JSON.stringify([targets[0], targets[1], targets[30], targets[31], targets[32]]),
        mod.id,
      ],
    );
    for (const slug of [small.slug, large.slug]) {
      must(await t.gql(PUBLISH, { slug }, mod.accessToken));
    }
    const spy = jest.spyOn(PostgresQueryRunner.prototype, 'query');
    const count = async (slug: string, size: number) => {
      spy.mockClear();
      const read = must(
        await t.gql<{ collection: CollectionNode }>(COLLECTION, { slug }, member.accessToken),
      );
      expect(read.collection.entries).toHaveLength(size);
      expect(read.collection.entries?.every((e) => e.available && e.content?.author)).toBe(true);
      return spy.mock.calls.length;
    };
    const few = await count(small.slug, 5);
    const many = await count(large.slug, 50);
    spy.mockRestore();
    expect(many).toBe(few);
    expect(few).toBeLessThanOrEqual(9);
  });

  it('leaves no trace of refused writes', async () => {
    const c = await createCollection(t, mod, { slug: uniqueSlug('refused') });
    const before = await t.sql(`SELECT updated_at FROM archive_collection WHERE id = $1`, [c.id]);
    expect(codeOf(await t.gql(PUBLISH, { slug: c.slug }, member.accessToken))).toBe('FORBIDDEN');
    expect(await t.sql(`SELECT updated_at FROM archive_collection WHERE id = $1`, [c.id])).toEqual(
      before,
    );
  });
});
