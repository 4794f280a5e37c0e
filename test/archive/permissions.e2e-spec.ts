import { END, QuickMember, START, quickMembers, schedule } from '../roundtables/support';
import { GraphQLResult, startTestApp, TestApp, TestMember } from '../support/test-app';
import {
  ADD,
  CONFIRM,
  COLLECTION,
  COLLECTIONS,
  CREATE,
  MARK,
  MOVE,
  PUBLISH,
  REMOVE,
  REPLACE,
  STALE,
  UNMARK,
  UNPUBLISH,
  UPDATE,
  addEntry,
  createCollection,
  createSpace,
  must,
  postReply,
  startThread,
  suspended,
  uniqueSlug,
  withRole,
} from './support';

type Who = 'anonymous' | 'member' | 'suspended' | 'facilitator' | 'moderator' | 'admin';
/** NULL: answered, but nothing to see. */
type Outcome = 'OK' | 'NULL' | 'UNAUTHENTICATED' | 'FORBIDDEN';

const READ: Record<Who, Outcome> = {
  anonymous: 'UNAUTHENTICATED',
  member: 'OK',
  suspended: 'OK',
  facilitator: 'OK',
  moderator: 'OK',
  admin: 'OK',
};
const CURATE: Record<Who, Outcome> = {
  anonymous: 'UNAUTHENTICATED',
  member: 'FORBIDDEN',
  suspended: 'FORBIDDEN',
  facilitator: 'FORBIDDEN',
  moderator: 'OK',
  admin: 'OK',
};
const ADMIN_ONLY: Record<Who, Outcome> = { ...CURATE, moderator: 'FORBIDDEN' };
/** Recaps: moderators and the session's facilitators. */
const RECAP_EDIT: Record<Who, Outcome> = { ...CURATE, facilitator: 'OK' };
const DRAFT_READ: Record<Who, Outcome> = { ...RECAP_EDIT, member: 'NULL', suspended: 'NULL' };

const DRAFT_RECAP = `mutation($id: ID!) { draftRecap(roundtableId: $id) { id } }`;
const UPDATE_RECAP = `mutation($input: UpdateRecapInput!) { updateRecap(input: $input) { id } }`;
const PUBLISH_RECAP = `mutation($input: PublishRecapInput!) { publishRecap(input: $input) { id } }`;
const RECAP = `query($id: ID!) { recap(id: $id) { id } }`;
const OPEN_QUESTIONS = `mutation($input: OpenQuestionsAsThreadsInput!) {
  openQuestionsAsThreads(input: $input) { id }
}`;
const SUBMIT_QUESTION = `mutation($input: SubmitQuestionInput!) { submitQuestion(input: $input) { id } }`;

const IMPORT = `mutation($file: String!) { importCollections(file: $file) { slug } }`;

describe('archive: the permission matrix', () => {
  let t: TestApp;
  let people: Record<Exclude<Who, 'anonymous'>, TestMember>;
  let host: QuickMember;
  let space: string;
  let mod: TestMember;

  beforeAll(async () => {
    t = await startTestApp();
    const admin = await t.signUp({ displayName: 'Matrix Admin' });
    mod = await withRole(t, 'MODERATOR', 'Matrix Mod');
    people = {
      admin,
      moderator: mod,
      member: await t.signUp({ displayName: 'Matrix Member' }),
      suspended: await suspended(t),
      facilitator: await t.signUp({ displayName: 'Matrix Facilitator' }),
    };
    [host] = await quickMembers(t, 1);
    space = await createSpace(t, mod);
  });
  afterAll(() => t?.close());

  async function thread() {
    return startThread(t, people.member, space, { title: `Matrix thread ${uniqueSlug()}` });
  }
  async function publishedWithEntry() {
    const c = await createCollection(t, mod);
    const th = await thread();
    const entry = await addEntry(t, mod, { collectionSlug: c.slug, threadId: th.id });
    must(await t.gql(PUBLISH, { slug: c.slug }, mod.accessToken));
    return { c, entry };
  }

  /** An ended session that `people.facilitator` co-facilitates, its record written. */
  async function endedSession(question = false): Promise<string> {
    const roundtable = await schedule(t, host, { facilitatorHandles: [people.facilitator.handle] });
    if (question) {
      const input = { roundtableId: roundtable.id, text: 'What about budgets next year?' };
      must(await t.gql(SUBMIT_QUESTION, { input }, host.accessToken));
    }
    must(await t.gql(START, { id: roundtable.id }, host.accessToken));
    must(await t.gql(END, { id: roundtable.id }, host.accessToken));
    for (let i = 0; i < 50; i++) {
      if (
        (await t.sql(`SELECT 1 FROM room_record WHERE roundtable_id = $1`, [roundtable.id])).length
      ) {
        return roundtable.id;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('no record within 5 s');
  }
  async function draft(question = false): Promise<{ id: string; questionIds: string[] }> {
    const recap = must(
      await t.gql<{ draftRecap: { id: string; unansweredQuestions: Array<{ id: string }> } }>(
        `mutation($id: ID!) { draftRecap(roundtableId: $id) { id unansweredQuestions { id } } }`,
        { id: await endedSession(question) },
        mod.accessToken,
      ),
    ).draftRecap;
    return { id: recap.id, questionIds: recap.unansweredQuestions.map((q) => q.id) };
  }

  /** Each operation prepares its own data (as the moderator), then runs as `token`. */
  const operations: Array<{
    name: string;
    expected: Record<Who, Outcome>;
    run: (token?: string) => Promise<GraphQLResult<unknown> | Response>;
  }> = [
    {
      name: 'collection',
      expected: READ,
      run: async (token) => t.gql(COLLECTION, { slug: (await publishedWithEntry()).c.slug }, token),
    },
    { name: 'collections', expected: READ, run: (token) => t.gql(COLLECTIONS, {}, token) },
    { name: 'staleEntries', expected: CURATE, run: (token) => t.gql(STALE, {}, token) },
    {
      name: 'createCollection',
      expected: CURATE,
      run: (token) =>
        t.gql(CREATE, { input: { title: 'Matrix', slug: uniqueSlug(), tags: [] } }, token),
    },
    {
      name: 'updateCollection',
      expected: CURATE,
      run: async (token) =>
        t.gql(
          UPDATE,
          { input: { slug: (await createCollection(t, mod)).slug, title: 'New title' } },
          token,
        ),
    },
    {
      name: 'publishCollection',
      expected: CURATE,
      run: async (token) => t.gql(PUBLISH, { slug: (await createCollection(t, mod)).slug }, token),
    },
    {
      name: 'unpublishCollection',
      expected: CURATE,
      run: async (token) => t.gql(UNPUBLISH, { slug: (await publishedWithEntry()).c.slug }, token),
    },
    {
      name: 'addCollectionEntry',
      expected: CURATE,
      run: async (token) => {
        const c = await createCollection(t, mod);
        return t.gql(
          ADD,
          { input: { collectionSlug: c.slug, threadId: (await thread()).id } },
          token,
        );
      },
    },
    {
      name: 'moveCollectionEntry',
      expected: CURATE,
      run: async (token) =>
        t.gql(
          MOVE,
          { input: { entryId: (await publishedWithEntry()).entry.id, position: 1 } },
          token,
        ),
    },
    {
      name: 'removeCollectionEntry',
      expected: CURATE,
      run: async (token) =>
        t.gql(REMOVE, { entryId: (await publishedWithEntry()).entry.id }, token),
    },
    {
      name: 'confirmEntry',
      expected: CURATE,
      run: async (token) =>
        t.gql(
          CONFIRM,
          {
            entryId: (await publishedWithEntry()).entry.id,
            reviewBy: new Date(Date.now() + 1e9).toISOString(),
          },
          token,
        ),
    },
    {
      name: 'replaceCollectionEntry',
      expected: CURATE,
      run: async (token) => {
        const { entry } = await publishedWithEntry();
        const input = { entryId: entry.id, threadId: (await thread()).id, reason: 'Newer' };
        return t.gql(REPLACE, { input }, token);
      },
    },
    {
      name: 'markCanonicalAnswer',
      expected: CURATE,
      run: async (token) => {
        const [author] = await quickMembers(t, 1);
        const reply = await postReply(t, author, (await thread()).id);
        return t.gql(MARK, { replyId: reply.id, reason: 'Best' }, token);
      },
    },
    {
      name: 'unmarkCanonicalAnswer',
      expected: CURATE,
      run: async (token) => {
        const [author] = await quickMembers(t, 1);
        const reply = await postReply(t, author, (await thread()).id);
        must(await t.gql(MARK, { replyId: reply.id, reason: 'Best' }, mod.accessToken));
        return t.gql(UNMARK, { replyId: reply.id, reason: 'Undo' }, token);
      },
    },
    {
      name: 'importCollections',
      expected: ADMIN_ONLY,
      run: async (token) => {
        const { c } = await publishedWithEntry();
        const response = await fetch(`${t.url}/archive/collections/${c.slug}.json`, {
          headers: { authorization: `Bearer ${mod.accessToken}` },
        });
        const document = (await response.json()) as { collections: Array<{ slug: string }> };
        document.collections[0].slug = uniqueSlug('imported');
        return t.gql(IMPORT, { file: JSON.stringify(document) }, token);
      },
    },
    {
      name: 'recap (a draft)',
      expected: DRAFT_READ,
      run: async (token) => t.gql(RECAP, { id: (await draft()).id }, token),
    },
    {
      name: 'draftRecap',
      expected: RECAP_EDIT,
      run: async (token) => t.gql(DRAFT_RECAP, { id: await endedSession() }, token),
    },
    {
      name: 'updateRecap',
      expected: RECAP_EDIT,
      run: async (token) =>
        t.gql(UPDATE_RECAP, { input: { recapId: (await draft()).id, summary: 'Edited' } }, token),
    },
    {
      name: 'publishRecap',
      expected: RECAP_EDIT,
      run: async (token) => t.gql(PUBLISH_RECAP, { input: { recapId: (await draft()).id } }, token),
    },
    {
      name: 'publishRecap into collections',
      expected: CURATE,
      run: async (token) => {
        const input = {
          recapId: (await draft()).id,
          collectionSlugs: [(await createCollection(t, mod)).slug],
        };
        return t.gql(PUBLISH_RECAP, { input }, token);
      },
    },
    {
      name: 'openQuestionsAsThreads',
      expected: RECAP_EDIT,
      run: async (token) => {
        const recap = await draft(true);
        must(await t.gql(PUBLISH_RECAP, { input: { recapId: recap.id } }, mod.accessToken));
        const input = { recapId: recap.id, spaceSlug: space, questionIds: recap.questionIds };
        return t.gql(OPEN_QUESTIONS, { input }, token);
      },
    },
    {
      name: 'GET /archive/collections/:slug.json',
      expected: READ,
      run: async (token) =>
        fetch(`${t.url}/archive/collections/${(await publishedWithEntry()).c.slug}.json`, {
          headers: token ? { authorization: `Bearer ${token}` } : {},
        }),
    },
    {
      name: 'GET /archive/collections/:slug.md',
      expected: READ,
      run: async (token) =>
        fetch(`${t.url}/archive/collections/${(await publishedWithEntry()).c.slug}.md`, {
          headers: token ? { authorization: `Bearer ${token}` } : {},
        }),
    },
    {
      name: 'GET /archive/export.json',
      expected: CURATE,
      run: (token) =>
        fetch(`${t.url}/archive/export.json`, {
          headers: token ? { authorization: `Bearer ${token}` } : {},
        }),
    },
  ];

  const HTTP: Record<number, Outcome | string> = {
    200: 'OK',
    401: 'UNAUTHENTICATED',
    403: 'FORBIDDEN',
  };

  async function outcome(result: GraphQLResult<unknown> | Response): Promise<string> {
    if (result instanceof Response) return HTTP[result.status] ?? `HTTP ${result.status}`;
    if (!result.errors?.length) {
      const data = (result.data ?? {}) as Record<string, unknown>;
      return Object.values(data)[0] === null ? 'NULL' : 'OK';
    }
    const code = result.errors[0].extensions?.code;
    return typeof code === 'string' ? code : JSON.stringify(result.errors);
  }

  it.each(operations.map((op) => [op.name, op] as const))('%s', async (_name, op) => {
    const actual: Record<string, string> = {};
    for (const who of Object.keys(op.expected) as Who[]) {
      const token = who === 'anonymous' ? undefined : people[who].accessToken;
      actual[who] = await outcome(await op.run(token));
    }
    expect(actual).toEqual(op.expected);
  });
});
