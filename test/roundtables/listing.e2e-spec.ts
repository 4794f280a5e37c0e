import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';
import { startTestApp, TestApp, TestMember } from '../support/test-app';
import { CANCEL, errorOf, inDays, register, schedule } from './support';

const LIST = `query($filter: RoundtableFilter, $first: Int, $after: String) {
  roundtables(filter: $filter, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage endCursor }
    edges { cursor node {
      id title startsAt state tags agenda { title minutes }
      host { handle displayName headline }
      facilitators { handle displayName headline expertise }
      registeredCount waitlistCount seatsLeft viewerIsFacilitator
      myRegistration { status position }
      previous { id title }
    } }
  }
}`;

interface Page {
  roundtables: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null };
    edges: Array<{ node: { id: string; title: string; startsAt: string; state: string } }>;
  };
}

describe('roundtables: the list', () => {
  let t: TestApp;
  let host: TestMember;
  let cohost: TestMember;
  let viewer: TestMember;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp();
    await t.signUp({ displayName: 'First Admin' });
    host = await t.signUp({ displayName: 'Hana Host' });
    cohost = await t.signUp({ displayName: 'Cody Cohost' });
    viewer = await t.signUp({ displayName: 'Vera Viewer' });
    ids.roi = (await schedule(t, host, { title: 'ROI', startsAt: inDays(1), tags: ['roi'] })).id;
    ids.gov = (
      await schedule(t, cohost, {
        title: 'Governance',
        startsAt: inDays(2),
        tags: ['governance'],
        facilitatorHandles: [host.handle],
      })
    ).id;
    ids.onboarding = (
      await schedule(t, cohost, { title: 'Onboarding', startsAt: inDays(3), tags: ['onboarding'] })
    ).id;
    ids.cancelled = (await schedule(t, host, { title: 'Cancelled', startsAt: inDays(4) })).id;
    await t.gql(CANCEL, { id: ids.cancelled, reason: 'No' }, host.accessToken);
    await register(t, ids.gov, viewer);
  });
  afterAll(() => t?.close());

  async function titles(filter: Record<string, unknown>): Promise<string[]> {
    const result = await t.gql<Page>(LIST, { filter }, viewer.accessToken);
    expect(result.errors).toBeUndefined();
    return result.data!.roundtables.edges.map((edge) => edge.node.title);
  }

  it('lists soonest first and filters by state, upcoming, tag, facilitator and registration', async () => {
    expect(await titles({})).toEqual(['ROI', 'Governance', 'Onboarding', 'Cancelled']);
    expect(await titles({ state: 'CANCELLED' })).toEqual(['Cancelled']);
    expect(await titles({ upcoming: true })).toEqual(['ROI', 'Governance', 'Onboarding']);
    expect(await titles({ upcoming: false })).toEqual(['Cancelled']);
    expect(await titles({ tag: ' Governance ' })).toEqual(['Governance']);
    expect(await titles({ facilitatorHandle: host.handle })).toEqual([
      'ROI',
      'Governance',
      'Cancelled',
    ]);
    expect(await titles({ facilitatorHandle: cohost.handle.toUpperCase() })).toEqual([
      'Governance',
      'Onboarding',
    ]);
    expect(await titles({ registered: true })).toEqual(['Governance']);
    expect(await titles({ registered: false, upcoming: true })).toEqual(['ROI', 'Onboarding']);
    expect(await titles({ tag: 'nothing-has-this' })).toEqual([]);
  });

  it('refuses bad filters and cursors with BAD_USER_INPUT, and anonymous readers', async () => {
    const tag = await t.gql(LIST, { filter: { tag: '<b>' } }, viewer.accessToken);
    expect(errorOf(tag).code).toBe('BAD_USER_INPUT');
    const state = await t.gql(LIST, { filter: { state: 'SOON' } }, viewer.accessToken);
    expect(errorOf(state).code).toBe('BAD_USER_INPUT');
    const cursor = await t.gql(LIST, { after: 'bm90IGEgY3Vyc29y' }, viewer.accessToken);
    expect(errorOf(cursor).code).toBe('BAD_USER_INPUT');
    expect(errorOf(await t.gql(LIST, {})).code).toBe('UNAUTHENTICATED');
  });

  it('pages by cursor without gaps or repeats, even with sessions at the same instant', async () => {
    const same = inDays(5);
    for (let i = 0; i < 3; i++)
      await schedule(t, host, { title: `Same time ${i}`, startsAt: same });
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const result: { data?: Page } = await t.gql<Page>(
        LIST,
        { first: 2, after },
        viewer.accessToken,
      );
      const page = result.data!.roundtables;
      expect(page.totalCount).toBe(7);
      expect(page.pageInfo.hasPreviousPage).toBe(after !== null);
      seen.push(...page.edges.map((edge) => edge.node.id));
      pages++;
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(pages).toBe(4);
    expect(new Set(seen).size).toBe(7);
    const ordered = await t.sql<{ id: string }>('SELECT id FROM roundtable ORDER BY starts_at, id');
    expect(seen).toEqual(ordered.map((row) => row.id));
  });

  it('costs the same number of SQL statements for 5 and 50 roundtables with every field', async () => {
    // 50 more sessions with two facilitators, registrations and a series link, written directly.
    await t.sql(
      `WITH r AS (
         INSERT INTO roundtable (host_id, title, description, starts_at, duration_minutes, capacity, agenda, tags, previous_id)
         SELECT $1, 'Bulk ' || i, '', now() + make_interval(days => 10 + i), 60, 10,
                '[{"title":"All","minutes":60}]', ARRAY['bulk'], $4::uuid
           FROM generate_series(1, 50) i
         RETURNING id),
       f AS (
         INSERT INTO roundtable_facilitator (roundtable_id, account_id, position)
         SELECT id, $1, 0 FROM r UNION ALL SELECT id, $2, 1 FROM r)
       INSERT INTO roundtable_registration (roundtable_id, account_id, status)
       SELECT id, $3, 'REGISTERED' FROM r`,
      [host.id, cohost.id, viewer.id, ids.roi],
    );
    const spy = jest.spyOn(PostgresQueryRunner.prototype, 'query');
    const count = async (first: number) => {
      spy.mockClear();
      const result = await t.gql<Page>(
        LIST,
        { first, filter: { tag: 'bulk' } },
        viewer.accessToken,
      );
      expect(result.errors).toBeUndefined();
      expect(result.data?.roundtables.edges).toHaveLength(first);
      return spy.mock.calls.length;
    };
    const small = await count(5);
    const large = await count(50);
    spy.mockRestore();
    expect(large).toBe(small);
    // Token check, page, count, facilitators, accounts, profiles, member tags, seat counts, the
    // viewer's registration, previous.
    expect(small).toBeLessThanOrEqual(10);
  });
});
