import { END, makeModerator, quickMembers } from '../roundtables/support';
import { act, expectOk, liveRoom, sleep } from '../room/activities-support';
import { startTestApp, TestApp } from '../support/test-app';
import { codeOf, createCollection, must, reasonOf, uniqueSlug } from './support';

const RECAP_FIELDS = `id roundtableId title summary summaryHtml status chathamHouse publishedAt body
  sections { title startedAt endedAt moments { seq text reactions author { handle } } }
  takeaways { text author { handle } }
  answeredQuestions { id text answer votes author { handle } }
  unansweredQuestions { id text votes author { handle } thread { id title kind } }
  polls { question total options { text votes percent } }
  attendance { joinedCount minutesPresent }`;

const DRAFT = `mutation($id: ID!) { draftRecap(roundtableId: $id) { ${RECAP_FIELDS} } }`;
const UPDATE = `mutation($input: UpdateRecapInput!) { updateRecap(input: $input) { ${RECAP_FIELDS} } }`;
const PUBLISH = `mutation($input: PublishRecapInput!) { publishRecap(input: $input) { ${RECAP_FIELDS} } }`;
const RECAP = `query($id: ID!) { recap(id: $id) { ${RECAP_FIELDS} } }`;
const OPEN = `mutation($input: OpenQuestionsAsThreadsInput!) {
  openQuestionsAsThreads(input: $input) { ${RECAP_FIELDS} }
}`;

interface Person {
  handle: string;
}
interface Recap {
  id: string;
  title: string;
  summaryHtml: string;
  status: string;
  chathamHouse: boolean;
  body: string;
  sections: Array<{
    title: string;
    moments: Array<{ seq: number; text: string; reactions: number; author: Person | null }>;
  }>;
  takeaways: Array<{ text: string; author: Person | null }>;
  answeredQuestions: Array<{
    id: string;
    text: string;
    answer: string | null;
    votes: number;
    author: Person | null;
  }>;
  unansweredQuestions: Array<{
    id: string;
    text: string;
    votes: number;
    author: Person | null;
    thread: { id: string; title: string; kind: string } | null;
  }>;
  polls: Array<{
    question: string;
    total: number;
    options: Array<{ text: string; votes: number }>;
  }>;
  attendance: { joinedCount: number; minutesPresent: number };
}

describe('archive: roundtable recaps', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await t.signUp({ displayName: 'Site Admin' });
  });
  afterAll(() => t?.close());

  /** A session with questions, takeaways, a poll, reacted messages; ended, its record written. */
  async function endedSession(chathamHouse: boolean) {
    const room = await liveRoom(t, {
      members: 2,
      chathamHouse,
      agenda: [
        { title: 'Where we measure', minutes: 20 },
        { title: 'What we report', minutes: 40 },
      ],
    });
    const [a, b] = room.members;
    const sessionId = room.id;
    const answered = expectOk(
      await act<{ questionId: string }>(a, 'question.ask', {
        sessionId,
        text: 'Which metric first?',
      }),
    );
    expectOk(await act(b, 'question.upvote', { sessionId, questionId: answered.questionId }));
    expectOk(
      await act(room.host, 'question.answer', {
        sessionId,
        questionId: answered.questionId,
        answer: 'Retention, then deflection.',
      }),
    );
    const open = expectOk(
      await act<{ questionId: string }>(b, 'question.ask', {
        sessionId,
        text: 'How do you value community events?',
      }),
    );
    const pinned = expectOk(
      await act<{ takeawayId: string }>(a, 'takeaway.add', {
        sessionId,
        text: 'Start with one metric',
      }),
    );
    expectOk(await act(room.host, 'takeaway.pin', { sessionId, takeawayId: pinned.takeawayId }));
    const poll = expectOk(
      await act<{ pollId: string }>(room.host, 'poll.open', {
        sessionId,
        question: 'Do you report monthly?',
        options: ['Yes', 'No'],
      }),
    );
    expectOk(await act(a, 'poll.vote', { sessionId, pollId: poll.pollId, option: 1 }));
    expectOk(await act(room.host, 'poll.close', { sessionId, pollId: poll.pollId }));
    const loved = expectOk(
      await act<{ seq: number }>(a, 'message.send', {
        sessionId,
        clientId: 'm1',
        text: 'Dashboards lie',
      }),
    );
    expectOk(
      await act(b, 'message.send', { sessionId, clientId: 'm2', text: 'Nobody reacts to me' }),
    );
    expectOk(await act(b, 'reaction.send', { sessionId, emoji: '🔥', seq: loved.seq }));
    expectOk(await act(room.host, 'reaction.send', { sessionId, emoji: '👍', seq: loved.seq }));
    must(await t.gql(END, { id: sessionId }, room.host.accessToken));
    for (let i = 0; i < 50; i++) {
      const [row] = await t.sql(`SELECT 1 FROM room_record WHERE roundtable_id = $1`, [sessionId]);
      if (row) return { room, answeredId: answered.questionId, openId: open.questionId };
      await sleep(100);
    }
    throw new Error('no record within 5 s');
  }

  it('drafts a recap from a real ended session: sections, moments, takeaways, answers, polls, attendance', async () => {
    const { room, answeredId, openId } = await endedSession(false);
    const [a, b] = room.members;
    expect(codeOf(await t.gql(DRAFT, { id: room.id }, a.accessToken))).toBe('FORBIDDEN');
    const drafted = must(
      await t.gql<{ draftRecap: Recap }>(DRAFT, { id: room.id }, room.host.accessToken),
    ).draftRecap;
    expect(drafted).toMatchObject({
      status: 'DRAFT',
      chathamHouse: false,
      title: 'Proving community ROI',
      takeaways: [{ text: 'Start with one metric', author: { handle: a.handle } }],
      answeredQuestions: [
        {
          id: answeredId,
          text: 'Which metric first?',
          answer: 'Retention, then deflection.',
          votes: 1,
          author: { handle: a.handle },
        },
      ],
      unansweredQuestions: [
        {
          id: openId,
          text: 'How do you value community events?',
          author: { handle: b.handle },
          thread: null,
        },
      ],
      polls: [{ question: 'Do you report monthly?', total: 1 }],
      attendance: { joinedCount: 3 },
    });
    expect(drafted.sections.map((s) => s.title)).toEqual(['Where we measure', 'What we report']);
    const moments = drafted.sections.flatMap((s) => s.moments);
    expect(moments).toEqual([
      {
        seq: expect.any(Number),
        text: 'Dashboards lie',
        reactions: 2,
        author: { handle: a.handle },
      },
    ]);
    expect(drafted.body).toContain('Retention, then deflection.');

    const again = await t.gql(DRAFT, { id: room.id }, room.host.accessToken);
    expect([codeOf(again), reasonOf(again)]).toEqual(['CONFLICT', 'RECAP_EXISTS']);
    // Drafts are for moderators and the session's facilitators.
    expect(
      must(await t.gql<{ recap: Recap | null }>(RECAP, { id: drafted.id }, a.accessToken)).recap,
    ).toBeNull();
    const [mod] = await quickMembers(t, 1);
    await makeModerator(t, mod);
    expect(
      must(await t.gql<{ recap: Recap }>(RECAP, { id: drafted.id }, mod.accessToken)).recap.id,
    ).toBe(drafted.id);
  });

  it('carries no names for a Chatham House session', async () => {
    const { room } = await endedSession(true);
    const drafted = must(
      await t.gql<{ draftRecap: Recap }>(DRAFT, { id: room.id }, room.host.accessToken),
    ).draftRecap;
    expect(drafted.chathamHouse).toBe(true);
    expect(drafted.takeaways.map((x) => x.author)).toEqual([null]);
    expect(
      [...drafted.answeredQuestions, ...drafted.unansweredQuestions].map((q) => q.author),
    ).toEqual([null, null]);
    expect(drafted.sections.flatMap((s) => s.moments.map((m) => m.author))).toEqual([null]);
    const everything = JSON.stringify(drafted);
    for (const person of [room.host, ...room.members])
      expect(everything).not.toContain(person.handle);
    expect(drafted.body).toContain('Chatham House');
  });

  it('refuses a session that has not ended, and unknown roundtables', async () => {
    const room = await liveRoom(t, { members: 1 });
    const live = await t.gql(DRAFT, { id: room.id }, room.host.accessToken);
    expect([codeOf(live), reasonOf(live)]).toEqual(['BAD_USER_INPUT', 'SESSION_NOT_ENDED']);
    const unknown = await t.gql(
      DRAFT,
      { id: '00000000-0000-4000-8000-000000000000' },
      room.host.accessToken,
    );
    expect(codeOf(unknown)).toBe('NOT_FOUND');
  });

  it('edits, publishes into collections, finds in search, and opens unanswered questions as threads with invitations', async () => {
    const { room, answeredId, openId } = await endedSession(false);
    const host = room.host;
    const [mod, expert, novice] = await quickMembers(t, 3);
    await makeModerator(t, mod);
    for (const [who, expertise] of [
      [expert, ['ROI']],
      [novice, ['onboarding']],
    ] as const) {
      must(
        await t.gql(
          `mutation($input: UpdateProfileInput!) { updateProfile(input: $input) { handle } }`,
          { input: { expertise } },
          who.accessToken,
        ),
      );
    }
    const recap = must(
      await t.gql<{ draftRecap: Recap }>(DRAFT, { id: room.id }, host.accessToken),
    ).draftRecap;
    expect(
      codeOf(
        await t.gql(
          UPDATE,
          { input: { recapId: recap.id, summary: 'x' } },
          room.members[0].accessToken,
        ),
      ),
    ).toBe('FORBIDDEN');
    const edited = must(
      await t.gql<{ updateRecap: Recap }>(
        UPDATE,
        {
          input: {
            recapId: recap.id,
            title: 'ROI roundtable: the recap',
            summary: 'A **lively** session.',
          },
        },
        host.accessToken,
      ),
    ).updateRecap;
    expect(edited.summaryHtml).toBe('<p>A <strong>lively</strong> session.</p>');
    expect(edited.body.startsWith('A **lively** session.')).toBe(true);

    const space = uniqueSlug('recap-space');
    must(
      await t.gql(
        `mutation($input: CreateSpaceInput!) { createSpace(input: $input) { slug } }`,
        { input: { name: 'Recap space', slug: space } },
        mod.accessToken,
      ),
    );
    const openInput = { recapId: recap.id, spaceSlug: space, questionIds: [openId] };
    const early = await t.gql(OPEN, { input: openInput }, host.accessToken);
    expect([codeOf(early), reasonOf(early)]).toEqual(['BAD_USER_INPUT', 'RECAP_NOT_PUBLISHED']);

    const curated = await createCollection(t, mod);
    const notCurator = await t.gql(
      PUBLISH,
      { input: { recapId: recap.id, collectionSlugs: [curated.slug] } },
      host.accessToken,
    );
    expect(codeOf(notCurator)).toBe('FORBIDDEN');
    const published = must(
      await t.gql<{ publishRecap: Recap }>(
        PUBLISH,
        { input: { recapId: recap.id, collectionSlugs: [curated.slug] } },
        mod.accessToken,
      ),
    ).publishRecap;
    expect(published.status).toBe('PUBLISHED');
    const reader = (await quickMembers(t, 1))[0];
    expect(
      must(await t.gql<{ recap: Recap }>(RECAP, { id: recap.id }, reader.accessToken)).recap.title,
    ).toBe('ROI roundtable: the recap');
    const entries = must(
      await t.gql<{
        collection: {
          entries: Array<{
            kind: string;
            recapId: string;
            content: { title: string; body: string; author: null };
          }>;
        };
      }>(
        `query($slug: String!) { collection(slug: $slug) { entries { kind recapId content { title body author { handle } } } } }`,
        { slug: curated.slug },
        mod.accessToken,
      ),
    ).collection.entries;
    expect(entries).toEqual([
      {
        kind: 'RECAP',
        recapId: recap.id,
        content: {
          title: 'ROI roundtable: the recap',
          body: expect.stringContaining('Retention, then deflection.'),
          author: null,
        },
      },
    ]);
    const found = must(
      await t.gql<{
        search: { edges: Array<{ node: { kind: string; targetId: string; link: string } }> };
      }>(
        `query($q: String!) { search(query: $q, filter: { kinds: ["RECAP"] }) { edges { node { kind targetId link } } } }`,
        { q: 'deflection' },
        reader.accessToken,
      ),
    ).search.edges.map((e) => e.node);
    expect(found).toEqual([{ kind: 'RECAP', targetId: recap.id, link: `/recaps/${recap.id}` }]);

    // Nothing asked is lost.
    const notOpen = await t.gql(
      OPEN,
      { input: { ...openInput, questionIds: [answeredId] } },
      host.accessToken,
    );
    expect([codeOf(notOpen), reasonOf(notOpen)]).toEqual(['BAD_USER_INPUT', 'QUESTION_NOT_OPEN']);
    expect(codeOf(await t.gql(OPEN, { input: openInput }, reader.accessToken))).toBe('FORBIDDEN');
    const opened = must(
      await t.gql<{ openQuestionsAsThreads: Recap }>(OPEN, { input: openInput }, host.accessToken),
    ).openQuestionsAsThreads;
    const thread = opened.unansweredQuestions[0].thread;
    expect(thread).toMatchObject({ title: 'How do you value community events?', kind: 'QUESTION' });
    const body = must(
      await t.gql<{ thread: { body: string; tags: string[]; space: { slug: string } } }>(
        `query($id: ID!) { thread(id: $id) { body tags space { slug } } }`,
        { id: thread?.id },
        reader.accessToken,
      ),
    ).thread;
    expect(body.body).toContain(`(/recaps/${recap.id})`);
    expect(body.space.slug).toBe(space);
    expect(body.tags).toContain('roi');
    // Invitations go to matching expertise only, once.
    await sleep(200);
    const invites = (who: { id: string }) =>
      t.sql(`SELECT link FROM notification WHERE recipient_id = $1 AND kind = 'PEER_INVITATION'`, [
        who.id,
      ]);
    expect(await invites(expert)).toEqual([{ link: `/threads/${thread?.id}` }]);
    expect(await invites(novice)).toEqual([]);
    const twice = must(
      await t.gql<{ openQuestionsAsThreads: Recap }>(OPEN, { input: openInput }, host.accessToken),
    ).openQuestionsAsThreads;
    expect(twice.unansweredQuestions[0].thread?.id).toBe(thread?.id);
    expect(await invites(expert)).toHaveLength(1);
  });

  it('a message hidden after the end leaves the record and the published recap; restored, the record only', async () => {
    const { room } = await endedSession(false);
    const [mod] = await quickMembers(t, 1);
    await makeModerator(t, mod);
    const drafted = must(
      await t.gql<{ draftRecap: Recap & { id: string } }>(
        DRAFT,
        { id: room.id },
        room.host.accessToken,
      ),
    ).draftRecap;
    must(
      await t.gql(
        PUBLISH,
        { input: { recapId: drafted.id, collectionSlugs: [] } },
        mod.accessToken,
      ),
    );
    const [loved] = drafted.sections.flatMap((s) => s.moments);
    const TRANSCRIPT = `query($id: ID!) { roundtable(id: $id) { record { transcript { seq text author { handle } } } } }`;
    type Transcript = {
      roundtable: {
        record: {
          transcript: Array<{ seq: number; text: string; author: { handle: string } | null }>;
        };
      };
    };
    const transcript = async () =>
      must(await t.gql<Transcript>(TRANSCRIPT, { id: room.id }, room.host.accessToken)).roundtable
        .record.transcript;
    const before = await transcript();
    expect(before.map((m) => m.text)).toEqual(['Dashboards lie', 'Nobody reacts to me']);
    const found = async () =>
      must(
        await t.gql<{ search: { edges: Array<{ node: { targetId: string } }> } }>(
          `query { search(query: "dashboards", filter: { kinds: ["RECAP"] }) {
             edges { node { targetId } } } }`,
          {},
          mod.accessToken,
        ),
      ).search.edges.map((edge) => edge.node.targetId);
    expect(await found()).toContain(drafted.id);

    const message = { roundtableId: room.id, seq: loved.seq };
    const hide = `mutation($input: HideContentInput!) { hideContent(input: $input) { id } }`;
    must(
      await t.gql(
        hide,
        { input: { roundtableMessage: message, reason: 'Abuse' } },
        mod.accessToken,
      ),
    );
    expect((await transcript()).map((m) => m.text)).toEqual(['Nobody reacts to me']);
    const recap = must(
      await t.gql<{ recap: Recap }>(RECAP, { id: drafted.id }, room.host.accessToken),
    ).recap;
    expect(recap.sections.flatMap((s) => s.moments)).toEqual([]);
    expect(recap.body).not.toContain('Dashboards lie');
    expect(await found()).not.toContain(drafted.id);

    const restore = `mutation($input: RestoreContentInput!) { restoreContent(input: $input) { id } }`;
    must(
      await t.gql(
        restore,
        { input: { roundtableMessage: message, reason: 'Fine' } },
        mod.accessToken,
      ),
    );
    expect(await transcript()).toEqual(before);
    const after = must(
      await t.gql<{ recap: Recap }>(RECAP, { id: drafted.id }, room.host.accessToken),
    );
    expect(after.recap.sections.flatMap((s) => s.moments)).toEqual([]);
  });
});
