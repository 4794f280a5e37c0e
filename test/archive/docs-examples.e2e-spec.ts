import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { END, START, quickMembers, schedule } from '../roundtables/support';
import { startTestApp, TestApp } from '../support/test-app';
import { createSpace, must, postReply, startThread, withRole } from './support';

const DOC = readFileSync(join(__dirname, '..', '..', 'docs', 'archive.md'), 'utf8');

/** The GraphQL blocks of docs/archive.md, in order, so the examples stay true. */
const examples = () => [...DOC.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1].trim());

type Data = Record<string, Record<string, unknown> & { id?: string }>;

describe('archive: the examples in docs/archive.md', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  it('run as written, in order', async () => {
    const admin = await t.signUp({ displayName: 'Docs Admin' });
    const mod = await withRole(t, 'MODERATOR', 'Docs Moderator');
    const member = await t.signUp({ displayName: 'Docs Member' });
    await createSpace(t, mod, 'measurement-roi');
    const thread = await startThread(t, member, 'measurement-roi', {
      title: 'Proving community ROI to executives who only read dashboards',
    });
    const reply = await postReply(
      t,
      admin,
      thread.id,
      'Price **deflection** per ticket with support.',
    );
    const other = await startThread(t, member, 'measurement-roi', {
      title: 'ROI dashboards, 2026 edition',
    });
    // An ended session with an unanswered question, co-facilitated by nobody but its host.
    const [host] = await quickMembers(t, 1);
    const roundtable = await schedule(t, host);
    must(
      await t.gql(
        `mutation($input: SubmitQuestionInput!) { submitQuestion(input: $input) { id } }`,
        { input: { roundtableId: roundtable.id, text: 'How do you value community events?' } },
        host.accessToken,
      ),
    );
    must(await t.gql(START, { id: roundtable.id }, host.accessToken));
    must(await t.gql(END, { id: roundtable.id }, host.accessToken));
    for (let i = 0; i < 50; i++) {
      if (
        (await t.sql(`SELECT 1 FROM room_record WHERE roundtable_id = $1`, [roundtable.id])).length
      )
        break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }

    const ids: Record<string, string> = {
      '<thread id>': thread.id,
      '<reply id>': reply.id,
      '<other thread id>': other.id,
      '<roundtable id>': roundtable.id,
    };
    const fill = (op: string) =>
      Object.entries(ids).reduce((text, [key, value]) => text.replaceAll(key, value), op);
    const run = async (op: string, token: string, variables?: Record<string, unknown>) =>
      must(await t.gql<Data>(fill(op), variables, token));

    const ops = examples();
    expect(ops).toHaveLength(18);
    const [
      create,
      addThread,
      addReply,
      move,
      publish,
      read,
      list,
      mark,
      canonical,
      search,
      stale,
      confirm,
      replace,
      importOp,
      draft,
      update,
      publishRecap,
      openQuestions,
    ] = ops;
    expect((await run(create, mod.accessToken)).createCollection.status).toBe('DRAFT');
    expect((await run(addThread, mod.accessToken)).addCollectionEntry.available).toBe(true);
    ids['<entry id>'] = (await run(addReply, mod.accessToken)).addCollectionEntry.id as string;
    const moved = (await run(move, mod.accessToken)).moveCollectionEntry.entries as Array<{
      id: string;
    }>;
    expect(moved[0].id).toBe(ids['<entry id>']);
    expect((await run(publish, mod.accessToken)).publishCollection.status).toBe('PUBLISHED');
    const collection = (await run(read, member.accessToken)).collection;
    expect(collection.entryCount).toBe(2);
    expect(JSON.stringify((await run(list, member.accessToken)).collections)).toContain(
      'proving-community-roi',
    );
    expect((await run(mark, mod.accessToken)).markCanonicalAnswer.canonical).toBe(true);
    expect((await run(canonical, member.accessToken)).thread.canonicalAnswer).toMatchObject({
      id: reply.id,
    });
    const hits = JSON.stringify((await run(search, member.accessToken)).search);
    expect(hits).toContain('"kind":"COLLECTION"');
    expect(hits).toContain('"canonical":true');
    await t.sql(
      `UPDATE archive_collection_entry SET review_by = now() - interval '1 day' WHERE id = $1`,
      [ids['<entry id>']],
    );
    expect(JSON.stringify((await run(stale, mod.accessToken)).staleEntries)).toContain(
      ids['<entry id>'],
    );
    expect((await run(confirm, mod.accessToken)).confirmEntry.stale).toBe(false);
    expect((await run(replace, mod.accessToken)).replaceCollectionEntry.threadId).toBe(other.id);

    // The curl examples, against this server.
    const curls = [...DOC.matchAll(/^curl .*?(http:\/\/localhost:3000(\S+))/gm)].map((m) => m[2]);
    expect(curls).toHaveLength(3);
    for (const path of curls) {
      const response = await fetch(`${t.url}${path}`, {
        headers: { authorization: `Bearer ${mod.accessToken}` },
      });
      expect([path, response.status]).toEqual([path, 200]);
    }
    const exported = (await (
      await fetch(`${t.url}/archive/collections/proving-community-roi.json`, {
        headers: { authorization: `Bearer ${member.accessToken}` },
      })
    ).json()) as { collections: Array<{ slug: string }> };
    exported.collections[0].slug = 'proving-community-roi-copy';
    const imported = await run(importOp, admin.accessToken, { file: JSON.stringify(exported) });
    expect(imported.importCollections).toEqual([expect.objectContaining({ status: 'PUBLISHED' })]);

    const drafted = (await run(draft, host.accessToken)).draftRecap as {
      id: string;
      unansweredQuestions: Array<{ id: string }>;
    };
    ids['<recap id>'] = drafted.id;
    ids['<question id>'] = drafted.unansweredQuestions[0].id;
    expect((await run(update, host.accessToken)).updateRecap.summaryHtml).toContain(
      'share the load',
    );
    expect((await run(publishRecap, mod.accessToken)).publishRecap.status).toBe('PUBLISHED');
    const opened = (await run(openQuestions, host.accessToken)).openQuestionsAsThreads
      .unansweredQuestions as Array<{ thread: { title: string } | null }>;
    expect(opened[0].thread?.title).toBe('How do you value community events?');
  });
});
