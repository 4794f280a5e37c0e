import { startTestApp, TestApp, TestMember } from '../support/test-app';
import {
  CONFIRM,
  EntryNode,
  PUBLISH,
  REPLACE,
  STALE,
  addEntry,
  auditOf,
  codeOf,
  createCollection,
  createSpace,
  inDays,
  must,
  postReply,
  readCollection,
  reasonOf,
  startThread,
  withRole,
} from './support';

interface StalePage {
  staleEntries: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: Array<{
      node: { id: string; reviewBy: string; stale: boolean; collection: { slug: string } };
    }>;
  };
}

const LOG = `query($filter: ModerationLogFilter) {
  moderationLog(filter: $filter, first: 10) { edges { node { action targetKind targetId reason before after actor { handle } } } }
}`;

describe('archive: freshness reviews', () => {
  let t: TestApp;
  let mod: TestMember;
  let member: TestMember;
  let space: string;

  beforeAll(async () => {
    t = await startTestApp();
    await t.signUp({ displayName: 'Site Admin' });
    mod = await withRole(t, 'MODERATOR', 'Fresh Mod');
    member = await t.signUp({ displayName: 'Plain Member' });
    space = await createSpace(t, mod);
  });
  afterAll(() => t?.close());

  /** An entry whose review date passed `daysAgo` days ago. */
  async function overdue(slug: string, daysAgo: number): Promise<EntryNode> {
    const thread = await startThread(t, member, space, { title: `Overdue thread ${daysAgo} days` });
    const entry = await addEntry(t, mod, {
      collectionSlug: slug,
      threadId: thread.id,
      reviewBy: inDays(30),
    });
    await t.sql(
      `UPDATE archive_collection_entry SET review_by = now() - make_interval(days => $2) WHERE id = $1`,
      [entry.id, daysAgo],
    );
    return entry;
  }

  it('lists entries past their review date, the longest overdue first, for curators only', async () => {
    const c = await createCollection(t, mod);
    const fresh = await addEntry(t, mod, {
      collectionSlug: c.slug,
      threadId: (await startThread(t, member, space)).id,
      reviewBy: inDays(10),
    });
    expect(fresh.stale).toBe(false);
    const e3 = await overdue(c.slug, 3);
    const e9 = await overdue(c.slug, 9);
    const e5 = await overdue(c.slug, 5);
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: StalePage = must(
        await t.gql<StalePage>(STALE, { first: 2, after }, mod.accessToken),
      );
      expect(page.staleEntries.totalCount).toBe(3);
      for (const edge of page.staleEntries.edges) {
        expect(edge.node).toMatchObject({ stale: true, collection: { slug: c.slug } });
        seen.push(edge.node.id);
      }
      if (!page.staleEntries.pageInfo.hasNextPage) break;
      after = page.staleEntries.pageInfo.endCursor;
    }
    expect(seen).toEqual([e9.id, e5.id, e3.id]);
    const read = await readCollection(t, mod, c.slug);
    expect(read?.entries?.map((e) => e.stale)).toEqual([false, true, true, true]);
    expect(codeOf(await t.gql(STALE, {}, member.accessToken))).toBe('FORBIDDEN');
  });

  it('confirms an entry as current: a new review date, written to the audit log', async () => {
    const c = await createCollection(t, mod);
    const entry = await overdue(c.slug, 2);
    const next = inDays(180);
    const refused = await t.gql(CONFIRM, { entryId: entry.id, reviewBy: next }, member.accessToken);
    expect(codeOf(refused)).toBe('FORBIDDEN');
    const past = await t.gql(CONFIRM, { entryId: entry.id, reviewBy: inDays(-1) }, mod.accessToken);
    expect([codeOf(past), reasonOf(past)]).toEqual(['BAD_USER_INPUT', 'INVALID_REVIEW_BY']);
    const confirmed = must(
      await t.gql<{ confirmEntry: EntryNode }>(
        CONFIRM,
        { entryId: entry.id, reviewBy: next, reason: 'Checked the numbers again' },
        mod.accessToken,
      ),
    );
    expect(confirmed.confirmEntry).toMatchObject({ id: entry.id, stale: false, reviewBy: next });
    expect(confirmed.confirmEntry.reviewedAt).not.toBeNull();
    const stale = must(await t.gql<StalePage>(STALE, { first: 100 }, mod.accessToken));
    expect(stale.staleEntries.edges.map((e) => e.node.id)).not.toContain(entry.id);

    const [record] = await auditOf(t, entry.id);
    expect(record).toMatchObject({
      action: 'CONFIRM_COLLECTION_ENTRY',
      actor_id: mod.id,
      reason: 'Checked the numbers again',
      after: { reviewBy: next, collectionId: c.id },
    });
    // The default reason, when none is given.
    must(await t.gql(CONFIRM, { entryId: entry.id, reviewBy: inDays(200) }, mod.accessToken));
    expect((await auditOf(t, entry.id))[0].reason).toBe('Checked: still current.');
    // Moderators read it in moderationLog.
    const log = must(
      await t.gql<{
        moderationLog: { edges: Array<{ node: { action: string; actor: { handle: string } } }> };
      }>(LOG, { filter: { targetKind: 'COLLECTION_ENTRY', targetId: entry.id } }, mod.accessToken),
    );
    expect(log.moderationLog.edges.map((e) => e.node.action)).toEqual([
      'CONFIRM_COLLECTION_ENTRY',
      'CONFIRM_COLLECTION_ENTRY',
    ]);
    expect(log.moderationLog.edges[0].node.actor.handle).toBe(mod.handle);
  });

  it('replaces an entry in place: same position, new target, audited', async () => {
    const c = await createCollection(t, mod);
    const first = await overdue(c.slug, 1);
    const old = await overdue(c.slug, 4);
    const last = await overdue(c.slug, 1);
    const thread = await startThread(t, member, space, {
      title: 'The newer, better answer thread',
    });
    const reply = await postReply(t, member, thread.id, 'The up-to-date answer.');
    must(await t.gql(PUBLISH, { slug: c.slug }, mod.accessToken));

    const input = { entryId: old.id, replyId: reply.id, reason: 'Superseded by a newer answer' };
    expect(codeOf(await t.gql(REPLACE, { input }, member.accessToken))).toBe('FORBIDDEN');
    const replaced = must(
      await t.gql<{ replaceCollectionEntry: EntryNode }>(
        REPLACE,
        { input: { ...input, reviewBy: inDays(60) } },
        mod.accessToken,
      ),
    );
    expect(replaced.replaceCollectionEntry).toMatchObject({
      id: old.id,
      position: 2,
      kind: 'REPLY',
      replyId: reply.id,
      threadId: null,
      stale: false,
      content: { body: 'The up-to-date answer.' },
    });
    const read = await readCollection(t, member, c.slug);
    expect(read?.entries?.map((e) => e.id)).toEqual([first.id, old.id, last.id]);
    const [record] = await auditOf(t, old.id);
    expect(record).toMatchObject({
      action: 'REPLACE_COLLECTION_ENTRY',
      reason: 'Superseded by a newer answer',
      before: { kind: 'THREAD', targetId: old.threadId },
      after: { kind: 'REPLY', targetId: reply.id },
    });
    // The curated boost moved with it.
    const boosts = await t.sql<{ target_id: string; boost: number }>(
      `SELECT target_id, boost FROM search_document WHERE target_id = ANY($1::uuid[])`,
      [[old.threadId, reply.id]],
    );
    expect(Object.fromEntries(boosts.map((b) => [b.target_id, b.boost]))).toEqual({
      [old.threadId as string]: 1,
      [reply.id]: 2,
    });

    const same = await t.gql(REPLACE, { input: { ...input, reason: 'again' } }, mod.accessToken);
    expect([codeOf(same), reasonOf(same)]).toEqual(['CONFLICT', 'NO_CHANGE']);
    const duplicate = await t.gql(
      REPLACE,
      { input: { entryId: old.id, threadId: first.threadId, reason: 'dup' } },
      mod.accessToken,
    );
    expect([codeOf(duplicate), reasonOf(duplicate)]).toEqual(['CONFLICT', 'ALREADY_IN_COLLECTION']);
    const noReason = await t.gql(
      REPLACE,
      { input: { entryId: old.id, threadId: thread.id } },
      mod.accessToken,
    );
    expect(codeOf(noReason)).toBe('BAD_USER_INPUT');
  });
});
