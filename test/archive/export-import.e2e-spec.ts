import { startTestApp, TestApp, TestMember } from '../support/test-app';
import {
  CollectionNode,
  PUBLISH,
  addEntry,
  codeOf,
  createCollection,
  createSpace,
  inDays,
  must,
  postReply,
  readCollection,
  reasonOf,
  startThread,
  withRole,
} from './support';

const IMPORT = `mutation($file: String!) {
  importCollections(file: $file) { slug status publishedAt entries { archived available kind content { title author { handle } } } }
}`;

interface ArchiveDocument {
  format: string;
  version: number;
  collections: Array<{
    slug: string;
    title: string;
    summary: string;
    tags: string[];
    publishedAt: string | null;
    link: string;
    entries: Array<{
      position: number;
      kind: string;
      targetId: string;
      note: string;
      reviewBy: string | null;
      content: {
        title: string;
        body: string;
        author: { handle: string; displayName: string } | null;
        link: string;
        createdAt: string;
      } | null;
    }>;
  }>;
}

async function get(t: TestApp, path: string, who?: TestMember) {
  return fetch(`${t.url}${path}`, {
    headers: who ? { authorization: `Bearer ${who.accessToken}` } : {},
  });
}

describe('archive: exports and imports', () => {
  let t: TestApp;
  let admin: TestMember;
  let mod: TestMember;
  let member: TestMember;
  let author: TestMember;
  let published: CollectionNode;
  let draft: CollectionNode;
  let thread: { id: string; title: string };
  let reply: { id: string };

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.signUp({ displayName: 'Site Admin' });
    mod = await withRole(t, 'MODERATOR', 'Export Mod');
    member = await t.signUp({ displayName: 'Reading Member' });
    author = await t.signUp({ displayName: 'Ada Author' });
    const space = await createSpace(t, mod);
    thread = await startThread(t, author, space, {
      title: 'How do you report community value?',
      body: 'We need a **quarterly** report.',
    });
    reply = await postReply(
      t,
      member,
      thread.id,
      'Use a one-page value story.\n\n- retention\n- deflection',
    );
    const hidden = await startThread(t, author, space, { title: 'Soon hidden from everyone' });
    published = await createCollection(t, mod, {
      title: 'Reporting value',
      summary: 'How practitioners **report** value.',
      tags: ['roi', 'reporting'],
    });
    await addEntry(t, mod, {
      collectionSlug: published.slug,
      threadId: thread.id,
      note: 'The question.\nAsked every quarter.',
      reviewBy: inDays(120),
    });
    await addEntry(t, mod, {
      collectionSlug: published.slug,
      replyId: reply.id,
      note: 'The answer.',
    });
    await addEntry(t, mod, {
      collectionSlug: published.slug,
      threadId: hidden.id,
      note: 'Gone later.',
    });
    must(await t.gql(PUBLISH, { slug: published.slug }, mod.accessToken));
    await t.sql(`UPDATE discussion_thread SET hidden_at = now() WHERE id = $1`, [hidden.id]);
    draft = await createCollection(t, mod, { title: 'Draft only' });
  });
  afterAll(() => t?.close());

  it('exports a published collection as JSON, as members see it', async () => {
    const response = await get(t, `/archive/collections/${published.slug}.json`, member);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const document = (await response.json()) as ArchiveDocument;
    expect(document).toMatchObject({ format: 'roundtable.archive', version: 1 });
    const [collection] = document.collections;
    expect(collection).toMatchObject({
      slug: published.slug,
      title: 'Reporting value',
      summary: 'How practitioners **report** value.',
      tags: ['roi', 'reporting'],
    });
    expect(collection.link).toMatch(new RegExp(`^https?://.+/collections/${published.slug}$`));
    expect(collection.entries).toEqual([
      {
        position: 1,
        kind: 'THREAD',
        targetId: thread.id,
        note: 'The question.\nAsked every quarter.',
        reviewBy: expect.any(String),
        content: {
          title: thread.title,
          body: 'We need a **quarterly** report.',
          author: { handle: author.handle, displayName: 'Ada Author' },
          link: expect.stringMatching(new RegExp(`/threads/${thread.id}$`)),
          createdAt: expect.any(String),
        },
      },
      expect.objectContaining({
        position: 2,
        kind: 'REPLY',
        targetId: reply.id,
        content: expect.objectContaining({
          title: thread.title,
          author: { handle: member.handle, displayName: 'Reading Member' },
        }),
      }),
      expect.objectContaining({ position: 3, kind: 'THREAD', note: 'Gone later.', content: null }),
    ]);
  });

  it('exports the same collection as self-contained Markdown', async () => {
    const response = await get(t, `/archive/collections/${published.slug}.md`, member);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/markdown/);
    const markdown = await response.text();
    expect(markdown).toMatch(/^# Reporting value\n/);
    for (const expected of [
      'How practitioners **report** value.',
      `## 1. ${thread.title}`,
      '> **Curator’s note:** The question.\n> Asked every quarter.',
      'We need a **quarterly** report.',
      `by Ada Author (@${author.handle})`,
      `/threads/${thread.id}>`,
      `## 2. ${thread.title}`,
      'Use a one-page value story.\n\n- retention\n- deflection',
      '## 3. (no longer available)',
      'Tags: roi, reporting',
    ]) {
      expect(markdown).toContain(expected);
    }
    expect(markdown).not.toContain('Soon hidden from everyone');
  });

  it('refuses drafts, unknown formats, anonymous readers, and members for the full export', async () => {
    expect((await get(t, `/archive/collections/${draft.slug}.json`, mod)).status).toBe(404);
    expect((await get(t, `/archive/collections/${published.slug}.pdf`, member)).status).toBe(404);
    expect((await get(t, `/archive/collections/${published.slug}.json`)).status).toBe(401);
    const forbidden = await get(t, '/archive/export.json', member);
    expect(forbidden.status).toBe(403);
    expect(((await forbidden.json()) as { error: { code: string } }).error.code).toBe('FORBIDDEN');
    const all = await get(t, '/archive/export.json', mod);
    expect(all.status).toBe(200);
    const document = (await all.json()) as ArchiveDocument;
    expect(document.collections.map((c) => c.slug)).toEqual([published.slug]);
  });

  it('round-trips: export → import into an empty database → export gives the same document', async () => {
    const exported = await (await get(t, '/archive/export.json', admin)).text();
    const other = await startTestApp();
    try {
      const otherAdmin = await other.signUp({ displayName: 'Other Admin' });
      const otherMember = await other.signUp({ displayName: 'Other Member' });
      const imported = must(
        await other.gql<{
          importCollections: Array<{
            slug: string;
            status: string;
            entries: Array<{ archived: boolean; available: boolean; content: unknown }>;
          }>;
        }>(IMPORT, { file: exported }, otherAdmin.accessToken),
      );
      expect(imported.importCollections).toHaveLength(1);
      expect(imported.importCollections[0]).toMatchObject({
        slug: published.slug,
        status: 'PUBLISHED',
      });
      expect(imported.importCollections[0].entries.map((e) => [e.archived, e.available])).toEqual([
        [true, true],
        [true, true],
        [true, false],
      ]);
      const read = await readCollection(other, otherMember, published.slug);
      expect(read?.entries?.[0].content).toMatchObject({
        title: thread.title,
        bodyHtml: '<p>We need a <strong>quarterly</strong> report.</p>',
        author: { handle: author.handle },
      });
      const again = await (await get(other, '/archive/export.json', otherAdmin)).text();
      expect(JSON.parse(again)).toEqual(JSON.parse(exported));
      expect(again).toBe(exported);
    } finally {
      await other.close();
    }
  });

  it('imports into the same Roundtable: existing targets stay live', async () => {
    const document = JSON.parse(
      await (await get(t, `/archive/collections/${published.slug}.json`, member)).text(),
    ) as ArchiveDocument;
    document.collections[0].slug = `${published.slug}-copy`;
    const imported = must(
      await t.gql<{
        importCollections: Array<{ entries: Array<{ archived: boolean; available: boolean }> }>;
      }>(IMPORT, { file: JSON.stringify(document) }, admin.accessToken),
    );
    expect(imported.importCollections[0].entries.map((e) => [e.archived, e.available])).toEqual([
      [false, true],
      [false, true],
      [true, false],
    ]);
  });

  it('validates the file and imports all or nothing', async () => {
    const base = JSON.parse(
      await (await get(t, `/archive/collections/${published.slug}.json`, member)).text(),
    ) as ArchiveDocument;
    const variant = (change: (d: ArchiveDocument) => void) => {
      const copy = JSON.parse(JSON.stringify(base)) as ArchiveDocument;
      change(copy);
      return JSON.stringify(copy);
    };
    const run = (file: string, who = admin) => t.gql(IMPORT, { file }, who.accessToken);
    const count = async () => (await t.sql(`SELECT 1 FROM archive_collection`)).length;
    const before = await count();

    expect(
      codeOf(
        await run(
          variant((d) => (d.collections[0].slug = 'fresh-slug-a')),
          mod,
        ),
      ),
    ).toBe('FORBIDDEN');
    const notJson = await run('{"format": ');
    expect([codeOf(notJson), reasonOf(notJson)]).toEqual(['BAD_USER_INPUT', 'INVALID_IMPORT']);
    const fieldsOf = (result: Awaited<ReturnType<typeof run>>) =>
      Object.keys((result.errors?.[0]?.extensions?.fields ?? {}) as Record<string, unknown>);
    expect(fieldsOf(await run(variant((d) => (d.version = 2 as never))))).toEqual(['file.version']);
    expect(
      fieldsOf(
        await run(
          variant((d) => {
            d.collections[0].slug = 'Bad Slug';
            d.collections[0].entries[1].kind = 'POST';
            (d.collections[0].entries[0] as Record<string, unknown>).extra = true;
          }),
        ),
      ).sort(),
    ).toEqual([
      'file.collections.0.entries.0.extra',
      'file.collections.0.entries.1.kind',
      'file.collections.0.slug',
    ]);
    expect(fieldsOf(await run(variant((d) => (d.collections[0].entries[1].position = 5))))).toEqual(
      ['file.collections.0.entries.1.position'],
    );
    expect(
      fieldsOf(
        await run(
          variant((d) => {
            d.collections[0].slug = 'twice-in-file';
            d.collections.push({ ...d.collections[0] });
          }),
        ),
      ),
    ).toEqual(['file.collections.1.slug']);
    // A slug taken here: CONFLICT, and the first collection of the file is not kept either.
    const taken = await run(
      variant((d) => {
        d.collections[0].slug = 'first-of-two';
        d.collections.push({ ...d.collections[0], slug: published.slug });
      }),
    );
    expect([codeOf(taken), reasonOf(taken)]).toEqual(['CONFLICT', 'SLUG_TAKEN']);
    expect(await count()).toBe(before);
  });
});
