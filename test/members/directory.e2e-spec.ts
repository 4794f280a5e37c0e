import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';
import { startTestApp, TestApp, TestMember } from '../support/test-app';

const DIRECTORY = `query($filter: MemberFilter, $first: Int, $after: String) {
  members(filter: $filter, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { handle displayName headline organization expertise learning } }
  }
}`;

interface Page {
  members: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: Array<{ node: { handle: string; expertise: string[] } }>;
  };
}

describe('members: the directory', () => {
  let t: TestApp;
  let viewer: TestMember;

  async function member(name: string, profile: Record<string, unknown>): Promise<TestMember> {
    const m = await t.signUp({ displayName: name });
    const result = await t.gql(
      `mutation($input: UpdateProfileInput!) { updateProfile(input: $input) { handle } }`,
      { input: profile },
      m.accessToken,
    );
    expect(result.errors).toBeUndefined();
    return m;
  }

  beforeAll(async () => {
    t = await startTestApp();
    viewer = await t.signUp({ displayName: 'Directory Viewer' });
    await member('Olga Metrics', {
      headline: 'Measuring engagement',
      organization: 'Acme Corp',
      expertise: ['engagement metrics', 'roi'],
      visibility: 'PUBLIC',
    });
    await member('Pat Onboard', {
      organization: 'acme corp',
      expertise: ['onboarding', 'engagement metrics'],
    });
    await member('Quinn Gov', { organization: 'Other Org', expertise: ['governance'] });
  });
  afterAll(() => t?.close());

  it('filters by expertise (all tags), organization (any case) and free text', async () => {
    const both = await t.gql<Page>(
      DIRECTORY,
      { filter: { expertise: ['Engagement Metrics', 'onboarding'] } },
      viewer.accessToken,
    );
    expect(both.data?.members.edges.map((e) => e.node.handle)).toEqual(['pat-onboard']);
    const one = await t.gql<Page>(
      DIRECTORY,
      { filter: { expertise: ['engagement metrics'] } },
      viewer.accessToken,
    );
    expect(one.data?.members.edges.map((e) => e.node.handle).sort()).toEqual([
      'olga-metrics',
      'pat-onboard',
    ]);
    expect(one.data?.members.totalCount).toBe(2);
    const org = await t.gql<Page>(
      DIRECTORY,
      { filter: { organization: 'ACME CORP' } },
      viewer.accessToken,
    );
    expect(org.data?.members.totalCount).toBe(2);
    const text = await t.gql<Page>(
      DIRECTORY,
      { filter: { query: 'measuring' } },
      viewer.accessToken,
    );
    expect(text.data?.members.edges.map((e) => e.node.handle)).toEqual(['olga-metrics']);
    const none = await t.gql<Page>(DIRECTORY, { filter: { query: '100%_' } }, viewer.accessToken);
    expect(none.data?.members.totalCount).toBe(0);
    const anonymous = await t.gql<Page>(DIRECTORY, {
      filter: { expertise: ['engagement metrics'] },
    });
    expect(anonymous.data?.members.edges.map((e) => e.node.handle)).toEqual(['olga-metrics']);
  });

  it('refuses a forged cursor with BAD_USER_INPUT', async () => {
    const result = await t.gql(DIRECTORY, { first: 2, after: 'not-a-cursor' }, viewer.accessToken);
    expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('pages without duplicates or gaps while members join between pages', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let joined = 0;
    for (;;) {
      const page: { data?: Page } = await t.gql<Page>(
        DIRECTORY,
        { first: 2, after },
        viewer.accessToken,
      );
      const members = page.data?.members;
      if (!members) throw new Error('no page');
      seen.push(...members.edges.map((e) => e.node.handle));
      if (!members.pageInfo.hasNextPage) break;
      // Someone joins while we page: they land after everyone already there.
      if (joined < 3) await t.signUp({ displayName: `Late Joiner ${joined++}` });
      after = members.pageInfo.endCursor;
    }
    const all = await t.sql<{ handle: string }>(
      'SELECT handle FROM account WHERE deleted_at IS NULL ORDER BY created_at, id',
    );
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(all.map((row) => row.handle));
  });

  it('costs the same number of SQL statements for 5 and 50 members with tags', async () => {
    // Fifty members with profiles and tags, written directly: hashing 50 passwords is slow.
    await t.sql(`
      WITH a AS (
        INSERT INTO account (email, handle, display_name)
        SELECT 'bulk' || i || '@example.org', 'bulk-' || i, 'Bulk ' || i FROM generate_series(1, 50) i
        RETURNING id, handle),
      p AS (INSERT INTO member_profile (account_id, headline) SELECT id, 'Bulk headline' FROM a),
      t AS (INSERT INTO tag (name) SELECT 'bulk-tag-' || i FROM generate_series(1, 7) i RETURNING id, name)
      INSERT INTO member_tag (account_id, kind, tag_id, position)
      SELECT a.id, 'EXPERTISE', t.id, 0 FROM a JOIN t ON t.name = 'bulk-tag-' || (1 + abs(hashtext(a.handle)) % 7)
    `);
    const spy = jest.spyOn(PostgresQueryRunner.prototype, 'query');
    const count = async (first: number) => {
      spy.mockClear();
      const result = await t.gql<Page>(DIRECTORY, { first }, viewer.accessToken);
      expect(result.data?.members.edges).toHaveLength(first);
      return spy.mock.calls.length;
    };
    const small = await count(5);
    const large = await count(50);
    spy.mockRestore();
    expect(large).toBe(small);
    expect(small).toBeLessThanOrEqual(6);
  });
});
