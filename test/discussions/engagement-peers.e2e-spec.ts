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
  FOLLOW,
  INVITE,
  MARK_READ,
  RATE,
  TOGGLE,
  UNFOLLOW,
  eventsSettled,
  eventually,
  fieldsOf,
  unlimitedReplies,
} from './engagement-support';

const PEERS = `query($id: ID!) {
  thread(id: $id) { suggestedPeers { score tags invited member { handle } } }
}`;
const READER = `query($id: ID!) { thread(id: $id) { following unreadCount invitations { invitee { handle } } } }`;
const NOTIFICATIONS = `query { notifications(first: 50) { edges { node { kind title link } } } }`;
const ACCEPT = `mutation($replyId: ID!) { acceptAnswer(replyId: $replyId) { id } }`;
const PROFILE = `mutation($input: UpdateProfileInput!) { updateProfile(input: $input) { id } }`;

type Peer = { score: number; tags: string[]; invited: boolean; member: { handle: string } };
type Notice = { kind: string; title: string; link: string | null };

describe('discussions part B: suggested peers, invitations, following and unread replies', () => {
  let t: TestApp;
  let mod: TestMember;
  let asker: TestMember;
  let space: string;

  const peersOf = async (threadId: string, reader: TestMember | null = asker) =>
    must(
      await t.gql<{ thread: { suggestedPeers: Peer[] } }>(
        PEERS,
        { id: threadId },
        reader?.accessToken,
      ),
    ).thread.suggestedPeers;
  const readerView = async (threadId: string, reader: TestMember | null) =>
    must(
      await t.gql<{
        thread: {
          following: boolean;
          unreadCount: number | null;
          invitations: Array<{ invitee: { handle: string } }>;
        };
      }>(READER, { id: threadId }, reader?.accessToken),
    ).thread;
  const inbox = async (member: TestMember) =>
    must(
      await t.gql<{ notifications: { edges: Array<{ node: Notice }> } }>(
        NOTIFICATIONS,
        {},
        member.accessToken,
      ),
    ).notifications.edges.map((edge) => edge.node);

  beforeAll(async () => {
    t = await startTestApp();
    await t.signUp({ displayName: 'First Admin' });
    mod = await moderator(t, 'Peers Moderator');
    asker = await t.signUp({ displayName: 'Peers Asker' });
    space = await createSpace(t, mod, 'PUBLIC');
    unlimitedReplies(t);
  });
  afterAll(() => t?.close());

  describe('suggestedPeers', () => {
    it('ranks claimed and earned expertise on the question’s tags, leaving the asker out', async () => {
      const tags = ['churn analysis', 'cohort retention'];
      const claimer = await t.signUp({ displayName: 'Claims Churn' });
      const both = await t.signUp({ displayName: 'Claims Both' });
      const earner = await t.signUp({ displayName: 'Earned Churn' });
      const helper = await t.signUp({ displayName: 'Helpful Only' });
      const unrelated = await t.signUp({ displayName: 'Unrelated Expert' });
      must(await t.gql(PROFILE, { input: { expertise: ['churn analysis'] } }, claimer.accessToken));
      must(await t.gql(PROFILE, { input: { expertise: tags } }, both.accessToken));
      must(
        await t.gql(PROFILE, { input: { expertise: ['event planning'] } }, unrelated.accessToken),
      );
      must(await t.gql(PROFILE, { input: { expertise: tags } }, asker.accessToken));
      // Earned in an earlier question on one of the tags: an accepted answer (10) with useful
      // feedback (5); elsewhere a reply marked HELPFUL twice (2 + 2).
      const earlier = await startThread(t, asker, space, { tags: ['churn analysis'] });
      const answer = await postReply(t, earner, earlier.id, {
        feedback: { worked: 'Exit surveys' },
      });
      must(await t.gql(ACCEPT, { replyId: answer.id }, asker.accessToken));
      must(await t.gql(RATE, { replyId: answer.id, useful: true }, asker.accessToken));
      const other = await startThread(t, claimer, space, { tags: ['cohort retention'] });
      const tip = await postReply(t, helper, other.id);
      must(
        await t.gql(TOGGLE, { input: { replyId: tip.id, kind: 'HELPFUL' } }, claimer.accessToken),
      );
      must(await t.gql(TOGGLE, { input: { replyId: tip.id, kind: 'HELPFUL' } }, asker.accessToken));

      const question = await startThread(t, asker, space, { tags });
      const peers = await peersOf(question.id);
      expect(peers).toEqual([
        { score: 15, tags: ['churn analysis'], invited: false, member: { handle: earner.handle } },
        { score: 4, tags: ['cohort retention'], invited: false, member: { handle: helper.handle } },
        { score: 0, tags, invited: false, member: { handle: both.handle } },
        { score: 0, tags: ['churn analysis'], invited: false, member: { handle: claimer.handle } },
      ]);
      expect(peers.map((p) => p.member.handle)).not.toContain(asker.handle);
      expect(peers.map((p) => p.member.handle)).not.toContain(unrelated.handle);

      // Invited peers stay suggested, marked; discussions and anonymous readers get none.
      must(
        await t.gql(INVITE, { threadId: question.id, handle: helper.handle }, asker.accessToken),
      );
      expect(
        (await peersOf(question.id)).find((p) => p.member.handle === helper.handle)?.invited,
      ).toBe(true);
      expect(await peersOf(question.id, null)).toEqual([]);
      const discussion = await startThread(t, asker, space, { kind: 'DISCUSSION', tags });
      expect(await peersOf(discussion.id)).toEqual([]);
    });

    it('lists at most ten peers', async () => {
      const crowd = await Promise.all(
        Array.from({ length: 12 }, (_, i) => t.signUp({ displayName: `Crowd Expert ${i}` })),
      );
      for (const member of crowd) {
        must(
          await t.gql(PROFILE, { input: { expertise: ['crowd sourcing'] } }, member.accessToken),
        );
      }
      const question = await startThread(t, asker, space, { tags: ['crowd sourcing'] });
      expect(await peersOf(question.id)).toHaveLength(10);
    });
  });

  describe('invitePeer', () => {
    it('lets the asker invite up to five peers, once each, and notifies them', async () => {
      const question = await startThread(t, asker, space, {
        title: 'Who runs ambassador programs?',
      });
      const peers = await Promise.all(
        Array.from({ length: 6 }, (_, i) => t.signUp({ displayName: `Invited Peer ${i}` })),
      );
      type Invite = {
        invitePeer: {
          threadId: string;
          invitee: { handle: string };
          invitedBy: { handle: string };
        };
      };
      const invite = (handle: string, member = asker, threadId = question.id) =>
        t.gql<Invite>(INVITE, { threadId, handle }, member.accessToken);

      const first = must(await invite(`@${peers[0].handle.toUpperCase()}`)).invitePeer;
      expect(first).toMatchObject({
        threadId: question.id,
        invitee: { handle: peers[0].handle },
        invitedBy: { handle: asker.handle },
      });
      const notices = await inbox(peers[0]);
      expect(notices).toContainEqual({
        kind: 'PEER_INVITATION',
        title: `@${asker.handle} asked for your help with “Who runs ambassador programs?”`,
        link: `/threads/${question.id}`,
      });

      const again = await invite(peers[0].handle);
      expect(errorCode(again)).toBe('CONFLICT');
      expect(fieldsOf(again)).toEqual({ handle: ['is already invited'] });
      for (const peer of peers.slice(1, 5)) must(await invite(peer.handle));
      expect(errorCode(await invite(peers[5].handle))).toBe('CONFLICT');
      expect((await inbox(peers[5])).filter((n) => n.kind === 'PEER_INVITATION')).toEqual([]);

      // Only the asker and moderators see whom the asker invited.
      expect((await readerView(question.id, asker)).invitations).toHaveLength(5);
      expect((await readerView(question.id, mod)).invitations).toHaveLength(5);
      expect((await readerView(question.id, peers[0])).invitations).toEqual([]);
    });

    it('refuses strangers, discussions, locked threads, unknown members and the asker', async () => {
      const question = await startThread(t, asker, space);
      const peer = await t.signUp({ displayName: 'Refused Peer' });
      const invite = (handle: string, member: TestMember | null = asker, threadId = question.id) =>
        t.gql(INVITE, { threadId, handle }, member?.accessToken);
      expect(errorCode(await invite(peer.handle, peer))).toBe('FORBIDDEN');
      expect(errorCode(await invite(peer.handle, null))).toBe('UNAUTHENTICATED');
      const unknown = await invite('nobody-by-this-name');
      expect(errorCode(unknown)).toBe('NOT_FOUND');
      expect(fieldsOf(unknown)).toEqual({ handle: ['is not a member'] });
      expect(errorCode(await invite(asker.handle))).toBe('BAD_USER_INPUT');
      expect(errorCode(await invite(''))).toBe('BAD_USER_INPUT');
      expect(errorCode(await invite(peer.handle, asker, 'not-a-uuid'))).toBe('BAD_USER_INPUT');
      expect(
        errorCode(await invite(peer.handle, asker, '00000000-0000-4000-8000-000000000000')),
      ).toBe('NOT_FOUND');
      const discussion = await startThread(t, asker, space, { kind: 'DISCUSSION' });
      expect(errorCode(await invite(peer.handle, asker, discussion.id))).toBe('BAD_USER_INPUT');
      await t.app.get(DiscussionsService).setLocked('THREAD', question.id, true);
      expect(errorCode(await invite(peer.handle))).toBe('FORBIDDEN');
    });
  });

  describe('following and unread replies', () => {
    it('counts replies by others since the last read mark; the asker follows by default', async () => {
      const thread = await startThread(t, asker, space);
      const reader = await t.signUp({ displayName: 'Unread Reader' });
      const writer = await t.signUp({ displayName: 'Unread Writer' });
      expect(await readerView(thread.id, asker)).toMatchObject({ following: true, unreadCount: 0 });
      expect(await readerView(thread.id, reader)).toMatchObject({
        following: false,
        unreadCount: 0,
      });
      expect(await readerView(thread.id, null)).toMatchObject({
        following: false,
        unreadCount: null,
      });

      const first = await postReply(t, writer, thread.id);
      await postReply(t, writer, thread.id, { parentReplyId: first.id });
      await postReply(t, reader, thread.id);
      expect((await readerView(thread.id, reader)).unreadCount).toBe(2);
      expect((await readerView(thread.id, asker)).unreadCount).toBe(3);

      type Read = { markThreadRead: { id: string; following: boolean; unreadCount: number } };
      const read = must(await t.gql<Read>(MARK_READ, { threadId: thread.id }, reader.accessToken));
      expect(read.markThreadRead).toEqual({ id: thread.id, following: false, unreadCount: 0 });
      const later = await postReply(t, writer, thread.id);
      expect((await readerView(thread.id, reader)).unreadCount).toBe(1);
      // A reply hidden by a moderator is not waiting to be read.
      await t.app.get(DiscussionsService).setHidden('REPLY', later.id, true);
      expect((await readerView(thread.id, reader)).unreadCount).toBe(0);

      type Follow = { followThread: { following: boolean } };
      expect(
        must(await t.gql<Follow>(FOLLOW, { threadId: thread.id }, reader.accessToken)).followThread
          .following,
      ).toBe(true);
      type Unfollow = { unfollowThread: { following: boolean } };
      expect(
        must(await t.gql<Unfollow>(UNFOLLOW, { threadId: thread.id }, asker.accessToken))
          .unfollowThread.following,
      ).toBe(false);
      expect((await readerView(thread.id, asker)).following).toBe(false);

      for (const mutation of [FOLLOW, UNFOLLOW, MARK_READ]) {
        expect(errorCode(await t.gql(mutation, { threadId: thread.id }))).toBe('UNAUTHENTICATED');
        expect(errorCode(await t.gql(mutation, { threadId: 'nope' }, reader.accessToken))).toBe(
          'BAD_USER_INPUT',
        );
        expect(
          errorCode(
            await t.gql(
              mutation,
              { threadId: '00000000-0000-4000-8000-000000000000' },
              reader.accessToken,
            ),
          ),
        ).toBe('NOT_FOUND');
      }
      const hidden = await startThread(t, asker, space);
      await t.app.get(DiscussionsService).setHidden('THREAD', hidden.id, true);
      expect(errorCode(await t.gql(FOLLOW, { threadId: hidden.id }, reader.accessToken))).toBe(
        'NOT_FOUND',
      );
    });

    it('notifies followers of new replies once, skipping those already told and the author', async () => {
      const thread = await startThread(t, asker, space, {
        title: 'Followed thread about onboarding',
      });
      const follower = await t.signUp({ displayName: 'Keen Follower' });
      const quitter = await t.signUp({ displayName: 'Quit Follower' });
      const writer = await t.signUp({ displayName: 'Thread Writer' });
      must(await t.gql(FOLLOW, { threadId: thread.id }, follower.accessToken));
      must(await t.gql(FOLLOW, { threadId: thread.id }, quitter.accessToken));
      must(await t.gql(UNFOLLOW, { threadId: thread.id }, quitter.accessToken));
      must(await t.gql(FOLLOW, { threadId: thread.id }, writer.accessToken));

      // A second API node hears the same events: still one notification each.
      const second = await startTestApp({}, { databaseUrl: t.databaseUrl });
      try {
        const top = await postReply(t, writer, thread.id, { body: 'Start with a welcome thread' });
        const nested = await postReply(t, follower, thread.id, { parentReplyId: top.id });
        await eventsSettled(t);
        await eventsSettled(second);
        const followed = (notices: Notice[]) =>
          notices.filter(
            (n) =>
              n.kind === 'FOLLOWED_THREAD_ACTIVITY' && n.link?.startsWith(`/threads/${thread.id}`),
          );
        const forFollower = await eventually(
          async () => followed(await inbox(follower)),
          (list) => list.length >= 1,
        );
        expect(forFollower).toEqual([
          {
            kind: 'FOLLOWED_THREAD_ACTIVITY',
            title: `@${writer.handle} replied in “Followed thread about onboarding”, a thread you follow`,
            link: `/threads/${thread.id}#reply-${top.id}`,
          },
        ]);
        // The asker heard of the top-level reply as REPLY_TO_THREAD, and of the nested one
        // (not addressed to them) as a follower; the writer got REPLY_TO_REPLY instead.
        const forAsker = await eventually(
          async () => followed(await inbox(asker)),
          (l) => l.length >= 1,
        );
        expect(forAsker.map((n) => n.link)).toEqual([`/threads/${thread.id}#reply-${nested.id}`]);
        expect(followed(await inbox(writer))).toEqual([]);
        expect(followed(await inbox(quitter))).toEqual([]);
      } finally {
        await second.close();
      }
    });
  });
});
