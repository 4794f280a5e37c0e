import { SearchError } from './search.errors';
import { checkSearchQuery, normaliseSearchTag, toSearchConnection } from './search.service';
import { SearchRow } from './search.sql';

describe('search: query checks and result shaping', () => {
  it('trims the query and refuses blank or overlong ones with SearchError', () => {
    expect(checkSearchQuery('  "measuring engagement" -churn ')).toBe(
      '"measuring engagement" -churn',
    );
    expect(() => checkSearchQuery(' \t\n')).toThrow(SearchError);
    expect(() => checkSearchQuery('x'.repeat(201))).toThrow(/at most 200 characters/);
    expect(checkSearchQuery(` ${'x'.repeat(200)} `)).toHaveLength(200);
  });

  it('normalises tags like stored ones', () => {
    expect(normaliseSearchTag('  Engagement   Metrics ')).toBe('engagement metrics');
  });

  it('keeps the rank text in the cursor and reports the total of an empty page', () => {
    const row: SearchRow = {
      total_count: 3,
      rank: '0.33333334',
      id: '7d3c1f9e-2a4b-4c5d-8e6f-0a1b2c3d4e5f',
      kind: 'THREAD',
      target_id: '1d3c1f9e-2a4b-4c5d-8e6f-0a1b2c3d4e5f',
      title: 'T',
      snippet: 'S',
      link: '/t',
      created_at: new Date(0),
      hidden: false,
      space_slug: null,
      tags: [],
      solved: null,
    };
    const page = toSearchConnection([row, { ...row, id: row.target_id }], 1, false);
    expect(page.pageInfo.hasNextPage).toBe(true);
    const cursor = page.edges[0].cursor;
    expect(JSON.parse(Buffer.from(cursor, 'base64url').toString())).toEqual(['0.33333334', row.id]);
    const empty = toSearchConnection([{ ...row, id: null, rank: null }], 20, true);
    expect(empty).toMatchObject({ edges: [], totalCount: 3, pageInfo: { hasNextPage: false } });
  });
});
