import { DISCUSSIONS_OPTIONS, DiscussionsOptions } from '@app/discussions';
import { startTestApp, TestApp, TestMember } from '../support/test-app';
import {
  POST_REPLY,
  ReplyNode,
  THREAD,
  ThreadNode,
  createSpace,
  errorCode,
  moderator,
  must,
  postReply,
  startThread,
} from './discussions-support';

const ACCEPT = `mutation($replyId: ID!) { acceptAnswer(replyId: $replyId) {
  id solved acceptedReplyId acceptedReply { id accepted author { handle } } } }`;
const NOTIFICATIONS = `{ notifications(first: 50) { edges { node { kind title link actor { handle } } } } }`;
/** The kinds part A sends (followers' activity belongs to part B). */
const KINDS = ['REPLY_TO_THREAD', 'REPLY_TO_REPLY', 'MENTION', 'ANSWER_ACCEPTED'];
const MENTIONS = `query($id: ID!) { replyById(id: $id) { bodyHtml mentions { handle } } }`;

type Notification = { kind: string; title: string; link: string; actor: { handle: string } | null };

describe('discussions: answers, mentions, notifications, safety and limits', () => {
  let t: TestApp;
  let mod: TestMember;
  let asker: TestMember;
  let answerer: TestMember;
  let other: TestMember;
  let space: string;
  let options: DiscussionsOptions;

  const inbox = async (member: TestMember): Promise<Notification[]> =>
    must(
      await t.gql<{ notifications: { edges: Array<{ node: Notification }> } }>(
        NOTIFICATIONS,
        {},
        member.accessToken,
      ),
    )
      .notifications.edges.map((edge) => edge.node)
      .filter((node) => KINDS.includes(node.kind));

  beforeAll(async () => {
    t = await startTestApp();
    await t.signUp({ displayName: 'First Admin' });
    mod = await moderator(t, 'Answer Moderator');
    asker = await t.signUp({ displayName: 'Question Asker' });
    answerer = await t.signUp({ displayName: 'Helpful Answerer' });
    other = await t.signUp({ displayName: 'Someone Else' });
    space = await createSpace(t, mod, 'PUBLIC');
    options = t.app.get<string, DiscussionsOptions>(DISCUSSIONS_OPTIONS);
    options.replyRateLimit.limit = 10_000;
  });
  afterAll(() => t?.close());

  describe('acceptAnswer', () => {
    it('lets only the asker accept, change the accepted answer, and notifies its author', async () => {
      const thread = await startThread(t, asker, space, { title: 'Which onboarding email works?' });
      const first = await postReply(t, answerer, thread.id, { body: 'A welcome series.' });
      const second = await postReply(t, other, thread.id, { body: 'A personal note.' });
      expect(errorCode(await t.gql(ACCEPT, { replyId: first.id }, answerer.accessToken))).toBe(
        'FORBIDDEN',
      );
      expect(errorCode(await t.gql(ACCEPT, { replyId: first.id }, mod.accessToken))).toBe(
        'FORBIDDEN',
      );
      expect(errorCode(await t.gql(ACCEPT, { replyId: first.id }))).toBe('UNAUTHENTICATED');
      expect(errorCode(await t.gql(ACCEPT, { replyId: thread.id }, asker.accessToken))).toBe(
        'NOT_FOUND',
      );

      type Accepted = {
        acceptAnswer: {
          solved: boolean;
          acceptedReplyId: string;
          acceptedReply: { id: string; accepted: boolean; author: { handle: string } };
        };
      };
      const accepted = must(
        await t.gql<Accepted>(ACCEPT, { replyId: first.id }, asker.accessToken),
      );
      expect(accepted.acceptAnswer).toMatchObject({
        solved: true,
        acceptedReplyId: first.id,
        acceptedReply: { id: first.id, accepted: true, author: { handle: answerer.handle } },
      });
      const changed = must(
        await t.gql<Accepted>(ACCEPT, { replyId: second.id }, asker.accessToken),
      );
      expect(changed.acceptAnswer.acceptedReply.id).toBe(second.id);
      const tree = must(
        await t.gql<{ thread: { replyTree: ReplyNode[] } }>(
          `query($id: ID!) { thread(id: $id) { replyTree { id accepted } } }`,
          { id: thread.id },
        ),
      );
      expect(tree.thread.replyTree).toEqual([
        { id: first.id, accepted: false },
        { id: second.id, accepted: true },
      ]);
      const docs = await t.sql<{
        kind: string;
        target_id: string;
        solved: boolean | null;
        boost: number;
      }>(
        'SELECT kind, target_id, solved, boost FROM search_document WHERE target_id = ANY($1) ORDER BY kind',
        [[thread.id, first.id, second.id]],
      );
      expect(docs.find((d) => d.target_id === thread.id)?.solved).toBe(true);
      expect(docs.find((d) => d.target_id === second.id)?.boost).toBeGreaterThan(1);
      expect(docs.find((d) => d.target_id === first.id)?.boost).toBe(1);

      expect((await inbox(answerer)).filter((n) => n.kind === 'ANSWER_ACCEPTED')).toEqual([
        {
          kind: 'ANSWER_ACCEPTED',
          title: expect.stringContaining('Which onboarding email works?'),
          link: `/threads/${thread.id}#reply-${first.id}`,
          actor: { handle: asker.handle },
        },
      ]);
      expect((await inbox(other)).map((n) => n.kind)).toContain('ANSWER_ACCEPTED');

      // The accepted answer deleted by its author: the question is open again.
      must(
        await t.gql(
          `mutation($id: ID!) { deleteReply(id: $id) { id } }`,
          { id: second.id },
          other.accessToken,
        ),
      );
      const reopened = must(await t.gql<{ thread: ThreadNode }>(THREAD, { id: thread.id }));
      expect(reopened.thread).toMatchObject({ solved: false, acceptedReplyId: null });
    });

    it('has no accepted answers in discussions', async () => {
      const thread = await startThread(t, asker, space, { kind: 'DISCUSSION' });
      const reply = await postReply(t, answerer, thread.id);
      expect(errorCode(await t.gql(ACCEPT, { replyId: reply.id }, asker.accessToken))).toBe(
        'BAD_USER_INPUT',
      );
    });
  });

  describe('notifications and mentions', () => {
    it('tells the thread author of top-level replies and a reply author of replies to them', async () => {
      const thread = await startThread(t, asker, space, { title: 'Notify me about replies' });
      const top = await postReply(t, answerer, thread.id);
      await postReply(t, other, thread.id, { parentReplyId: top.id });
      await postReply(t, asker, thread.id, { parentReplyId: top.id });
      const forAsker = (await inbox(asker)).filter((n) =>
        n.title.includes('Notify me about replies'),
      );
      expect(forAsker).toEqual([
        {
          kind: 'REPLY_TO_THREAD',
          title: `@${answerer.handle} replied to “Notify me about replies”`,
          link: `/threads/${thread.id}#reply-${top.id}`,
          actor: { handle: answerer.handle },
        },
      ]);
      const forAnswerer = (await inbox(answerer)).filter((n) =>
        n.title.includes('Notify me about replies'),
      );
      expect(forAnswerer.map((n) => [n.kind, n.actor?.handle])).toEqual([
        ['REPLY_TO_REPLY', asker.handle],
        ['REPLY_TO_REPLY', other.handle],
      ]);
    });

    it('resolves @handle mentions, stores and links them, and notifies once per person', async () => {
      const thread = await startThread(t, asker, space, {
        title: 'Mentions in questions too',
        body: `Paging @${answerer.handle} and @no-such-member-here`,
      });
      expect(thread.bodyHtml).toContain(
        `<a href="/members/${answerer.handle}" class="mention">@${answerer.handle}</a>`,
      );
      expect(thread.bodyHtml).toContain('@no-such-member-here');
      const top = await postReply(t, answerer, thread.id, { body: 'Here' });
      const reply = await postReply(t, other, thread.id, {
        parentReplyId: top.id,
        body: `@${answerer.handle} agreed, and @${asker.handle.toUpperCase()} too. \`@${mod.handle}\` is code, mail x@${mod.handle}.org`,
      });
      const stored = must(
        await t.gql<{ replyById: { bodyHtml: string; mentions: Array<{ handle: string }> } }>(
          MENTIONS,
          { id: reply.id },
        ),
      );
      expect(stored.replyById.mentions.map((m) => m.handle)).toEqual([
        answerer.handle,
        asker.handle,
      ]);
      const [row] = await t.sql<{ mention_ids: string[] }>(
        'SELECT mention_ids FROM discussion_reply WHERE id = $1',
        [reply.id],
      );
      expect(row.mention_ids).toEqual([answerer.id, asker.id]);
      expect(stored.replyById.bodyHtml).toContain(`<code>@${mod.handle}</code>`);

      const mine = (who: TestMember) =>
        inbox(who).then((list) =>
          list.filter((n) => n.title.includes('Mentions in questions too')),
        );
      // The answerer: mentioned in the question, replied to and mentioned in the reply (counted once).
      expect((await mine(answerer)).map((n) => n.kind).sort()).toEqual([
        'MENTION',
        'REPLY_TO_REPLY',
      ]);
      expect((await mine(asker)).map((n) => n.kind).sort()).toEqual(['MENTION', 'REPLY_TO_THREAD']);
      expect(await mine(mod)).toEqual([]);

      // Editing adds only the new mentions' notifications.
      must(
        await t.gql(
          `mutation($input: EditReplyInput!) { editReply(input: $input) { id } }`,
          { input: { id: reply.id, body: `@${answerer.handle} and now @${mod.handle}` } },
          other.accessToken,
        ),
      );
      expect((await mine(mod)).map((n) => n.kind)).toEqual(['MENTION']);
      expect((await mine(answerer)).filter((n) => n.kind === 'MENTION')).toHaveLength(1);
    });
  });

  describe('safety', () => {
    const PAYLOADS = [
      '<script>alert(1)</script>',
      '<img src=x onerror=alert(1)>',
      '[click](javascript:alert(1))',
      '[click](JaVaScRiPt:alert(1))',
      '[x](&#106;avascript:alert(1))',
      '<a href="javascript:alert(1)">x</a>',
      '<svg onload=alert(1)>',
      '<iframe src="javascript:alert(1)"></iframe>',
      '![img](javascript:alert(1))',
      '<details open ontoggle=alert(1)>',
      '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
      '<div style="background:url(javascript:alert(1))">x</div>',
      '`<script>` in code is fine',
    ];

    it('renders no script, event handler or javascript: URL from known XSS payloads', async () => {
      const thread = await startThread(t, asker, space, { body: PAYLOADS.join('\n\n') });
      const reply = await postReply(t, answerer, thread.id, { body: PAYLOADS.join('\n\n') });
      for (const html of [thread.bodyHtml, reply.bodyHtml ?? '']) {
        // Every real tag (escaped text like &lt;img onerror&gt; is harmless) is an allowed one...
        const tags = html.match(/<[a-z][^>]*>/gi) ?? [];
        for (const tag of tags) {
          expect(tag).toMatch(/^<(p|code|a|em|strong|br)[\s>]/i);
          // ...with no event handler, script URL or embedded source.
          expect(tag).not.toMatch(/\son[a-z]+\s*=/i);
          expect(tag).not.toMatch(/(javascript|vbscript|data):/i);
          expect(tag).not.toMatch(/\ssrc\s*=/i);
        }
        expect(html).not.toMatch(/<script/i);
      }
      expect(reply.body).toContain('<script>alert(1)</script>');
      expect(reply.bodyHtml).toContain('&lt;script&gt;');
    });
  });

  describe('idempotency and the posting rate limit', () => {
    it('returns the first reply for a repeated key instead of a duplicate', async () => {
      const thread = await startThread(t, asker, space);
      const input = { threadId: thread.id, body: 'Only once', idempotencyKey: 'reply-key-1' };
      const results = await Promise.all(
        [1, 2, 3].map(() =>
          t.gql<{ postReply: ReplyNode }>(POST_REPLY, { input }, answerer.accessToken),
        ),
      );
      const ids = new Set(results.map((result) => must(result).postReply.id));
      expect(ids.size).toBe(1);
      const again = must(
        await t.gql<{ postReply: ReplyNode }>(
          POST_REPLY,
          { input: { ...input, body: 'Changed' } },
          answerer.accessToken,
        ),
      );
      expect(again.postReply).toMatchObject({ id: [...ids][0], body: 'Only once' });
      expect(
        (await t.sql('SELECT 1 FROM discussion_reply WHERE thread_id = $1', [thread.id])).length,
      ).toBe(1);
      const thread2 = must(await t.gql<{ thread: ThreadNode }>(THREAD, { id: thread.id }));
      expect(thread2.thread.replyCount).toBe(1);
    });

    it('refuses the 11th reply within a minute by default with RATE_LIMITED, and the limit is configurable', async () => {
      const saved = { ...options.replyRateLimit };
      try {
        options.replyRateLimit = { limit: 10, windowSeconds: 60 };
        const thread = await startThread(t, asker, space);
        const poster = await t.signUp({ displayName: 'Fast Poster' });
        for (let i = 0; i < 10; i++) await postReply(t, poster, thread.id, { body: `reply ${i}` });
        const refused = await t.gql(
          POST_REPLY,
          { input: { threadId: thread.id, body: 'one too many' } },
          poster.accessToken,
        );
        expect(errorCode(refused)).toBe('RATE_LIMITED');
        expect(refused.errors?.[0].extensions?.retryAfter).toBeGreaterThan(0);
        expect(refused.errors?.[0].message).toMatch(/Try again in \d+ seconds/);
        // Others are not limited by this member's posting.
        await postReply(t, other, thread.id);

        options.replyRateLimit = { limit: 2, windowSeconds: 60 };
        const slower = await t.signUp({ displayName: 'Slow Poster' });
        await postReply(t, slower, thread.id);
        await postReply(t, slower, thread.id);
        expect(
          errorCode(
            await t.gql(
              POST_REPLY,
              { input: { threadId: thread.id, body: 'third' } },
              slower.accessToken,
            ),
          ),
        ).toBe('RATE_LIMITED');
      } finally {
        options.replyRateLimit = saved;
      }
    });
  });
});
