import { startTestApp, TestApp } from '../support/test-app';
import { must } from './support';

const LOGIN = `mutation($input: LoginInput!) { login(input: $input) { accessToken } }`;
const COLLECTIONS = `{ collections(first: 10) { edges { node {
  slug title status entries { kind available content { title author { handle } } }
} } } }`;

interface DemoCollection {
  slug: string;
  title: string;
  status: string;
  entries: Array<{ kind: string; available: boolean; content: { title: string } | null }>;
}

describe('archive: the demo community', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ demoData: true });
  }, 120_000);
  afterAll(() => t?.close());

  it('has two published collections built from the demo threads, one with a recap', async () => {
    const token = must(
      await t.gql<{ login: { accessToken: string } }>(LOGIN, {
        input: { email: 'noah@roundtable.demo', password: 'roundtable-demo' },
      }),
    ).login.accessToken;
    const collections = must(
      await t.gql<{ collections: { edges: Array<{ node: DemoCollection }> } }>(
        COLLECTIONS,
        {},
        token,
      ),
    ).collections.edges.map((edge) => edge.node);
    const bySlug = new Map(collections.map((c) => [c.slug, c]));
    const roi = bySlug.get('proving-community-roi');
    expect(roi).toMatchObject({ title: 'Proving community ROI', status: 'PUBLISHED' });
    expect(roi?.entries.map((e) => e.kind)).toEqual(['THREAD', 'REPLY', 'THREAD', 'REPLY']);
    expect(roi?.entries.every((e) => e.available)).toBe(true);
    expect(roi?.entries[0].content?.title).toMatch(/ROI to executives/);
    const healthy = bySlug.get('healthy-communities');
    expect(healthy?.status).toBe('PUBLISHED');
    expect(healthy?.entries.map((e) => e.kind)).toContain('RECAP');
    const recap = healthy?.entries.find((e) => e.kind === 'RECAP');
    expect(recap).toMatchObject({
      available: true,
      content: { title: 'Moderation burnout: what actually helps' },
    });
  });
});
