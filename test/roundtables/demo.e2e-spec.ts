import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { OperationDefinitionNode, parse, validate } from 'graphql';
import { DEMO_PASSWORD, StartupState } from '@app/core';
import { startTestApp, TestApp } from '../support/test-app';

const DEMO = `{
  roundtables(filter: { upcoming: true }) {
    totalCount
    edges { node {
      title state startsAt tags host { handle } facilitators { handle }
      registeredCount waitlistCount
      questions(orderBy: VOTES) { totalCount edges { node { text voteCount } } }
    } }
  }
}`;

interface Demo {
  roundtables: {
    totalCount: number;
    edges: Array<{
      node: {
        title: string;
        state: string;
        startsAt: string;
        tags: string[];
        host: { handle: string };
        facilitators: Array<{ handle: string }>;
        registeredCount: number;
        waitlistCount: number;
        questions: {
          totalCount: number;
          edges: Array<{ node: { text: string; voteCount: number } }>;
        };
      };
    }>;
  };
}

describe('roundtables: the demo community', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
    await t.app.get(StartupState).runDemoSeeders();
  });
  afterAll(() => t?.close());

  async function tokenOf(name: string): Promise<string> {
    const login = await t.gql<{ login: { accessToken: string } }>(
      `mutation($input: LoginInput!) { login(input: $input) { accessToken } }`,
      { input: { email: `${name}@roundtable.demo`, password: DEMO_PASSWORD } },
    );
    if (!login.data) throw new Error(JSON.stringify(login.errors));
    return login.data.login.accessToken;
  }

  it('has upcoming roundtables with registrations, a waitlist and voted questions; seeding twice adds nothing', async () => {
    const token = await tokenOf('noah');
    const first = await t.gql<Demo>(DEMO, {}, token);
    expect(first.errors).toBeUndefined();
    const roundtables = first.data!.roundtables;
    const roi = roundtables.edges.find(
      (e) => e.node.title === 'Proving community ROI to executives',
    );
    expect(roi?.node).toMatchObject({
      state: 'SCHEDULED',
      tags: ['roi', 'engagement metrics'],
      host: { handle: 'kwame-asante' },
      facilitators: [{ handle: 'kwame-asante' }, { handle: 'grace-liu' }],
      registeredCount: 7,
      waitlistCount: 0,
    });
    expect(new Date(roi!.node.startsAt).getTime()).toBeGreaterThan(Date.now() + 86_400_000);
    expect(roi?.node.questions.edges.map((e) => e.node.voteCount)).toEqual([4, 2, 1]);
    const small = roundtables.edges.find(
      (e) => e.node.title === 'The first 30 days of a new member',
    );
    expect(small?.node).toMatchObject({ registeredCount: 3, waitlistCount: 2 });

    await t.app.get(StartupState).runDemoSeeders();
    const again = await t.gql<Demo>(DEMO, {}, token);
    expect(again.data?.roundtables.totalCount).toBe(roundtables.totalCount);
  });

  it('runs the examples of docs/roundtables.md as written', async () => {
    const doc = readFileSync(resolve(__dirname, '..', '..', 'docs', 'roundtables.md'), 'utf8');
    const schema = t.app.get(GraphQLSchemaHost).schema;
    const operations = new Map<string, string>();
    let scheduleVariables: Record<string, unknown> | null = null;
    let lastOperation = '';
    for (const [, lang, text] of doc.matchAll(/```(graphql|json)\n([\s\S]*?)```/g)) {
      if (lang === 'json') {
        if (lastOperation === 'Schedule') scheduleVariables = JSON.parse(text);
        continue;
      }
      const document = parse(text);
      expect(validate(schema, document).map((error) => error.message)).toEqual([]);
      lastOperation = (document.definitions[0] as OperationDefinitionNode).name?.value ?? '';
      operations.set(lastOperation, text);
    }
    const [kwame, noah] = [await tokenOf('kwame'), await tokenOf('noah')];
    const run = async <T = Record<string, unknown>>(
      name: string,
      variables: Record<string, unknown>,
      token: string,
    ): Promise<T> => {
      const query = operations.get(name);
      if (!query) throw new Error(`docs/roundtables.md lost its ${name} example`);
      const result = await t.gql<T>(query, variables, token);
      if (!result.data || result.errors) {
        throw new Error(`${name}: ${JSON.stringify(result.errors)}`);
      }
      return result.data;
    };

    expect(scheduleVariables).not.toBeNull();
    const { scheduleRoundtable } = await run<{ scheduleRoundtable: { id: string } }>(
      'Schedule',
      scheduleVariables!,
      kwame,
    );
    const id = scheduleRoundtable.id;
    await run('Reschedule', { id }, kwame);
    await run('Upcoming', { after: null }, noah);
    await run('Register', { id }, noah);
    const asked = await run<{ submitQuestion: { id: string } }>('Ask', { roundtableId: id }, noah);
    await run('Upvote', { questionId: asked.submitQuestion.id }, kwame);
    await run('Roundtable', { id }, noah);
    await run('Leave', { id }, noah);
    await run('MyCalendar', {}, noah);
    await run('NewCalendarAddress', {}, noah);
    await run('Start', { id }, kwame);
    await run('End', { id }, kwame);
    const other = await run<{ scheduleRoundtable: { id: string } }>(
      'Schedule',
      scheduleVariables!,
      kwame,
    );
    await run('Cancel', { id: other.scheduleRoundtable.id }, kwame);

    // The curl example's body, as written.
    const curl = /gql '(\{"query":"mutation\(\$input: ScheduleRoundtableInput[^']*)'/.exec(doc);
    expect(curl).not.toBeNull();
    const body = JSON.parse(curl![1]) as { query: string; variables: Record<string, unknown> };
    const fromCurl = await t.gql(body.query, body.variables, kwame);
    expect(fromCurl.errors).toBeUndefined();
  });
});
