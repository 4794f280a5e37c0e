import { DiscussionsService } from '@app/discussions';
import { startTestApp, TestApp, TestMember } from '../support/test-app';
import {
  createSpace,
  errorCode,
  moderator,
  must,
  postReply,
  startThread,
} from './discussions-support';
import {
  EARNED,
  Earned,
  RATE,
  REACTIONS,
  Reaction,
  TOGGLE,
  fieldsOf,
  reactions,
  unlimitedReplies,
} from './engagement-support';

const THREAD_REACTIONS = `query($id: ID!) { thread(id: $id) { score ${REACTIONS} } }`;
const REPLY_REACTIONS = `query($id: ID!) { replyById(id: $id) { id ${REACTIONS} } }`;
const ACCEPT = `mutation($replyId: ID!) { acceptAnswer(replyId: $replyId) { id solved } }`;

type Toggle = { toggleReaction: Reaction[] };

describe('discussions part B: reactions, feedback ratings, earned expertise', () => {
  let t: TestApp;
  let mod: TestMember;
  let asker: TestMember;
  let peer: TestMember;
  let other: TestMember;
  let space: string;
  let membersSpace: string;

  const toggle = (member: TestMember, input: Record<string, unknown>) =>
    t.gql<Toggle>(TOGGLE, { input }, member.accessToken);
  const earned = async (handle: string, reader?: TestMember) =>
    must(
      await t.gql<{ member: { earnedExpertise: Earned[] } }>(
        EARNED,
        { handle },
        reader?.accessToken,
      ),
    ).member.earnedExpertise;

  beforeAll(async () => {
    t = await startTestApp();
    await t.signUp({ displayName: 'First Admin' });
    mod = await moderator(t, 'Engagement Moderator');
    asker = await t.signUp({ displayName: 'Engagement Asker' });
    peer = await t.signUp({ displayName: 'Engagement Peer' });
    other = await t.signUp({ displayName: 'Engagement Other' });
    space = await createSpace(t, mod, 'PUBLIC');
    membersSpace = await createSpace(t, mod, 'MEMBERS');
    unlimitedReplies(t);
  });
  afterAll(() => t?.close());

  describe('toggleReaction', () => {
    it('gives and takes back reactions on threads and replies, one of each kind per member', async () => {
      const thread = await startThread(t, asker, space);
      const reply = await postReply(t, peer, thread.id);

      let result = must(await toggle(other, { threadId: thread.id, kind: 'SAME_HERE' }));
      expect(result.toggleReaction).toEqual(reactions({ SAME_HERE: 1 }, ['SAME_HERE']));
      result = must(await toggle(peer, { threadId: thread.id, kind: 'SAME_HERE' }));
      expect(result.toggleReaction).toEqual(reactions({ SAME_HERE: 2 }, ['SAME_HERE']));
      result = must(await toggle(other, { threadId: thread.id, kind: 'HELPFUL' }));
      expect(result.toggleReaction).toEqual(
        reactions({ HELPFUL: 1, SAME_HERE: 2 }, ['HELPFUL', 'SAME_HERE']),
      );
      // The same kind again takes it back.
      result = must(await toggle(other, { threadId: thread.id, kind: 'SAME_HERE' }));
      expect(result.toggleReaction).toEqual(reactions({ HELPFUL: 1, SAME_HERE: 1 }, ['HELPFUL']));

      result = must(await toggle(asker, { replyId: reply.id, kind: 'INSIGHTFUL' }));
      expect(result.toggleReaction).toEqual(reactions({ INSIGHTFUL: 1 }, ['INSIGHTFUL']));

      // Read back: `mine` is per reader, anonymous readers see counts only.
      type ThreadR = { thread: { score: number; reactions: Reaction[] } };
      const asOther = must(
        await t.gql<ThreadR>(THREAD_REACTIONS, { id: thread.id }, other.accessToken),
      );
      expect(asOther.thread.reactions).toEqual(
        reactions({ HELPFUL: 1, SAME_HERE: 1 }, ['HELPFUL']),
      );
      const anonymous = must(await t.gql<ThreadR>(THREAD_REACTIONS, { id: thread.id }));
      expect(anonymous.thread.reactions).toEqual(reactions({ HELPFUL: 1, SAME_HERE: 1 }));
      // One reply plus three reactions given (one taken back) on the thread and its replies.
      expect(anonymous.thread.score).toBe(1 + 3);
      type ReplyR = { replyById: { reactions: Reaction[] } };
      const replyAsAsker = must(
        await t.gql<ReplyR>(REPLY_REACTIONS, { id: reply.id }, asker.accessToken),
      );
      expect(replyAsAsker.replyById.reactions).toEqual(
        reactions({ INSIGHTFUL: 1 }, ['INSIGHTFUL']),
      );
    });

    it('refuses bad targets, own posts, removed posts, strangers and suspended members', async () => {
      const thread = await startThread(t, asker, space);
      const reply = await postReply(t, peer, thread.id);
      const bad = async (member: TestMember | null, input: Record<string, unknown>) => {
        const result = await t.gql(TOGGLE, { input }, member?.accessToken);
        expect(result.data ?? null).toBeNull();
        return result;
      };
      const both = await bad(other, { threadId: thread.id, replyId: reply.id, kind: 'HELPFUL' });
      expect(errorCode(both)).toBe('BAD_USER_INPUT');
      expect(fieldsOf(both)).toEqual({ input: ['needs exactly one of threadId or replyId'] });
      expect(errorCode(await bad(other, { kind: 'HELPFUL' }))).toBe('BAD_USER_INPUT');
      expect(errorCode(await bad(other, { replyId: 'not-a-uuid', kind: 'HELPFUL' }))).toBe(
        'BAD_USER_INPUT',
      );
      expect(errorCode(await bad(other, { replyId: reply.id, kind: 'LOVE' }))).toBe(
        'BAD_USER_INPUT',
      );
      expect(errorCode(await bad(peer, { replyId: reply.id, kind: 'HELPFUL' }))).toBe('FORBIDDEN');
      expect(errorCode(await bad(asker, { threadId: thread.id, kind: 'HELPFUL' }))).toBe(
        'FORBIDDEN',
      );
      const unknown = '00000000-0000-4000-8000-000000000000';
      expect(errorCode(await bad(other, { replyId: unknown, kind: 'HELPFUL' }))).toBe('NOT_FOUND');
      expect(errorCode(await bad(other, { threadId: unknown, kind: 'HELPFUL' }))).toBe('NOT_FOUND');
      expect(errorCode(await bad(null, { replyId: reply.id, kind: 'HELPFUL' }))).toBe(
        'UNAUTHENTICATED',
      );

      // Hidden: gone for members, still there for moderators.
      await t.app.get(DiscussionsService).setHidden('REPLY', reply.id, true);
      expect(errorCode(await bad(other, { replyId: reply.id, kind: 'HELPFUL' }))).toBe('NOT_FOUND');
      must(await toggle(mod, { replyId: reply.id, kind: 'HELPFUL' }));
      await t.app.get(DiscussionsService).setHidden('REPLY', reply.id, false);

      const deleted = await postReply(t, peer, thread.id);
      must(
        await t.gql(
          `mutation($id: ID!) { deleteReply(id: $id) { id } }`,
          { id: deleted.id },
          peer.accessToken,
        ),
      );
      expect(errorCode(await bad(other, { replyId: deleted.id, kind: 'HELPFUL' }))).toBe(
        'NOT_FOUND',
      );

      const suspended = await t.signUp({ displayName: 'Suspended Reactor' });
      await t.sql(`UPDATE account SET suspended_until = now() + interval '1 day' WHERE id = $1`, [
        suspended.id,
      ]);
      expect(errorCode(await bad(suspended, { replyId: reply.id, kind: 'HELPFUL' }))).toBe(
        'FORBIDDEN',
      );
    });

    it('keeps counts exact under concurrent toggles', async () => {
      const thread = await startThread(t, asker, space);
      const reply = await postReply(t, peer, thread.id);
      const crowd = await Promise.all(
        Array.from({ length: 20 }, (_, i) => t.signUp({ displayName: `Racer ${i}` })),
      );
      // Twenty members at once: twenty reactions, every answer a count between 1 and 20.
      const answers = await Promise.all(
        crowd.map((member) => toggle(member, { replyId: reply.id, kind: 'HELPFUL' })),
      );
      const counts = answers.map((a) => must(a).toggleReaction[0].count);
      expect([...counts].sort((a, b) => a - b)).toEqual(
        Array.from({ length: 20 }, (_, i) => i + 1),
      );
      // One member toggling twenty times at once ends where it started (an even number of flips).
      const racer = crowd[0];
      await Promise.all(
        Array.from({ length: 20 }, () => toggle(racer, { replyId: reply.id, kind: 'HELPFUL' })),
      );
      type ReplyR = { replyById: { reactions: Reaction[] } };
      const after = must(await t.gql<ReplyR>(REPLY_REACTIONS, { id: reply.id }, racer.accessToken));
      expect(after.replyById.reactions).toEqual(reactions({ HELPFUL: 20 }, ['HELPFUL']));
      const [rows] = await t.sql<{ n: number }>(
        `SELECT count(*)::int AS n FROM discussion_reply_reaction WHERE reply_id = $1`,
        [reply.id],
      );
      expect(rows.n).toBe(20);
      // Each toggle is one event, numbered without gaps, the last one carrying the final count.
      const events = await t.sql<{ event_id: number; data: { reactions: Reaction[] } }>(
        `SELECT event_id, data FROM discussion_thread_event
          WHERE thread_id = $1 AND kind = 'REACTION' ORDER BY event_id`,
        [thread.id],
      );
      expect(events).toHaveLength(40);
      const ids = events.map((e) => e.event_id);
      expect(ids).toEqual(Array.from({ length: 40 }, (_, i) => ids[0] + i));
      expect(events[39].data.reactions[0]).toEqual({ kind: 'HELPFUL', count: 20 });
      const [score] = await t.sql<{ score: number }>(
        'SELECT score FROM discussion_thread WHERE id = $1',
        [thread.id],
      );
      expect(score.score).toBe(1 + 20);
    });
  });

  describe('rateFeedback', () => {
    it('lets the asker alone rate feedback, and take the rating back', async () => {
      const thread = await startThread(t, asker, space);
      const withFeedback = await postReply(t, peer, thread.id, {
        feedback: { worked: 'Weekly office hours', risks: 'Burnout' },
      });
      const plain = await postReply(t, peer, thread.id);
      type Rated = { rateFeedback: { id: string; feedbackUseful: boolean | null } };
      const rate = (member: TestMember, replyId: string, useful: boolean | null) =>
        t.gql<Rated>(RATE, { replyId, useful }, member.accessToken);

      expect(must(await rate(asker, withFeedback.id, true)).rateFeedback).toMatchObject({
        id: withFeedback.id,
        feedbackUseful: true,
      });
      expect(must(await rate(asker, withFeedback.id, false)).rateFeedback.feedbackUseful).toBe(
        false,
      );
      expect(must(await rate(asker, withFeedback.id, null)).rateFeedback.feedbackUseful).toBeNull();

      expect(errorCode(await rate(other, withFeedback.id, true))).toBe('FORBIDDEN');
      expect(errorCode(await rate(peer, withFeedback.id, true))).toBe('FORBIDDEN');
      const noFeedback = await rate(asker, plain.id, true);
      expect(errorCode(noFeedback)).toBe('BAD_USER_INPUT');
      expect(fieldsOf(noFeedback)).toEqual({ replyId: ['has no feedback'] });
      expect(errorCode(await rate(asker, '00000000-0000-4000-8000-000000000000', true))).toBe(
        'NOT_FOUND',
      );
      expect(
        errorCode(await t.gql(RATE, { replyId: 'nope', useful: true }, asker.accessToken)),
      ).toBe('BAD_USER_INPUT');
      expect(errorCode(await t.gql(RATE, { replyId: withFeedback.id, useful: true }))).toBe(
        'UNAUTHENTICATED',
      );
      // The asker's own reply with feedback: not theirs to rate.
      const own = await postReply(t, asker, thread.id, { feedback: { worked: 'Self-serve' } });
      expect(errorCode(await rate(asker, own.id, true))).toBe('FORBIDDEN');
    });
  });

  describe('earned expertise', () => {
    it('scores accepted answers, HELPFUL reactions and useful feedback per tag', async () => {
      const expert = await t.signUp({ displayName: 'Earned Expert' });
      // A public profile, so anonymous readers may look them up.
      must(
        await t.gql(
          `mutation { updateProfile(input: { visibility: PUBLIC }) { id } }`,
          {},
          expert.accessToken,
        ),
      );
      const q1 = await startThread(t, asker, space, { tags: ['onboarding', 'retention'] });
      const q2 = await startThread(t, other, space, { tags: ['onboarding'] });
      const a1 = await postReply(t, expert, q1.id, { feedback: { worked: 'Buddy system' } });
      const a2 = await postReply(t, expert, q2.id);
      must(await t.gql(ACCEPT, { replyId: a1.id }, asker.accessToken));
      must(await t.gql(RATE, { replyId: a1.id, useful: true }, asker.accessToken));
      must(await toggle(asker, { replyId: a1.id, kind: 'HELPFUL' }));
      must(await toggle(other, { replyId: a2.id, kind: 'HELPFUL' }));
      must(await toggle(peer, { replyId: a2.id, kind: 'HELPFUL' }));
      // Other kinds earn nothing.
      must(await toggle(peer, { replyId: a2.id, kind: 'INSIGHTFUL' }));

      // q1: 10 (accepted) + 5 (useful) + 2 (helpful); q2: 2 + 2.
      expect(await earned(expert.handle, other)).toEqual([
        { tag: 'onboarding', score: 21, answers: 1 },
        { tag: 'retention', score: 17, answers: 1 },
      ]);

      // A hidden reply earns nothing while hidden.
      await t.app.get(DiscussionsService).setHidden('REPLY', a2.id, true);
      expect(await earned(expert.handle, other)).toEqual([
        { tag: 'onboarding', score: 17, answers: 1 },
        { tag: 'retention', score: 17, answers: 1 },
      ]);
      await t.app.get(DiscussionsService).setHidden('REPLY', a2.id, false);

      // Threads earn HELPFUL points for their author too.
      const post = await startThread(t, expert, membersSpace, {
        kind: 'DISCUSSION',
        tags: ['governance'],
      });
      must(await toggle(peer, { threadId: post.id, kind: 'HELPFUL' }));
      expect(await earned(expert.handle, other)).toContainEqual({
        tag: 'governance',
        score: 2,
        answers: 0,
      });
      // Without signing in, only public spaces count.
      expect(await earned(expert.handle)).toEqual([
        { tag: 'onboarding', score: 21, answers: 1 },
        { tag: 'retention', score: 17, answers: 1 },
      ]);
      expect(await earned(other.handle, other)).toEqual([]);
    });
  });
});
