import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTestApp, TestApp } from '../support/test-app';
import { createSpace, moderator, must, postReply, startThread } from './discussions-support';

/** The operations of the GraphQL blocks of docs/discussions-part-b.md, in order. */
function operations(): string[] {
  const text = readFileSync(join(__dirname, '..', '..', 'docs', 'discussions-part-b.md'), 'utf8');
  return [...text.matchAll(/```graphql\n([\s\S]*?)```/g)]
    .flatMap((match) => match[1].split(/\n(?=query|mutation)/))
    .map((part) => part.trim())
    .filter(Boolean);
}

describe('discussions part B: the examples in docs/discussions-part-b.md', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  it('run as written, in order', async () => {
    await t.signUp({ displayName: 'First Admin' });
    const mod = await moderator(t, 'Docs B Moderator');
    const asker = await t.signUp({ displayName: 'Docs B Asker' });
    const peer = await t.signUp({ displayName: 'Docs B Peer' });
    const reader = await t.signUp({ displayName: 'Docs B Reader' });
    await createSpace(t, mod, 'PUBLIC', 'measurement-roi');
    const thread = await startThread(t, asker, 'measurement-roi', {
      tags: ['engagement metrics'],
    });
    const reply = await postReply(t, peer, thread.id, {
      feedback: { worked: 'Weekly cohorts', risks: 'Vanity metrics' },
    });
    const fill = (op: string) =>
      op
        .replaceAll('<thread id>', thread.id)
        .replaceAll('<reply id>', reply.id)
        .replaceAll('<handle>', peer.handle);
    const run = async (op: string, token: string) =>
      must(await t.gql<Record<string, unknown>>(fill(op), {}, token));

    const ops = operations();
    expect(ops).toHaveLength(11);
    const [react, reactThread, read, rate, earned, peers, invite, follow, unfollow, mark, list] =
      ops;
    expect(JSON.stringify(await run(react, reader.accessToken))).toContain(
      '{"kind":"HELPFUL","count":1,"mine":true}',
    );
    expect(JSON.stringify(await run(reactThread, reader.accessToken))).toContain(
      '{"kind":"SAME_HERE","count":1,"mine":true}',
    );
    expect(JSON.stringify(await run(read, reader.accessToken))).toContain(reply.id);
    expect(await run(rate, asker.accessToken)).toMatchObject({
      rateFeedback: { id: reply.id, feedbackUseful: true },
    });
    // HELPFUL (2) + useful feedback (5).
    expect(await run(earned, reader.accessToken)).toMatchObject({
      member: { earnedExpertise: [{ tag: 'engagement metrics', score: 7, answers: 0 }] },
    });
    expect(await run(peers, asker.accessToken)).toMatchObject({
      thread: { suggestedPeers: [{ score: 7, member: { handle: peer.handle } }], invitations: [] },
    });
    expect(await run(invite, asker.accessToken)).toMatchObject({
      invitePeer: { threadId: thread.id, invitee: { handle: peer.handle } },
    });
    expect(await run(follow, reader.accessToken)).toMatchObject({
      followThread: { id: thread.id, following: true, unreadCount: 1 },
    });
    expect(await run(unfollow, reader.accessToken)).toMatchObject({
      unfollowThread: { following: false },
    });
    expect(await run(mark, reader.accessToken)).toMatchObject({
      markThreadRead: { id: thread.id, unreadCount: 0 },
    });
    expect(await run(list, reader.accessToken)).toMatchObject({
      threads: { edges: [{ node: { following: false, unreadCount: 0 } }] },
    });
  });
});
