import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';
import { startTestApp, TestApp, TestMember } from '../support/test-app';
import { seedMembers, seedReplyTree } from '../bench/reply-tree/seed';
import { createSpace, moderator, must, startThread } from './discussions-support';
import { eventsSettled } from './engagement-support';

/** Everything part B adds to a thread page, on the thread, its tree and the authors. */
const PAGE = `query($id: ID!) {
  thread(id: $id) {
    id title following unreadCount
    reactions { kind count mine }
    suggestedPeers { score tags invited member { handle } }
    invitations { invitee { handle } }
    replyTree {
      id depth parentReplyId body feedbackUseful
      author { handle displayName earnedExpertise { tag score answers } }
      reactions { kind count mine }
    }
  }
}`;

type Page = { thread: { replyTree: Array<{ reactions: Array<{ count: number }> }> } };

describe('discussions part B: batching', () => {
  let t: TestApp;
  let reader: TestMember;
  let small: string;
  let large: string;

  beforeAll(async () => {
    t = await startTestApp();
    await t.signUp({ displayName: 'First Admin' });
    const mod = await moderator(t, 'Batching Moderator');
    reader = await t.signUp({ displayName: 'Batching Reader' });
    const space = await createSpace(t, mod, 'PUBLIC');
    const sql = (text: string, params?: unknown[]) => t.sql(text, params);
    const authors = await seedMembers(sql, 500, `batch-${process.pid}`);
    small = (await startThread(t, reader, space)).id;
    large = (await startThread(t, reader, space)).id;
    // Some claim the question's tag, so suggestions have claimed and earned peers to rank.
    await t.sql(
      `INSERT INTO member_tag (account_id, kind, tag_id, position)
       SELECT a, 'EXPERTISE', (SELECT id FROM tag WHERE name = 'engagement metrics'), 0
         FROM unnest($1::uuid[]) AS a`,
      [authors.slice(0, 30)],
    );
    const seed = { authors, maxDepth: 10, reactionsPerReply: 3 };
    await seedReplyTree(sql, small, { ...seed, replies: 20 });
    await seedReplyTree(sql, large, { ...seed, replies: 2000 });
    // The seeds' events reach the app's listener too: let it finish before counting.
    await eventsSettled(t, 500);
  });
  afterAll(() => t?.close());

  it('costs the same number of SQL statements for a tree of 20 and of 2,000 replies', async () => {
    const spy = jest.spyOn(PostgresQueryRunner.prototype, 'query');
    const count = async (threadId: string, replies: number) => {
      spy.mockClear();
      const page = must(await t.gql<Page>(PAGE, { id: threadId }, reader.accessToken));
      expect(page.thread.replyTree).toHaveLength(replies);
      expect(page.thread.replyTree.some((r) => r.reactions.some((x) => x.count > 0))).toBe(true);
      return spy.mock.calls.length;
    };
    try {
      const few = await count(small, 20);
      const many = await count(large, 2000);
      expect(many).toBe(few);
      // Session, thread, the tree (with its authors and reply reactions), the thread's
      // reactions, following, unread, suggested peers, invitations, earned expertise: one each.
      expect(few).toBe(9);
    } finally {
      spy.mockRestore();
    }
  });
});
