import { startTestApp, TestApp } from '../support/test-app';
import { must } from './discussions-support';

const THREADS = `query($filter: ThreadFilter) { threads(filter: $filter, first: 20, orderBy: NEWEST) {
  totalCount edges { node { id title solved tags space { slug } author { handle }
    acceptedReply { author { handle } feedback { worked } }
    replyTree(limit: 100) { depth body feedback { worked wouldChange risks } author { handle } } } } } }`;
const SPACES = `{ spaces(first: 20) { edges { node { slug name visibility } } } }`;
const LOGIN = `mutation($input: LoginInput!) { login(input: $input) { accessToken } }`;

interface DemoThread {
  title: string;
  solved: boolean;
  space: { slug: string };
  acceptedReply: { author: { handle: string }; feedback: { worked: string | null } | null } | null;
  replyTree: Array<{ depth: number; feedback: unknown }>;
}

describe('discussions: the demo community', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ demoData: true });
  }, 120_000);
  afterAll(() => t?.close());

  it('has spaces and realistic threads with nested answers, feedback and accepted answers', async () => {
    const anonymousSpaces = must(
      await t.gql<{ spaces: { edges: Array<{ node: { slug: string } }> } }>(SPACES),
    );
    expect(anonymousSpaces.spaces.edges.map((e) => e.node.slug).sort()).toEqual([
      'engagement',
      'measurement-roi',
    ]);

    const login = must(
      await t.gql<{ login: { accessToken: string } }>(LOGIN, {
        input: { email: 'noah@roundtable.demo', password: 'roundtable-demo' },
      }),
    );
    const token = login.login.accessToken;
    const spaces = must(
      await t.gql<{ spaces: { edges: Array<{ node: { slug: string } }> } }>(SPACES, {}, token),
    );
    expect(spaces.spaces.edges.map((e) => e.node.slug).sort()).toEqual([
      'career',
      'engagement',
      'governance',
      'measurement-roi',
      'tools',
    ]);
    const threads = must(
      await t.gql<{ threads: { edges: Array<{ node: DemoThread }> } }>(THREADS, {}, token),
    );
    const titles = threads.threads.edges.map((e) => e.node.title);
    for (const topic of [
      /measure engagement/i,
      /onboarding new members/i,
      /moderating conflict/i,
      /ROI to executives/i,
    ]) {
      expect(titles.some((title) => topic.test(title))).toBe(true);
    }
    const roi = threads.threads.edges.map((e) => e.node).find((node) => /ROI/.test(node.title));
    expect(roi).toMatchObject({
      solved: true,
      space: { slug: 'measurement-roi' },
      acceptedReply: { author: { handle: 'kwame-asante' } },
    });
    const all = threads.threads.edges.flatMap((e) => e.node.replyTree);
    expect(Math.max(...all.map((reply) => reply.depth))).toBeGreaterThanOrEqual(3);
    expect(all.filter((reply) => reply.feedback).length).toBeGreaterThanOrEqual(5);
    const anonymous = must(
      await t.gql<{ threads: { edges: Array<{ node: DemoThread }> } }>(THREADS),
    );
    expect(
      anonymous.threads.edges.every((e) =>
        ['engagement', 'measurement-roi'].includes(e.node.space.slug),
      ),
    ).toBe(true);
    const docs = await t.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM search_document WHERE kind IN ('THREAD', 'REPLY')`,
    );
    expect(docs[0].n).toBe(titles.length + all.length);
  });
});
