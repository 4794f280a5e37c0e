import { DiscussionsService } from '@app/discussions';
import { startTestApp, TestApp, TestMember } from '../support/test-app';
import {
  CREATE_SPACE,
  POST_REPLY,
  START_THREAD,
  THREAD,
  THREAD_FIELDS,
  ThreadNode,
  createSpace,
  errorCode,
  moderator,
  must,
  postReply,
  startThread,
  uniqueSlug,
} from './discussions-support';

const SPACES = `query($first: Int, $after: String) {
  spaces(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { slug visibility } } }
}`;
const EDIT_THREAD = `mutation($input: EditThreadInput!) { editThread(input: $input) { ${THREAD_FIELDS}
  revisions { totalCount edges { node { id at title body editor { handle } } } } } }`;
const DELETE_THREAD = `mutation($id: ID!) { deleteThread(id: $id) { id deletedAt } }`;
const THREADS = `query($filter: ThreadFilter) { threads(filter: $filter, first: 100) { totalCount edges { node { id hidden } } } }`;
const SEARCH = `query($query: String!) { search(query: $query, first: 20) { totalCount edges { node { kind targetId hidden } } } }`;

describe('discussions: spaces and threads', () => {
  let t: TestApp;
  let mod: TestMember;
  let asker: TestMember;
  let other: TestMember;
  let publicSpace: string;
  let membersSpace: string;

  beforeAll(async () => {
    t = await startTestApp();
    await t.signUp({ displayName: 'First Admin' });
    mod = await moderator(t, 'Space Moderator');
    asker = await t.signUp({ displayName: 'Thread Asker' });
    other = await t.signUp({ displayName: 'Other Member' });
    publicSpace = await createSpace(t, mod, 'PUBLIC');
    membersSpace = await createSpace(t, mod, 'MEMBERS');
  });
  afterAll(() => t?.close());

  describe('spaces', () => {
    it('are created by moderators only, with valid and unique slugs', async () => {
      const input = { name: 'Career', slug: uniqueSlug('career'), description: 'Growth' };
      expect(errorCode(await t.gql(CREATE_SPACE, { input }, asker.accessToken))).toBe('FORBIDDEN');
      expect(errorCode(await t.gql(CREATE_SPACE, { input }))).toBe('UNAUTHENTICATED');
      const created = must(
        await t.gql<{ createSpace: { visibility: string } }>(
          CREATE_SPACE,
          { input },
          mod.accessToken,
        ),
      );
      expect(created.createSpace.visibility).toBe('MEMBERS');
      expect(errorCode(await t.gql(CREATE_SPACE, { input }, mod.accessToken))).toBe('CONFLICT');
      for (const bad of [
        { ...input, slug: 'Not A Slug' },
        { ...input, slug: 'x' },
        { ...input, slug: 'trailing-' },
        { ...input, slug: uniqueSlug(), name: 'x' },
        { ...input, slug: uniqueSlug(), description: 'd'.repeat(1001) },
      ]) {
        const result = await t.gql(CREATE_SPACE, { input: bad }, mod.accessToken);
        expect(errorCode(result)).toBe('BAD_USER_INPUT');
      }
    });

    it('lists PUBLIC spaces to anyone and MEMBERS spaces to members, paged by name', async () => {
      type Page = { spaces: { totalCount: number; edges: Array<{ node: { slug: string } }> } };
      const anonymous = must(await t.gql<Page>(SPACES, { first: 100 }));
      const slugs = anonymous.spaces.edges.map((edge) => edge.node.slug);
      expect(slugs).toContain(publicSpace);
      expect(slugs).not.toContain(membersSpace);
      const signedIn = must(await t.gql<Page>(SPACES, { first: 100 }, other.accessToken));
      expect(signedIn.spaces.edges.map((edge) => edge.node.slug)).toContain(membersSpace);
      // Paging one at a time sees every space once.
      const seen: string[] = [];
      let after: string | null = null;
      for (;;) {
        const page: {
          spaces: {
            pageInfo: { hasNextPage: boolean; endCursor: string };
            edges: Array<{ node: { slug: string } }>;
          };
        } = must(await t.gql(SPACES, { first: 1, after }, other.accessToken));
        seen.push(...page.spaces.edges.map((edge) => edge.node.slug));
        if (!page.spaces.pageInfo.hasNextPage) break;
        after = page.spaces.pageInfo.endCursor;
      }
      expect(seen).toHaveLength(signedIn.spaces.totalCount);
      expect(new Set(seen).size).toBe(seen.length);
    });
  });

  describe('startThread', () => {
    it('creates a question with tags from the shared vocabulary and a search document', async () => {
      const thread = await startThread(t, asker, publicSpace, {
        title: '  Measuring engagement in a small forum  ',
        tags: ['Engagement Metrics', 'forum health', 'engagement metrics'],
      });
      expect(thread).toMatchObject({
        kind: 'QUESTION',
        title: 'Measuring engagement in a small forum',
        bodyHtml: '<p>Looking for <strong>practical</strong> advice.</p>',
        tags: ['engagement metrics', 'forum health'],
        replyCount: 0,
        solved: false,
        hidden: false,
        author: { id: asker.id },
        space: { slug: publicSpace, visibility: 'PUBLIC' },
      });
      const tags = await t.sql<{ name: string; usage_count: number }>(
        `SELECT name, usage_count FROM tag WHERE name = ANY($1) ORDER BY name`,
        [['engagement metrics', 'forum health']],
      );
      expect(tags.map((tag) => tag.name)).toEqual(['engagement metrics', 'forum health']);
      const docs = await t.sql(
        'SELECT kind, space_slug, tags, visibility, hidden, solved, link FROM search_document WHERE target_id = $1',
        [thread.id],
      );
      expect(docs).toEqual([
        {
          kind: 'THREAD',
          space_slug: publicSpace,
          tags: ['engagement metrics', 'forum health'],
          visibility: 'PUBLIC',
          hidden: false,
          solved: false,
          link: `/threads/${thread.id}`,
        },
      ]);
    });

    it('refuses each invalid field with BAD_USER_INPUT and an unknown space with NOT_FOUND', async () => {
      const base = {
        spaceSlug: publicSpace,
        kind: 'DISCUSSION',
        title: 'A fine title here',
        body: 'Body',
      };
      const cases: Array<[Record<string, unknown>, string]> = [
        [{ title: 'Short' }, 'input.title'],
        [{ title: '       padded      ' }, 'input.title'],
        [{ title: 't'.repeat(201) }, 'input.title'],
        [{ body: '' }, 'input.body'],
        [{ body: '   \n ' }, 'input.body'],
        [{ body: 'b'.repeat(40_001) }, 'input.body'],
        [{ tags: ['a', 'b', 'c', 'd', 'e', 'f'] }, 'input.tags'],
        [{ tags: ['!!!'] }, 'input.tags'],
        [{ tags: ['t'.repeat(51)] }, 'input.tags'],
        [{ idempotencyKey: 'has space' }, 'input.idempotencyKey'],
        [{ idempotencyKey: 'k'.repeat(101) }, 'input.idempotencyKey'],
      ];
      for (const [override, field] of cases) {
        const result = await t.gql(
          START_THREAD,
          { input: { ...base, ...override } },
          asker.accessToken,
        );
        expect({ field, code: errorCode(result) }).toEqual({ field, code: 'BAD_USER_INPUT' });
        expect(Object.keys(result.errors?.[0].extensions?.fields as object)).toContain(field);
      }
      const kind = await t.gql(
        START_THREAD,
        { input: { ...base, kind: 'POLL' } },
        asker.accessToken,
      );
      expect(errorCode(kind)).toBe('BAD_USER_INPUT');
      const body40k = await t.gql(
        START_THREAD,
        { input: { ...base, body: 'b'.repeat(40_000) } },
        asker.accessToken,
      );
      expect(body40k.errors).toBeUndefined();
      const space = await t.gql(
        START_THREAD,
        { input: { ...base, spaceSlug: 'no-such-space' } },
        asker.accessToken,
      );
      expect(errorCode(space)).toBe('NOT_FOUND');
      expect(errorCode(await t.gql(START_THREAD, { input: base }))).toBe('UNAUTHENTICATED');
    });

    it('returns the first thread for a repeated idempotency key, also under concurrency', async () => {
      const input = {
        spaceSlug: publicSpace,
        kind: 'QUESTION',
        title: 'Idempotent question',
        body: 'Once',
        idempotencyKey: 'ask-1',
      };
      const results = await Promise.all(
        [1, 2, 3].map(() =>
          t.gql<{ startThread: ThreadNode }>(START_THREAD, { input }, asker.accessToken),
        ),
      );
      const ids = new Set(results.map((result) => must(result).startThread.id));
      expect(ids.size).toBe(1);
      const again = must(
        await t.gql<{ startThread: ThreadNode }>(
          START_THREAD,
          { input: { ...input, title: 'Different title now' } },
          asker.accessToken,
        ),
      );
      expect(again.startThread.id).toBe([...ids][0]);
      expect(again.startThread.title).toBe('Idempotent question');
      // The same key from another author is another thread.
      const others = must(
        await t.gql<{ startThread: ThreadNode }>(START_THREAD, { input }, other.accessToken),
      );
      expect(others.startThread.id).not.toBe([...ids][0]);
      const rows = await t.sql(`SELECT id FROM discussion_thread WHERE idempotency_key = 'ask-1'`);
      expect(rows).toHaveLength(2);
    });
  });

  describe('editThread and deleteThread', () => {
    it('lets only the author edit, keeping every version as a revision', async () => {
      const thread = await startThread(t, asker, membersSpace, { tags: ['old tag'] });
      type Edited = {
        editThread: ThreadNode & {
          revisions: {
            totalCount: number;
            edges: Array<{ node: { title: string; body: string; editor: { handle: string } } }>;
          };
        };
      };
      const denied = await t.gql(
        EDIT_THREAD,
        { input: { id: thread.id, title: 'Hijacked title' } },
        other.accessToken,
      );
      expect(errorCode(denied)).toBe('FORBIDDEN');
      const moderated = await t.gql(
        EDIT_THREAD,
        { input: { id: thread.id, body: 'Mod text' } },
        mod.accessToken,
      );
      expect(errorCode(moderated)).toBe('FORBIDDEN');
      expect(
        errorCode(await t.gql(EDIT_THREAD, { input: { id: thread.id } }, asker.accessToken)),
      ).toBe('BAD_USER_INPUT');
      expect(
        errorCode(
          await t.gql(EDIT_THREAD, { input: { id: thread.id, title: 'short' } }, asker.accessToken),
        ),
      ).toBe('BAD_USER_INPUT');
      expect(
        errorCode(
          await t.gql(
            EDIT_THREAD,
            { input: { id: 'not-a-uuid', title: 'Long enough title' } },
            asker.accessToken,
          ),
        ),
      ).toBe('BAD_USER_INPUT');

      const first = must(
        await t.gql<Edited>(
          EDIT_THREAD,
          { input: { id: thread.id, title: 'Edited title once', tags: ['new tag'] } },
          asker.accessToken,
        ),
      );
      expect(first.editThread).toMatchObject({ title: 'Edited title once', tags: ['new tag'] });
      expect(first.editThread.editedAt).not.toBeNull();
      const second = must(
        await t.gql<Edited>(
          EDIT_THREAD,
          { input: { id: thread.id, body: 'Second *body*' } },
          asker.accessToken,
        ),
      );
      expect(second.editThread.bodyHtml).toBe('<p>Second <em>body</em></p>');
      expect(second.editThread.revisions.totalCount).toBe(3);
      expect(
        second.editThread.revisions.edges.map((edge) => [
          edge.node.title,
          edge.node.body,
          edge.node.editor.handle,
        ]),
      ).toEqual([
        ['How do you measure engagement?', 'Looking for **practical** advice.', asker.handle],
        ['Edited title once', 'Looking for **practical** advice.', asker.handle],
        ['Edited title once', 'Second *body*', asker.handle],
      ]);
      const usage = await t.sql<{ name: string; usage_count: number }>(
        `SELECT name, usage_count FROM tag WHERE name IN ('old tag', 'new tag') ORDER BY name`,
      );
      expect(usage).toEqual([
        { name: 'new tag', usage_count: 1 },
        { name: 'old tag', usage_count: 0 },
      ]);
      const [doc] = await t.sql<{ title: string; tags: string[] }>(
        'SELECT title, tags FROM search_document WHERE target_id = $1',
        [thread.id],
      );
      expect(doc).toEqual({ title: 'Edited title once', tags: ['new tag'] });
    });

    it('shows a never-edited thread’s original as its one revision', async () => {
      const thread = await startThread(t, asker, membersSpace);
      const result = must(
        await t.gql<{
          thread: {
            revisions: { totalCount: number; edges: Array<{ node: { id: string; body: string } }> };
          };
        }>(
          `query($id: ID!) { thread(id: $id) { revisions { totalCount edges { node { id body } } } } }`,
          { id: thread.id },
          other.accessToken,
        ),
      );
      expect(result.thread.revisions).toEqual({
        totalCount: 1,
        edges: [{ node: { id: thread.id, body: thread.body } }],
      });
    });

    it('lets only the author delete; the thread, its replies and their documents are gone', async () => {
      const thread = await startThread(t, asker, publicSpace, { title: 'To be deleted soon' });
      const reply = await postReply(t, other, thread.id);
      expect(errorCode(await t.gql(DELETE_THREAD, { id: thread.id }, other.accessToken))).toBe(
        'FORBIDDEN',
      );
      const deleted = must(
        await t.gql<{ deleteThread: { deletedAt: string } }>(
          DELETE_THREAD,
          { id: thread.id },
          asker.accessToken,
        ),
      );
      expect(deleted.deleteThread.deletedAt).not.toBeNull();
      expect(
        must(await t.gql<{ thread: null }>(THREAD, { id: thread.id }, asker.accessToken)).thread,
      ).toBeNull();
      expect(
        must(await t.gql<{ thread: null }>(THREAD, { id: thread.id }, mod.accessToken)).thread,
      ).toBeNull();
      const listed = must(
        await t.gql<{ threads: { edges: Array<{ node: { id: string } }> } }>(
          THREADS,
          { filter: { spaceSlug: publicSpace } },
          mod.accessToken,
        ),
      );
      expect(listed.threads.edges.map((edge) => edge.node.id)).not.toContain(thread.id);
      const docs = await t.sql('SELECT 1 FROM search_document WHERE target_id = ANY($1)', [
        [thread.id, reply.id],
      ]);
      expect(docs).toHaveLength(0);
      expect(errorCode(await t.gql(DELETE_THREAD, { id: thread.id }, asker.accessToken))).toBe(
        'NOT_FOUND',
      );
      const reply2 = await t.gql(
        POST_REPLY,
        { input: { threadId: thread.id, body: 'Late' } },
        other.accessToken,
      );
      expect(errorCode(reply2)).toBe('NOT_FOUND');
    });
  });

  describe('visibility', () => {
    it('keeps MEMBERS spaces from anonymous readers and shows PUBLIC ones', async () => {
      const open = await startThread(t, asker, publicSpace, { title: 'Open to the public' });
      const closed = await startThread(t, asker, membersSpace, { title: 'Members only here' });
      expect(
        must(await t.gql<{ thread: ThreadNode | null }>(THREAD, { id: open.id })).thread?.id,
      ).toBe(open.id);
      expect(
        must(await t.gql<{ thread: ThreadNode | null }>(THREAD, { id: closed.id })).thread,
      ).toBeNull();
      const anonymous = must(
        await t.gql<{ threads: { edges: Array<{ node: { id: string } }> } }>(THREADS, {}),
      );
      const ids = anonymous.threads.edges.map((edge) => edge.node.id);
      expect(ids).toContain(open.id);
      expect(ids).not.toContain(closed.id);
      const filtered = must(
        await t.gql<{ threads: { totalCount: number } }>(THREADS, {
          filter: { spaceSlug: membersSpace },
        }),
      );
      expect(filtered.threads.totalCount).toBe(0);
      expect(
        must(
          await t.gql<{ thread: ThreadNode | null }>(THREAD, { id: closed.id }, other.accessToken),
        ).thread?.id,
      ).toBe(closed.id);
      const [doc] = await t.sql<{ visibility: string }>(
        'SELECT visibility FROM search_document WHERE target_id = $1',
        [closed.id],
      );
      expect(doc.visibility).toBe('MEMBERS');
    });

    it('leaves hidden threads out for members everywhere and shows them to moderators as hidden', async () => {
      const word = `zqhidden${Date.now().toString(36).replace(/[0-9]/g, 'x')}`;
      const thread = await startThread(t, asker, publicSpace, {
        title: `Hidden thread about ${word}`,
      });
      const reply = await postReply(t, other, thread.id, { body: `A reply about ${word}` });
      expect(await t.app.get(DiscussionsService).setHidden('THREAD', thread.id, true)).toBe(true);
      expect(await t.app.get(DiscussionsService).setHidden('THREAD', thread.id, true)).toBe(false);

      for (const reader of [asker, other, null]) {
        const token = reader?.accessToken;
        expect(
          must(await t.gql<{ thread: null }>(THREAD, { id: thread.id }, token)).thread,
        ).toBeNull();
        const list = must(
          await t.gql<{ threads: { edges: Array<{ node: { id: string } }> } }>(THREADS, {}, token),
        );
        expect(list.threads.edges.map((edge) => edge.node.id)).not.toContain(thread.id);
        expect(
          must(await t.gql<{ search: { totalCount: number } }>(SEARCH, { query: word }, token))
            .search.totalCount,
        ).toBe(0);
        const byId = must(
          await t.gql<{ replyById: null }>(
            `query($id: ID!) { replyById(id: $id) { id } }`,
            { id: reply.id },
            token,
          ),
        );
        expect(byId.replyById).toBeNull();
      }
      const seen = must(
        await t.gql<{ thread: ThreadNode }>(THREAD, { id: thread.id }, mod.accessToken),
      );
      expect(seen.thread).toMatchObject({ id: thread.id, hidden: true });
      expect(seen.thread.hiddenAt).not.toBeNull();
      const modList = must(
        await t.gql<{ threads: { edges: Array<{ node: { id: string; hidden: boolean } }> } }>(
          THREADS,
          {},
          mod.accessToken,
        ),
      );
      expect(modList.threads.edges.find((edge) => edge.node.id === thread.id)?.node.hidden).toBe(
        true,
      );
      const modSearch = must(
        await t.gql<{ search: { edges: Array<{ node: { hidden: boolean } }> } }>(
          SEARCH,
          { query: word },
          mod.accessToken,
        ),
      );
      expect(modSearch.search.edges.map((edge) => edge.node.hidden)).toEqual([true, true]);
      // Members cannot reply to or edit what they cannot see.
      expect(
        errorCode(
          await t.gql(
            `mutation($input: PostReplyInput!) { postReply(input: $input) { id } }`,
            { input: { threadId: thread.id, body: 'hi' } },
            other.accessToken,
          ),
        ),
      ).toBe('NOT_FOUND');
      expect(
        errorCode(
          await t.gql(EDIT_THREAD, { input: { id: thread.id, body: 'x' } }, asker.accessToken),
        ),
      ).toBe('NOT_FOUND');

      await t.app.get(DiscussionsService).setHidden('THREAD', thread.id, false);
      expect(
        must(await t.gql<{ thread: ThreadNode }>(THREAD, { id: thread.id }, other.accessToken))
          .thread.hidden,
      ).toBe(false);
      expect(
        must(
          await t.gql<{ search: { totalCount: number } }>(
            SEARCH,
            { query: word },
            other.accessToken,
          ),
        ).search.totalCount,
      ).toBe(2);
    });

    it('refuses replies in a locked thread', async () => {
      const thread = await startThread(t, asker, publicSpace);
      await t.app.get(DiscussionsService).setLocked('THREAD', thread.id, true);
      const result = await t.gql(
        `mutation($input: PostReplyInput!) { postReply(input: $input) { id } }`,
        { input: { threadId: thread.id, body: 'Too late' } },
        other.accessToken,
      );
      expect(errorCode(result)).toBe('FORBIDDEN');
      expect(result.errors?.[0].message).toMatch(/locked/);
      const shown = must(
        await t.gql<{ thread: ThreadNode }>(THREAD, { id: thread.id }, other.accessToken),
      );
      expect(shown.thread.lockedAt).not.toBeNull();
      expect(shown.thread.replyCount).toBe(0);
      await t.app.get(DiscussionsService).setLocked('THREAD', thread.id, false);
      await postReply(t, other, thread.id);
    });
  });
});
