import { startTestApp, TestApp, TestMember } from '../support/test-app';
import {
  MARK,
  PUBLISH,
  SEARCH,
  UNMARK,
  UNPUBLISH,
  addEntry,
  auditOf,
  codeOf,
  createCollection,
  createSpace,
  must,
  postReply,
  reasonOf,
  startThread,
  withRole,
} from './support';

interface SearchHit {
  kind: string;
  targetId: string;
  title: string;
  link: string;
  score: number;
  canonical: boolean;
}

const THREAD_ANSWERS = `query($id: ID!) {
  thread(id: $id) {
    id canonicalAnswer { id body canonical }
    replyTree { id canonical }
  }
}`;

describe('archive: canonical answers, in threads and in search', () => {
  let t: TestApp;
  let mod: TestMember;
  let member: TestMember;
  let asker: TestMember;
  let space: string;

  beforeAll(async () => {
    t = await startTestApp();
    await t.signUp({ displayName: 'Site Admin' });
    mod = await withRole(t, 'MODERATOR', 'Canon Mod');
    member = await t.signUp({ displayName: 'Answering Member' });
    asker = await t.signUp({ displayName: 'Asking Member' });
    space = await createSpace(t, mod);
  });
  afterAll(() => t?.close());

  const search = async (query: string, filter: Record<string, unknown> = {}, who = member) =>
    must(
      await t.gql<{ search: { edges: Array<{ node: SearchHit }> } }>(
        SEARCH,
        { query, filter },
        who.accessToken,
      ),
    ).search.edges.map((e) => e.node);

  it('marks the canonical answer: first in its thread, flagged and ranked first in search', async () => {
    const thread = await startThread(t, asker, space, {
      title: 'Which churn signal matters most?',
    });
    const plain = await postReply(t, member, thread.id, 'Zebrafinch cohorts predict churn well.');
    const best = await postReply(t, member, thread.id, 'Zebrafinch cohorts predict churn well.');
    const before = await search('zebrafinch cohorts');
    expect(before.map((hit) => hit.score)).toEqual([before[0].score, before[0].score]);

    const refused = await t.gql(MARK, { replyId: best.id, reason: 'Best' }, member.accessToken);
    expect(codeOf(refused)).toBe('FORBIDDEN');
    const marked = must(
      await t.gql<{ markCanonicalAnswer: { id: string; canonical: boolean } }>(
        MARK,
        { replyId: best.id, reason: 'Clearest, with evidence' },
        mod.accessToken,
      ),
    );
    expect(marked.markCanonicalAnswer).toEqual({ id: best.id, canonical: true });

    const read = must(
      await t.gql<{
        thread: {
          canonicalAnswer: { id: string; canonical: boolean } | null;
          replyTree: Array<{ id: string; canonical: boolean }>;
        };
      }>(THREAD_ANSWERS, { id: thread.id }, member.accessToken),
    );
    expect(read.thread.canonicalAnswer).toMatchObject({ id: best.id, canonical: true });
    expect(read.thread.replyTree).toEqual([
      { id: plain.id, canonical: false },
      { id: best.id, canonical: true },
    ]);

    const after = await search('zebrafinch cohorts');
    expect(after.map((hit) => [hit.targetId, hit.canonical])).toEqual([
      [best.id, true],
      [plain.id, false],
    ]);
    expect(after[0].score).toBeGreaterThan(after[1].score * 2);

    const [record] = await auditOf(t, best.id);
    expect(record).toMatchObject({
      action: 'MARK_CANONICAL_ANSWER',
      actor_id: mod.id,
      reason: 'Clearest, with evidence',
      before: { canonical: false, threadId: thread.id },
      after: { canonical: true, threadId: thread.id },
    });

    // One per thread, and not twice.
    const again = await t.gql(MARK, { replyId: best.id, reason: 'Again' }, mod.accessToken);
    expect([codeOf(again), reasonOf(again)]).toEqual(['CONFLICT', 'ALREADY_CANONICAL']);
    const other = await t.gql(MARK, { replyId: plain.id, reason: 'Other' }, mod.accessToken);
    expect([codeOf(other), reasonOf(other)]).toEqual(['CONFLICT', 'THREAD_HAS_CANONICAL']);

    const unmarked = must(
      await t.gql<{ unmarkCanonicalAnswer: { canonical: boolean } }>(
        UNMARK,
        { replyId: best.id, reason: 'Outdated now' },
        mod.accessToken,
      ),
    );
    expect(unmarked.unmarkCanonicalAnswer.canonical).toBe(false);
    const reset = await search('zebrafinch cohorts');
    expect(reset.every((hit) => !hit.canonical && hit.score === reset[0].score)).toBe(true);
    expect((await auditOf(t, best.id))[0]).toMatchObject({
      action: 'UNMARK_CANONICAL_ANSWER',
      reason: 'Outdated now',
    });
    const twice = await t.gql(UNMARK, { replyId: best.id, reason: 'x' }, mod.accessToken);
    expect([codeOf(twice), reasonOf(twice)]).toEqual(['CONFLICT', 'NOT_CANONICAL']);
  });

  it('keeps an accepted answer’s boost when unmarked, and refuses what cannot be canonical', async () => {
    const thread = await startThread(t, asker, space, { title: 'How to onboard moderators?' });
    const reply = await postReply(t, member, thread.id, 'Shadow a senior moderator for a week.');
    must(
      await t.gql(
        `mutation($id: ID!) { acceptAnswer(replyId: $id) { id } }`,
        { id: reply.id },
        asker.accessToken,
      ),
    );
    const boost = async () =>
      (
        await t.sql<{ boost: number }>(`SELECT boost FROM search_document WHERE target_id = $1`, [
          reply.id,
        ])
      )[0].boost;
    expect(await boost()).toBe(1.5);
    must(await t.gql(MARK, { replyId: reply.id, reason: 'Canonical' }, mod.accessToken));
    expect(await boost()).toBe(3);
    must(await t.gql(UNMARK, { replyId: reply.id, reason: 'Undo' }, mod.accessToken));
    expect(await boost()).toBe(1.5);

    const discussion = await startThread(t, asker, space, {
      kind: 'DISCUSSION',
      title: 'Open chat about community tools',
    });
    const chat = await postReply(t, member, discussion.id, 'We like forums.');
    const notQuestion = await t.gql(MARK, { replyId: chat.id, reason: 'x' }, mod.accessToken);
    expect([codeOf(notQuestion), reasonOf(notQuestion)]).toEqual([
      'BAD_USER_INPUT',
      'NOT_A_QUESTION',
    ]);
    await t.sql(`UPDATE discussion_reply SET hidden_at = now() WHERE id = $1`, [chat.id]);
    const hidden = await t.gql(MARK, { replyId: chat.id, reason: 'x' }, mod.accessToken);
    expect(codeOf(hidden)).toBe('NOT_FOUND');
    const blank = await t.gql(MARK, { replyId: reply.id, reason: '   ' }, mod.accessToken);
    expect(codeOf(blank)).toBe('BAD_USER_INPUT');
  });

  it('keeps a canonical answer’s boost when the asker accepts it or another answer', async () => {
    const thread = await startThread(t, asker, space, { title: 'How to welcome newcomers?' });
    const canonical = await postReply(t, member, thread.id, 'A welcome thread every Monday.');
    const other = await postReply(t, member, thread.id, 'Pair each newcomer with a host.');
    const boostOf = async (id: string) =>
      (
        await t.sql<{ boost: number }>(`SELECT boost FROM search_document WHERE target_id = $1`, [
          id,
        ])
      )[0].boost;
    const accept = async (id: string) =>
      must(
        await t.gql(
          `mutation($id: ID!) { acceptAnswer(replyId: $id) { id } }`,
          { id },
          asker.accessToken,
        ),
      );
    must(await t.gql(MARK, { replyId: canonical.id, reason: 'Canonical' }, mod.accessToken));
    expect(await boostOf(canonical.id)).toBe(3);
    await accept(canonical.id);
    expect([await boostOf(canonical.id), await boostOf(other.id)]).toEqual([3, 1]);
    await accept(other.id);
    expect([await boostOf(canonical.id), await boostOf(other.id)]).toEqual([3, 1.5]);
  });

  it('hides a canonical answer that moderators hid from members', async () => {
    const thread = await startThread(t, asker, space, {
      title: 'A question with a hidden best answer',
    });
    const reply = await postReply(t, member, thread.id, 'This answer gets hidden later.');
    must(await t.gql(MARK, { replyId: reply.id, reason: 'Good' }, mod.accessToken));
    await t.sql(`UPDATE discussion_reply SET hidden_at = now() WHERE id = $1`, [reply.id]);
    type Read = { thread: { canonicalAnswer: { id: string } | null } };
    const asMember = must(await t.gql<Read>(THREAD_ANSWERS, { id: thread.id }, member.accessToken));
    expect(asMember.thread.canonicalAnswer).toBeNull();
    const asMod = must(await t.gql<Read>(THREAD_ANSWERS, { id: thread.id }, mod.accessToken));
    expect(asMod.thread.canonicalAnswer?.id).toBe(reply.id);
  });

  it('ranks curated entries higher while their collection is published, and finds collections by kind', async () => {
    const curated = await startThread(t, asker, space, {
      title: 'Quokkaberry retention playbook',
      body: 'Quokkaberry rituals for retention.',
    });
    const other = await startThread(t, member, space, {
      title: 'Quokkaberry retention playbook',
      body: 'Quokkaberry rituals for retention.',
    });
    const collection = await createCollection(t, mod, {
      title: 'Retention classics',
      summary: 'Everything about quokkaberry retention.',
    });
    await addEntry(t, mod, {
      collectionSlug: collection.slug,
      threadId: curated.id,
      note: 'The playbook',
    });
    const threads = async () => search('quokkaberry retention', { kinds: ['THREAD'] });
    expect((await threads()).map((hit) => hit.score)).toEqual([
      (await threads())[0].score,
      (await threads())[0].score,
    ]);
    expect(await search('quokkaberry', { kinds: ['COLLECTION'] })).toEqual([]);

    must(await t.gql(PUBLISH, { slug: collection.slug }, mod.accessToken));
    const ranked = await threads();
    expect(ranked.map((hit) => hit.targetId)).toEqual([curated.id, other.id]);
    expect(ranked[0].score).toBeGreaterThan(ranked[1].score);
    const collections = await search('quokkaberry', { kinds: ['COLLECTION'] });
    expect(collections).toEqual([
      expect.objectContaining({
        kind: 'COLLECTION',
        targetId: collection.id,
        title: 'Retention classics',
        link: `/collections/${collection.slug}`,
        canonical: false,
      }),
    ]);
    // Without a token, members-only documents stay out.
    const anonymous = await t.gql<{ search: { totalCount: number } }>(SEARCH, {
      query: 'quokkaberry',
      filter: { kinds: ['COLLECTION'] },
    });
    expect(anonymous.data?.search.totalCount).toBe(0);

    must(await t.gql(UNPUBLISH, { slug: collection.slug }, mod.accessToken));
    const back = await threads();
    expect(back[0].score).toBe(back[1].score);
    expect(await search('quokkaberry', { kinds: ['COLLECTION'] })).toEqual([]);
  });
});
