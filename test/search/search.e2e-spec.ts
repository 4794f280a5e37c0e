import { SearchService } from '@app/search';
import { startTestApp, TestApp, TestMember } from '../support/test-app';
import { doc, search, SEARCH, targetIds, word } from './search-helpers';

describe('search: ranking, syntax, filters, visibility, paging', () => {
  let t: TestApp;
  let service: SearchService;
  let member: TestMember;
  let moderator: TestMember;
  let admin: TestMember;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.signUp({ displayName: 'First Account Admin' });
    member = await t.signUp({ displayName: 'Plain Member' });
    moderator = await t.signUp({ displayName: 'Search Moderator' });
    await t.sql(`UPDATE account SET role = 'MODERATOR' WHERE id = $1`, [moderator.id]);
    service = t.app.get(SearchService);
  });
  afterAll(() => t?.close());

  it('ranks a title match above a tag match above a body match', async () => {
    const w = word();
    const body = doc({ title: 'Unrelated heading', body: `Notes that mention ${w} once.` });
    const tags = doc({ title: 'Another heading', tags: [w, 'onboarding'] });
    const title = doc({ title: `How do you measure ${w}?` });
    for (const d of [body, tags, title]) await service.index(d);
    const page = await search(t, { query: w });
    expect(targetIds(page)).toEqual([title.targetId, tags.targetId, body.targetId]);
    const scores = page.edges.map((e) => e.node.score);
    expect(scores[0]).toBeGreaterThan(scores[1]);
    expect(scores[1]).toBeGreaterThan(scores[2]);
    expect(page.totalCount).toBe(3);
  });

  it('multiplies the rank by the boost', async () => {
    const w = word();
    const plain = doc({ title: `Plain ${w}` });
    const boosted = doc({ title: `Curated ${w}`, boost: 3 });
    await service.index(plain);
    await service.index(boosted);
    const page = await search(t, { query: w });
    expect(targetIds(page)).toEqual([boosted.targetId, plain.targetId]);
    expect(page.edges[0].node.score).toBeCloseTo(page.edges[1].node.score * 3, 5);
  });

  it('matches quoted phrases in order and leaves out -excluded words', async () => {
    const w = word();
    const phrase = doc({ body: `Measuring engagement across ${w} cohorts.` });
    const reversed = doc({ body: `Engagement is hard; measuring ${w} is harder.` });
    const churn = doc({ body: `Measuring engagement and churn in ${w}.` });
    for (const d of [phrase, reversed, churn]) await service.index(d);
    const all = await search(t, { query: `measuring engagement ${w}` });
    expect(targetIds(all).sort()).toEqual([phrase, reversed, churn].map((d) => d.targetId).sort());
    const quoted = await search(t, { query: `"measuring engagement" ${w}` });
    expect(targetIds(quoted).sort()).toEqual([phrase.targetId, churn.targetId].sort());
    const excluded = await search(t, { query: `"measuring engagement" ${w} -churn` });
    expect(targetIds(excluded)).toEqual([phrase.targetId]);
    const either = await search(t, { query: `${w} churn or reversed` });
    expect(targetIds(either)).toEqual([churn.targetId]);
  });

  it('filters by kinds, space, tag, date range and solved', async () => {
    const w = word();
    const day = (d: number) => new Date(Date.UTC(2025, 0, d, 12));
    const solvedThread = doc({
      title: `Solved ${w}`,
      spaceSlug: 'measurement',
      tags: ['ROI', 'engagement metrics'],
      solved: true,
      createdAt: day(1),
    });
    const openThread = doc({
      title: `Open ${w}`,
      spaceSlug: 'governance',
      tags: ['governance'],
      solved: false,
      createdAt: day(10),
    });
    const reply = doc({
      kind: 'REPLY',
      title: `Open ${w}`,
      spaceSlug: 'governance',
      tags: ['governance'],
      createdAt: day(20),
    });
    for (const d of [solvedThread, openThread, reply]) await service.index(d);
    const ids = async (filter: Record<string, unknown>) =>
      targetIds(await search(t, { query: w, filter })).sort();

    expect(await ids({ kinds: ['REPLY'] })).toEqual([reply.targetId]);
    expect(await ids({ kinds: ['THREAD', 'REPLY'] })).toHaveLength(3);
    expect(await ids({ kinds: ['RECAP'] })).toEqual([]);
    expect(await ids({ spaceSlug: 'governance' })).toEqual(
      [openThread.targetId, reply.targetId].sort(),
    );
    expect(await ids({ tag: ' Engagement  Metrics ' })).toEqual([solvedThread.targetId]);
    expect(await ids({ tag: 'roi' })).toEqual([solvedThread.targetId]);
    expect(await ids({ from: day(10).toISOString() })).toEqual(
      [openThread.targetId, reply.targetId].sort(),
    );
    expect(await ids({ to: day(10).toISOString() })).toEqual(
      [solvedThread.targetId, openThread.targetId].sort(),
    );
    expect(await ids({ from: day(2).toISOString(), to: day(15).toISOString() })).toEqual([
      openThread.targetId,
    ]);
    expect(await ids({ solved: true })).toEqual([solvedThread.targetId]);
    expect(await ids({ solved: false })).toEqual([openThread.targetId]);
    expect(await ids({ kinds: ['THREAD'], spaceSlug: 'governance', solved: false })).toEqual([
      openThread.targetId,
    ]);
  });

  it('shows anonymous readers PUBLIC documents, members MEMBERS ones too, staff hidden ones', async () => {
    const w = word();
    const open = doc({ title: `Public ${w}` });
    const members = doc({ title: `Members ${w}`, visibility: 'MEMBERS' });
    const hiddenPublic = doc({ title: `Hidden public ${w}`, hidden: true });
    const hiddenMembers = doc({ title: `Hidden members ${w}`, visibility: 'MEMBERS' });
    for (const d of [open, members, hiddenPublic, hiddenMembers]) await service.index(d);
    await service.setHidden('THREAD', hiddenMembers.targetId, true);

    const anonymous = await search(t, { query: w });
    expect(targetIds(anonymous)).toEqual([open.targetId]);
    expect(anonymous.totalCount).toBe(1);
    const asMember = await search(t, { query: w }, member.accessToken);
    expect(targetIds(asMember).sort()).toEqual([open.targetId, members.targetId].sort());
    expect(asMember.edges.every((e) => !e.node.hidden)).toBe(true);
    for (const staff of [moderator, admin]) {
      const page = await search(t, { query: w }, staff.accessToken);
      expect(page.totalCount).toBe(4);
      const hidden = page.edges.filter((e) => e.node.hidden).map((e) => e.node.targetId);
      expect(hidden.sort()).toEqual([hiddenPublic.targetId, hiddenMembers.targetId].sort());
    }
    await service.setHidden('THREAD', hiddenPublic.targetId, false);
    expect(targetIds(await search(t, { query: w })).sort()).toEqual(
      [open.targetId, hiddenPublic.targetId].sort(),
    );
  });

  it('pages through a ranked list without duplicates or gaps, ties included', async () => {
    const w = word();
    // Fractional boosts give ranks that are no round decimal; the first three tie exactly.
    const boosts = [1, 1, 1, 1 / 3, 1 / 3, 0.7, 0.1, 2 / 7, 2 / 7, 1.9, 0.05, 1 / 3];
    for (const [i, boost] of boosts.entries()) {
      const body = `${w} `.repeat(Math.floor(i / 4));
      await service.index(doc({ title: `${w} number ${i}`, body, boost }));
    }
    const whole = await search(t, { query: w, first: 100 });
    expect(whole.totalCount).toBe(boosts.length);
    const seen: string[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 20; pages++) {
      // Pages of 2 split the three-way tie at the top.
      const page: Awaited<ReturnType<typeof search>> = await search(t, {
        query: w,
        first: 2,
        after,
      });
      expect(page.totalCount).toBe(boosts.length);
      expect(page.pageInfo.hasPreviousPage).toBe(after !== null);
      seen.push(...targetIds(page));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(targetIds(whole));
    const scores = whole.edges.map((e) => e.node.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    expect(new Set(scores).size).toBeLessThanOrEqual(scores.length - 2);
    // Past the end: an empty page that still tells the total.
    const last = await search(t, { query: w, first: 100, after: whole.pageInfo.endCursor });
    expect(last).toMatchObject({ edges: [], totalCount: boosts.length });
  });

  it('returns nothing (and no error) for a query of stop words only, or no match', async () => {
    expect(await search(t, { query: 'the and of' })).toMatchObject({ edges: [], totalCount: 0 });
    expect((await search(t, { query: word() })).totalCount).toBe(0);
  });

  it('refuses empty, blank and overlong queries, bad filters and forged cursors', async () => {
    const code = async (variables: Record<string, unknown>) => {
      const result = await t.gql(SEARCH, variables);
      return { code: result.errors?.[0].extensions?.code, message: result.errors?.[0].message };
    };
    expect(await code({ query: '' })).toEqual({
      code: 'BAD_USER_INPUT',
      message: 'Type something to search for.',
    });
    expect((await code({ query: ' \n\t ' })).code).toBe('BAD_USER_INPUT');
    const long = await code({ query: 'a'.repeat(201) });
    expect(long.code).toBe('BAD_USER_INPUT');
    expect(long.message).toMatch(/at most 200 characters/);
    expect((await code({ query: ` ${'a'.repeat(200)} ` })).code).toBeUndefined();
    expect(
      (
        await code({
          query: 'x',
          filter: { from: '2025-02-01T00:00:00Z', to: '2025-01-01T00:00:00Z' },
        })
      ).code,
    ).toBe('BAD_USER_INPUT');
    expect((await code({ query: 'x', filter: { kinds: ['thread'] } })).code).toBe('BAD_USER_INPUT');
    expect((await code({ query: 'x', first: 101 })).code).toBe('BAD_USER_INPUT');
    expect((await code({ query: 'x', after: 'forged' })).code).toBe('BAD_USER_INPUT');
    const wrongShape = Buffer.from(JSON.stringify(['1; DROP TABLE x', 'nope'])).toString(
      'base64url',
    );
    expect((await code({ query: 'x', after: wrongShape })).code).toBe('BAD_USER_INPUT');
  });
});
