import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTestApp, TestApp } from '../support/test-app';
import { moderator, must } from './discussions-support';

/** The GraphQL blocks of docs/discussions.md, in order, so the examples stay true. */
function examples(): string[] {
  const text = readFileSync(join(__dirname, '..', '..', 'docs', 'discussions.md'), 'utf8');
  return [...text.matchAll(/```graphql\n([\s\S]*?)```/g)].map((match) => match[1]);
}

/** Splits a block holding several operations (each starts at column 0). */
function operations(block: string): string[] {
  return block
    .split(/\n(?=query|mutation)/)
    .map((part) => part.trim())
    .filter(Boolean);
}

describe('discussions: the examples in docs/discussions.md', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  it('run as written, in order', async () => {
    await t.signUp({ displayName: 'First Admin' });
    const mod = await moderator(t, 'Docs Moderator');
    const asker = await t.signUp({ displayName: 'Docs Asker' });
    const peer = await t.signUp({ displayName: 'Grace Liu' });
    const ops = examples().flatMap(operations);
    const ids: Record<string, string> = {};
    const fill = (op: string) =>
      op.replaceAll('<thread id>', ids.thread ?? '').replaceAll('<reply id>', ids.reply ?? '');
    const run = async (
      op: string,
      token: string | undefined,
      variables?: Record<string, unknown>,
    ) =>
      must(
        await t.gql<Record<string, Record<string, unknown> & { id?: string }>>(
          fill(op),
          variables,
          token,
        ),
      );

    const [createSpace, listSpaces, ask, reply, feedback, accept, thread, browse, search] = ops;
    expect(ops).toHaveLength(9);
    await run(createSpace, mod.accessToken);
    expect(JSON.stringify(await run(listSpaces, undefined))).toContain('measurement-roi');
    const asked = await run(ask, asker.accessToken, {
      input: {
        spaceSlug: 'measurement-roi',
        kind: 'QUESTION',
        title: 'How do you measure engagement beyond likes?',
        body: 'Counting posts feels wrong. What do you track? cc @grace-liu',
        tags: ['engagement metrics', 'health scores'],
        idempotencyKey: 'ask-2025-06-01-engagement',
      },
    });
    ids.thread = asked.startThread.id as string;
    const top = await run(reply, peer.accessToken, {
      input: { threadId: ids.thread, body: 'Track **returning contributors** per month.' },
    });
    ids.reply = top.postReply.id as string;
    const nested = await run(reply, asker.accessToken, {
      input: {
        threadId: ids.thread,
        parentReplyId: ids.reply,
        body: 'How do you pull that number?',
      },
    });
    expect(nested.postReply.depth).toBe(1);
    const withFeedback = await run(feedback, peer.accessToken);
    expect(withFeedback.postReply.feedback).toMatchObject({ risks: expect.any(String) });
    ids.reply = withFeedback.postReply.id as string;
    expect((await run(accept, asker.accessToken)).acceptAnswer.solved).toBe(true);
    const read = await run(thread, undefined, { id: ids.thread });
    expect((read.thread.replyTree as unknown[]).length).toBe(3);
    expect(JSON.stringify(await run(browse, asker.accessToken))).toContain('"totalCount":0');
    const found = await run(search, asker.accessToken);
    expect((found.search.totalCount as number) > 0).toBe(true);
  });
});
