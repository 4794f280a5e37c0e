import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';
import { DataSource } from 'typeorm';
import { SearchService } from '@app/search';
import { startTestApp, TestApp, TestMember } from '../support/test-app';
import { doc, search, targetIds, word } from './search-helpers';

interface PlanNode {
  'Node Type': string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

function indexesIn(plan: PlanNode): string[] {
  return [
    ...(plan['Index Name'] ? [plan['Index Name']] : []),
    ...(plan.Plans ?? []).flatMap(indexesIn),
  ];
}

describe('search: documents written by domains, snippets, plans and cost', () => {
  let t: TestApp;
  let service: SearchService;
  let dataSource: DataSource;
  let member: TestMember;

  beforeAll(async () => {
    t = await startTestApp();
    await t.signUp({ displayName: 'First Account Admin' });
    member = await t.signUp({ displayName: 'Plain Member' });
    service = t.app.get(SearchService);
    dataSource = t.app.get(DataSource);
  });
  afterAll(() => t?.close());

  it('upserts by (kind, targetId), keeping boost and solved when they are left out', async () => {
    const w = word();
    const first = doc({ title: `First title ${w}`, solved: true, boost: 2 });
    await service.index(first);
    await service.index({
      ...first,
      title: `Second title ${w}`,
      solved: undefined,
      boost: undefined,
    });
    const rows = await t.sql<{ title: string; solved: boolean; boost: number }>(
      'SELECT title, solved, boost FROM search_document WHERE target_id = $1',
      [first.targetId],
    );
    expect(rows).toEqual([{ title: `Second title ${w}`, solved: true, boost: 2 }]);
    expect((await search(t, { query: `second ${w}` })).totalCount).toBe(1);
    expect((await search(t, { query: `first ${w}` })).totalCount).toBe(0);
    // The same target id under another kind is another document.
    await service.index({ ...first, kind: 'REPLY' });
    expect((await search(t, { query: w })).totalCount).toBe(2);
  });

  it('updates fields, rebuilding the vector when the title or tags change', async () => {
    const [w, renamed, tag] = [word(), word(), word()];
    const reply = doc({ kind: 'REPLY', title: `Thread about ${w}`, body: 'A reply body' });
    await service.index(reply);
    await service.update('REPLY', reply.targetId, { title: `Thread about ${renamed}` });
    expect((await search(t, { query: w })).totalCount).toBe(0);
    const found = await search(t, { query: renamed });
    expect(found.edges[0].node).toMatchObject({ title: `Thread about ${renamed}`, kind: 'REPLY' });
    await service.update('REPLY', reply.targetId, {
      tags: [tag],
      spaceSlug: 'governance',
      solved: false,
      visibility: 'MEMBERS',
      boost: 1.5,
    });
    expect((await search(t, { query: tag })).totalCount).toBe(0);
    const asMember = await search(t, { query: tag }, member.accessToken);
    expect(asMember.edges[0].node).toMatchObject({
      targetId: reply.targetId,
      spaceSlug: 'governance',
      tags: [tag],
      solved: false,
    });
    // Still found by its body: the vector kept the stored text it was not given.
    expect(
      targetIds(await search(t, { query: `reply body ${renamed}` }, member.accessToken)),
    ).toEqual([reply.targetId]);
    await service.update('REPLY', reply.targetId, {});
    await service.remove('REPLY', reply.targetId);
    expect((await search(t, { query: renamed }, member.accessToken)).totalCount).toBe(0);
    // Unknown documents: no error, nothing written.
    await service.update('REPLY', reply.targetId, { title: 'ghost' });
    await service.setHidden('REPLY', reply.targetId, true);
    await service.remove('REPLY', reply.targetId);
  });

  it('refuses a document that breaks the contract (a programming error of the caller)', async () => {
    await expect(service.index(doc({ kind: 'thread' }))).rejects.toThrow(/UPPER_CASE/);
    await expect(service.index(doc({ targetId: 'nope' }))).rejects.toThrow(/uuid/);
    await expect(
      service.index(doc({ visibility: 'EVERYONE' as unknown as 'PUBLIC' })),
    ).rejects.toThrow(/visibility/);
    await expect(service.index(doc({ boost: Number.NaN }))).rejects.toThrow(/boost/);
  });

  it('writes in the caller’s transaction: a rollback takes the document with it', async () => {
    const [kept, lost] = [word(), word()];
    const keptDoc = doc({ title: `Committed ${kept}` });
    await dataSource.transaction(async (manager) => {
      await service.index(keptDoc, manager);
    });
    const lostDoc = doc({ title: `Rolled back ${lost}` });
    await expect(
      dataSource.transaction(async (manager) => {
        await service.index(lostDoc, manager);
        // Visible inside the transaction...
        const inside: unknown[] = await manager.query(
          'SELECT 1 FROM search_document WHERE target_id = $1',
          [lostDoc.targetId],
        );
        expect(inside).toHaveLength(1);
        await service.setHidden('THREAD', keptDoc.targetId, true, manager);
        await service.update('THREAD', keptDoc.targetId, { title: 'renamed' }, manager);
        throw new Error('the content write failed');
      }),
    ).rejects.toThrow('the content write failed');
    // ...and gone with it, as is every change made to the committed one.
    expect((await search(t, { query: lost })).totalCount).toBe(0);
    const still = await search(t, { query: kept });
    expect(still.edges.map((e) => [e.node.title, e.node.hidden])).toEqual([
      [`Committed ${kept}`, false],
    ]);
    await expect(
      dataSource.transaction(async (manager) => {
        await service.remove('THREAD', keptDoc.targetId, manager);
        throw new Error('undo');
      }),
    ).rejects.toThrow('undo');
    expect((await search(t, { query: kept })).totalCount).toBe(1);
  });

  it('highlights matches with <mark> in a snippet that is safe to insert as HTML', async () => {
    const w = word();
    const body =
      `Try <script>alert(1)</script> and <img src=x onerror=alert(1)> for ${w} & "quotes" ` +
      `it's &lt;b&gt; done <b>${w}</b> <mark>fake</mark> a<b <a href="javascript:alert(1)">x</a> ` +
      `<svg/onload=alert(1)> ${w}`;
    await service.index(doc({ title: 'Snippet safety', body }));
    const [hit] = (await search(t, { query: w })).edges;
    const snippet = hit.node.snippet;
    expect(snippet).toContain(`<mark>${w}</mark>`);
    const unmarked = snippet.replace(/<\/?mark>/g, '');
    expect(unmarked).not.toMatch(/[<>"']/);
    expect(snippet).not.toMatch(/<(?!\/?mark>)/);
    expect(snippet).toContain('&lt;');
    expect(snippet).toContain('&amp;');
    // The user's own "<mark>" is text, not a highlight.
    expect((snippet.match(/<mark>/g) ?? []).length).toBe(
      (snippet.match(new RegExp(`<mark>${w}</mark>`, 'g')) ?? []).length,
    );
    // A title-only match still gets the start of the body, escaped.
    const v = word();
    await service.index(doc({ title: `Only the title has ${v}`, body: '<b>bold</b> claims' }));
    const [titleOnly] = (await search(t, { query: v })).edges;
    expect(titleOnly.node.snippet).toBe('&lt;b&gt;bold&lt;/b&gt; claims');
  });

  it('uses the GIN index on the document vector (seqscan off on small tables)', async () => {
    // Filters are left out: on a table this small the planner may rightly prefer their indexes.
    for (const audience of ['ANONYMOUS', 'MEMBER', 'STAFF'] as const) {
      const { text, values } = service.statement(audience, '"measuring engagement" -churn', {}, 20);
      await t.sql('BEGIN');
      try {
        await t.sql('SET LOCAL enable_seqscan = off');
        const [row] = await t.sql<{ 'QUERY PLAN': Array<{ Plan: PlanNode }> }>(
          `EXPLAIN (FORMAT JSON) ${text}`,
          values,
        );
        expect(indexesIn(row['QUERY PLAN'][0].Plan)).toContain('search_document_document_idx');
      } finally {
        await t.sql('ROLLBACK');
      }
    }
  });

  it('costs the same number of SQL statements for 5 and 50 results', async () => {
    const w = word();
    await t.sql(
      `INSERT INTO search_document (kind, target_id, title, body, link, created_at, visibility, document)
       SELECT 'REPLY', gen_random_uuid(), 'Bulk ' || $1 || ' ' || i, 'body ' || i, '/x', now(), 'PUBLIC',
              to_tsvector('english', 'Bulk ' || $1 || ' ' || i)
         FROM generate_series(1, 60) i`,
      [w],
    );
    const spy = jest.spyOn(PostgresQueryRunner.prototype, 'query');
    const count = async (first: number, token?: string) => {
      spy.mockClear();
      const page = await search(t, { query: w, first }, token);
      expect(page.edges).toHaveLength(first);
      expect(page.totalCount).toBe(60);
      return spy.mock.calls.length;
    };
    try {
      expect(await count(5)).toBe(1);
      expect(await count(50)).toBe(1);
      const small = await count(5, member.accessToken);
      expect(await count(50, member.accessToken)).toBe(small);
      expect(small).toBeLessThanOrEqual(2);
    } finally {
      spy.mockRestore();
    }
  });
});
