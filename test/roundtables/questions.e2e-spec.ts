import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';
import { startTestApp, TestApp, TestMember } from '../support/test-app';
import { START, errorOf, makeModerator, quickMembers, register, schedule } from './support';

const SUBMIT = `mutation($input: SubmitQuestionInput!) {
  submitQuestion(input: $input) { id text voteCount viewerHasVoted author { handle } }
}`;
const UPVOTE = `mutation($id: ID!) { upvoteQuestion(questionId: $id) { id voteCount viewerHasVoted } }`;
const QUESTIONS = `query($id: ID!, $orderBy: QuestionOrder, $first: Int, $after: String) {
  roundtable(id: $id) {
    questions(orderBy: $orderBy, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { id text voteCount viewerHasVoted author { handle } } }
    }
  }
}`;

interface Question {
  id: string;
  text: string;
  voteCount: number;
  viewerHasVoted: boolean;
  author: { handle: string } | null;
}
interface QuestionsPage {
  roundtable: {
    questions: {
      totalCount: number;
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
      edges: Array<{ node: Question }>;
    };
  };
}

describe('roundtables: questions before the session', () => {
  let t: TestApp;
  let host: TestMember;
  let cohost: TestMember;

  beforeAll(async () => {
    t = await startTestApp();
    await t.signUp({ displayName: 'First Admin' });
    host = await t.signUp({ displayName: 'Hana Host' });
    cohost = await t.signUp({ displayName: 'Cody Cohost' });
  });
  afterAll(() => t?.close());

  async function ask(roundtableId: string, who: { accessToken: string }, text: string) {
    const result = await t.gql<{ submitQuestion: Question }>(
      SUBMIT,
      { input: { roundtableId, text } },
      who.accessToken,
    );
    if (!result.data) throw new Error(JSON.stringify(result.errors));
    return result.data.submitQuestion;
  }

  const upvote = (id: string, who: { accessToken: string }) =>
    t.gql<{ upvoteQuestion: Question }>(UPVOTE, { id }, who.accessToken);

  it('lets registrants (seated or waitlisted) and facilitators ask; refuses everyone else', async () => {
    const roundtable = await schedule(t, host, {
      capacity: 2,
      facilitatorHandles: [cohost.handle],
    });
    const [seated, seated2, waiting, stranger, moderator] = await quickMembers(t, 5);
    await makeModerator(t, moderator);
    for (const member of [seated, seated2, waiting]) await register(t, roundtable.id, member);

    const question = await ask(roundtable.id, seated, '  How do you count lurkers?  ');
    expect(question).toMatchObject({
      text: 'How do you count lurkers?',
      voteCount: 0,
      viewerHasVoted: false,
      author: { handle: seated.handle },
    });
    await ask(roundtable.id, waiting, 'Is a waitlisted question welcome?');
    await ask(roundtable.id, cohost, 'A facilitator’s own question');
    for (const who of [stranger, moderator]) {
      const refused = await t.gql(
        SUBMIT,
        { input: { roundtableId: roundtable.id, text: 'Let me in' } },
        who.accessToken,
      );
      expect(errorOf(refused)).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_REGISTERED' });
    }
    const anonymous = await t.gql(SUBMIT, {
      input: { roundtableId: roundtable.id, text: 'Hi there' },
    });
    expect(errorOf(anonymous).code).toBe('UNAUTHENTICATED');
  });

  it.each([
    ['too short', 'Hi', 'input.text'],
    ['too long', 'x'.repeat(501), 'input.text'],
    ['blank', '     ', 'input.text'],
  ])('refuses a question %s', async (_what, text, field) => {
    const roundtable = await schedule(t, host);
    const result = await t.gql(
      SUBMIT,
      { input: { roundtableId: roundtable.id, text } },
      host.accessToken,
    );
    expect(errorOf(result).code).toBe('BAD_USER_INPUT');
    expect(Object.keys(errorOf(result).fields)).toEqual([field]);
  });

  it('caps questions at 10 per member and session', async () => {
    const roundtable = await schedule(t, host);
    for (let i = 0; i < 10; i++) await ask(roundtable.id, host, `Question number ${i}`);
    const result = await t.gql(
      SUBMIT,
      { input: { roundtableId: roundtable.id, text: 'One too many' } },
      host.accessToken,
    );
    expect(errorOf(result)).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'TOO_MANY_QUESTIONS' });
  });

  it('counts one upvote per member: a second is CONFLICT; orders by votes, pages by cursor', async () => {
    const roundtable = await schedule(t, host);
    const voters = await quickMembers(t, 3);
    for (const voter of voters) await register(t, roundtable.id, voter);
    const [q1, q2, q3] = [
      await ask(roundtable.id, host, 'First, least voted'),
      await ask(roundtable.id, host, 'Second, most voted'),
      await ask(roundtable.id, host, 'Third, some votes'),
    ];
    for (const voter of voters) expect((await upvote(q2.id, voter)).errors).toBeUndefined();
    const voted = await upvote(q3.id, voters[0]);
    expect(voted.data?.upvoteQuestion).toMatchObject({ voteCount: 1, viewerHasVoted: true });
    await upvote(q3.id, voters[1]);

    const twice = await upvote(q2.id, voters[0]);
    expect(errorOf(twice)).toMatchObject({ code: 'CONFLICT', reason: 'ALREADY_VOTED' });
    // Two racing votes by one member: one counts, the other is CONFLICT.
    const race = await Promise.all([upvote(q1.id, voters[2]), upvote(q1.id, voters[2])]);
    expect(race.filter((result) => result.errors).map((r) => errorOf(r).code)).toEqual([
      'CONFLICT',
    ]);

    const strangers = await quickMembers(t, 1);
    expect(errorOf(await upvote(q1.id, strangers[0])).code).toBe('FORBIDDEN');
    const unknown = await upvote('00000000-0000-4000-8000-000000000000', host);
    expect(errorOf(unknown).code).toBe('NOT_FOUND');

    const page = async (variables: Record<string, unknown>, who = voters[0]) => {
      const result = await t.gql<QuestionsPage>(
        QUESTIONS,
        { id: roundtable.id, ...variables },
        who.accessToken,
      );
      expect(result.errors).toBeUndefined();
      return result.data!.roundtable.questions;
    };
    const byVotes = await page({ orderBy: 'VOTES' });
    expect(byVotes.totalCount).toBe(3);
    expect(
      byVotes.edges.map((e) => [e.node.text, e.node.voteCount, e.node.viewerHasVoted]),
    ).toEqual([
      ['Second, most voted', 3, true],
      ['Third, some votes', 2, true],
      ['First, least voted', 1, false],
    ]);
    const first = await page({ orderBy: 'VOTES', first: 2 });
    expect(first.pageInfo.hasNextPage).toBe(true);
    const rest = await page({ orderBy: 'VOTES', first: 2, after: first.pageInfo.endCursor });
    expect(rest.edges.map((e) => e.node.id)).toEqual([q1.id]);
    expect(rest.pageInfo.hasNextPage).toBe(false);
    const newest = await page({ orderBy: 'NEWEST', first: 2 });
    expect(newest.edges.map((e) => e.node.id)).toEqual([q3.id, q2.id]);
    const older = await page({ orderBy: 'NEWEST', after: newest.pageInfo.endCursor });
    expect(older.edges.map((e) => e.node.id)).toEqual([q1.id]);
    // A cursor of one order is refused by the other.
    const mixed = await t.gql(
      QUESTIONS,
      { id: roundtable.id, orderBy: 'NEWEST', after: first.pageInfo.endCursor },
      host.accessToken,
    );
    expect(errorOf(mixed).code).toBe('BAD_USER_INPUT');
  });

  it('closes questions once the session is LIVE', async () => {
    const roundtable = await schedule(t, host);
    const question = await ask(roundtable.id, host, 'Asked in time');
    await t.gql(START, { id: roundtable.id }, host.accessToken);
    const late = await t.gql(
      SUBMIT,
      { input: { roundtableId: roundtable.id, text: 'Asked too late' } },
      host.accessToken,
    );
    expect(errorOf(late)).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'WRONG_STATE' });
    expect(errorOf(await upvote(question.id, host)).reason).toBe('WRONG_STATE');
  });

  it('hides authors in Chatham House sessions from all but the author and moderators', async () => {
    const roundtable = await schedule(t, host, { chathamHouse: true });
    const [author, reader, moderator] = await quickMembers(t, 3);
    await makeModerator(t, moderator);
    await register(t, roundtable.id, author);
    await ask(roundtable.id, author, 'Said under the rule');
    const authorOf = async (who: { accessToken: string }) => {
      const result = await t.gql<QuestionsPage>(QUESTIONS, { id: roundtable.id }, who.accessToken);
      return result.data!.roundtable.questions.edges[0].node.author;
    };
    expect(await authorOf(reader)).toBeNull();
    expect(await authorOf(host)).toBeNull();
    expect(await authorOf(author)).toEqual({ handle: author.handle });
    expect(await authorOf(moderator)).toEqual({ handle: author.handle });
  });

  it('costs the same statements for the questions of 2 or 8 roundtables in a list', async () => {
    const [reader] = await quickMembers(t, 1);
    await t.sql(
      `WITH r AS (
         INSERT INTO roundtable (host_id, title, description, starts_at, duration_minutes, capacity, agenda, tags)
         SELECT $1, 'Asked ' || i, '', now() + make_interval(days => 30 + i), 60, 10,
                '[{"title":"All","minutes":60}]', ARRAY['asked']
           FROM generate_series(1, 8) i
         RETURNING id)
       INSERT INTO roundtable_question (roundtable_id, author_id, text, vote_count)
       SELECT r.id, $1, 'Question ' || q, q FROM r CROSS JOIN generate_series(1, 3) q`,
      [host.id],
    );
    const list = `query($first: Int) {
      roundtables(first: $first, filter: { tag: "asked" }) { edges { node { title
        questions(first: 2) { totalCount edges { node { text voteCount viewerHasVoted author { handle } } } }
      } } }
    }`;
    type Listed = {
      roundtables: {
        edges: Array<{ node: { questions: QuestionsPage['roundtable']['questions'] } }>;
      };
    };
    const spy = jest.spyOn(PostgresQueryRunner.prototype, 'query');
    const count = async (first: number) => {
      spy.mockClear();
      const result = await t.gql<Listed>(list, { first }, reader.accessToken);
      expect(result.errors).toBeUndefined();
      const edges = result.data!.roundtables.edges;
      expect(edges).toHaveLength(first);
      for (const edge of edges) {
        expect(edge.node.questions.totalCount).toBe(3);
        expect(edge.node.questions.edges.map((e) => e.node.voteCount)).toEqual([3, 2]);
      }
      return spy.mock.calls.length;
    };
    const small = await count(2);
    const large = await count(8);
    spy.mockRestore();
    expect(large).toBe(small);
  });
});
