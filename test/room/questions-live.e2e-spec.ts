import { QuickMember } from '../roundtables/support';
import { startTestApp, TestApp } from '../support/test-app';
import {
  act,
  collect,
  enter,
  expectOk,
  expectRefused,
  liveRoom,
  MemberRef,
  resume,
  Wire,
} from './activities-support';

interface LiveQuestion {
  id: string;
  text: string;
  voteCount: number;
  createdAt: string;
  askedLive: boolean;
  answered: boolean;
  answer: string | null;
  answeredAt: string | null;
  author: MemberRef | null;
}
interface QuestionEvent extends Wire {
  question: LiveQuestion;
}
type ViewerQuestion = LiveQuestion & { mine: boolean; upvoted: boolean };
type Seq = { seq: number };

const SUBMIT = `mutation($input: SubmitQuestionInput!) { submitQuestion(input: $input) { id } }`;
const UPVOTE = `mutation($id: ID!) { upvoteQuestion(questionId: $id) { id voteCount } }`;

describe('live room: Q&A', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  async function submit(id: string, who: QuickMember, text: string): Promise<string> {
    const result = await t.gql<{ submitQuestion: { id: string } }>(
      SUBMIT,
      { input: { roundtableId: id, text } },
      who.accessToken,
    );
    if (!result.data) throw new Error(JSON.stringify(result.errors));
    return result.data.submitQuestion.id;
  }

  async function upvoteBefore(questionId: string, who: QuickMember): Promise<void> {
    const result = await t.gql(UPVOTE, { id: questionId }, who.accessToken);
    if (!result.data) throw new Error(JSON.stringify(result.errors));
  }

  describe('with questions gathered before the session', () => {
    const before: Record<string, string> = {};
    let room: Awaited<ReturnType<typeof liveRoom>>;
    beforeAll(async () => {
      room = await liveRoom(t, {
        members: 3,
        beforeStart: async (id, _host, [a, b, c]) => {
          before.few = await submit(id, a, 'Which metric convinced your CFO?');
          before.most = await submit(id, b, 'How do you count lurkers?');
          await upvoteBefore(before.most, a);
          await upvoteBefore(before.most, c);
          await upvoteBefore(before.few, c);
        },
      });
    });

    it('lists them in the join snapshot, most votes first, with what the viewer did', () => {
      const [, , c] = room.members;
      const questions = room.members[2].snapshot.questions as ViewerQuestion[];
      expect(questions.map((q) => [q.id, q.voteCount, q.askedLive, q.answered])).toEqual([
        [before.most, 2, false, false],
        [before.few, 1, false, false],
      ]);
      expect(questions.every((q) => q.upvoted && !q.mine)).toBe(true);
      expect(questions[0].author).toMatchObject({ handle: room.members[1].handle });
      const mine = room.members[1].snapshot.questions as ViewerQuestion[];
      expect(mine.map((q) => [q.mine, q.upvoted])).toEqual([
        [true, false],
        [false, false],
      ]);
      expect(c.snapshot.lastSeq).toBeGreaterThanOrEqual(0);
    });

    it('counts a vote cast before the session: upvoting it again live is CONFLICT', async () => {
      const [a] = room.members;
      expectRefused(
        await act(a, 'question.upvote', { sessionId: room.id, questionId: before.most }),
        'CONFLICT',
        'ALREADY_UPVOTED',
      );
    });

    it('question.upvote adds one vote, once per member; everyone gets question.changed', async () => {
      const [a, b] = room.members;
      const events = collect<QuestionEvent>(b.socket, 'question.changed');
      const ack = expectOk(
        await act<Seq & { voteCount: number }>(a, 'question.upvote', {
          sessionId: room.id,
          questionId: before.few,
        }),
      );
      expect(ack).toEqual({ ok: true, seq: expect.any(Number), voteCount: 2 });
      expect((await events.find(ack.seq)).question).toMatchObject({
        id: before.few,
        voteCount: 2,
        askedLive: false,
      });
      expectRefused(
        await act(a, 'question.upvote', { sessionId: room.id, questionId: before.few }),
        'CONFLICT',
        'ALREADY_UPVOTED',
      );
    });
  });

  it('question.ask acks the questionId; everyone, the asker too, gets question.new', async () => {
    const room = await liveRoom(t, { members: 2 });
    const [a, b] = room.members;
    const events = [a, b, room.host].map((who) =>
      collect<QuestionEvent>(who.socket, 'question.new'),
    );
    const ack = expectOk(
      await act<Seq & { questionId: string }>(a, 'question.ask', {
        sessionId: room.id,
        text: '  What would you cut first?  ',
      }),
    );
    expect(ack).toEqual({ ok: true, seq: expect.any(Number), questionId: expect.any(String) });
    for (const received of events) {
      expect(await received.find(ack.seq)).toEqual({
        sessionId: room.id,
        seq: ack.seq,
        question: {
          id: ack.questionId,
          text: 'What would you cut first?',
          voteCount: 0,
          createdAt: expect.any(String),
          askedLive: true,
          answered: false,
          answer: null,
          answeredAt: null,
          author: { id: a.id, handle: a.handle, displayName: expect.any(String) },
        },
      });
    }
    // Live questions land in the same table as the ones sent before, for the record and the API.
    const [row] = await t.sql(
      'SELECT roundtable_id, author_id FROM roundtable_question WHERE id = $1',
      [ack.questionId],
    );
    expect(row).toEqual({ roundtable_id: room.id, author_id: a.id });
  });

  it('question.answer (facilitators) marks it answered, with an optional answer', async () => {
    const room = await liveRoom(t, { members: 1 });
    const [a] = room.members;
    const events = collect<QuestionEvent>(a.socket, 'question.changed');
    const { questionId } = expectOk(
      await act<{ questionId: string }>(a, 'question.ask', { sessionId: room.id, text: 'Why?' }),
    );
    expectRefused(
      await act(a, 'question.answer', { sessionId: room.id, questionId }),
      'FORBIDDEN',
      'NOT_A_FACILITATOR',
    );
    const first = expectOk(
      await act<Seq>(room.host, 'question.answer', { sessionId: room.id, questionId }),
    );
    const answered = (await events.find(first.seq)).question;
    expect(answered).toMatchObject({
      answered: true,
      answer: null,
      answeredAt: expect.any(String),
    });

    const second = expectOk(
      await act<Seq>(room.host, 'question.answer', {
        sessionId: room.id,
        questionId,
        answer: 'Because the budget review is in May.',
      }),
    );
    expect((await events.find(second.seq)).question).toMatchObject({
      answered: true,
      answer: 'Because the budget review is in May.',
      // Answering again keeps the first time.
      answeredAt: answered.answeredAt,
    });
  });

  it('orders the snapshot by votes, live questions included', async () => {
    const room = await liveRoom(t, { members: 3 });
    const [a, b, c] = room.members;
    const ids: string[] = [];
    for (const text of ['First asked', 'Second asked', 'Third asked']) {
      ids.push(
        expectOk(await act<{ questionId: string }>(a, 'question.ask', { sessionId: room.id, text }))
          .questionId,
      );
    }
    for (const who of [b, c])
      expectOk(await act(who, 'question.upvote', { sessionId: room.id, questionId: ids[2] }));
    expectOk(await act(b, 'question.upvote', { sessionId: room.id, questionId: ids[1] }));
    c.socket.disconnect();
    const late = await enter(t, c, room.id);
    const questions = late.snapshot.questions as ViewerQuestion[];
    expect(questions.map((q) => [q.text, q.voteCount, q.upvoted])).toEqual([
      ['Third asked', 2, true],
      ['Second asked', 1, false],
      ['First asked', 0, false],
    ]);
  });

  it('hides who asked in Chatham House sessions, except from the asker', async () => {
    const room = await liveRoom(t, { members: 2, chathamHouse: true });
    const [a, b] = room.members;
    const events = collect<QuestionEvent>(b.socket, 'question.new');
    const ack = expectOk(
      await act<Seq>(a, 'question.ask', { sessionId: room.id, text: 'Off the record?' }),
    );
    expect((await events.find(ack.seq)).question.author).toBeNull();
    b.socket.disconnect();
    const theirs = (await enter(t, b, room.id)).snapshot.questions as ViewerQuestion[];
    expect(theirs[0]).toMatchObject({ author: null, mine: false });
    a.socket.disconnect();
    const mine = (await enter(t, a, room.id)).snapshot.questions as ViewerQuestion[];
    expect(mine[0]).toMatchObject({ author: { handle: a.handle }, mine: true });
  });

  describe('refusals', () => {
    let room: Awaited<ReturnType<typeof liveRoom>>;
    let other: Awaited<ReturnType<typeof liveRoom>>;
    beforeAll(async () => {
      [room, other] = await Promise.all([liveRoom(t, { members: 2 }), liveRoom(t, { members: 1 })]);
    });

    it('a question of another session, or none, is NOT_FOUND', async () => {
      const { questionId } = expectOk(
        await act<{ questionId: string }>(other.members[0], 'question.ask', {
          sessionId: other.id,
          text: 'Elsewhere',
        }),
      );
      for (const id of [questionId, '00000000-0000-4000-8000-000000000000']) {
        expectRefused(
          await act(room.members[0], 'question.upvote', { sessionId: room.id, questionId: id }),
          'NOT_FOUND',
          'QUESTION_NOT_FOUND',
        );
        expectRefused(
          await act(room.host, 'question.answer', { sessionId: room.id, questionId: id }),
          'NOT_FOUND',
          'QUESTION_NOT_FOUND',
        );
      }
    });

    const UNKNOWN = '00000000-0000-4000-8000-000000000000';
    it.each([
      ['question.ask', 'a 2-character text', { text: 'ab' }, 'text'],
      ['question.ask', 'a 501-character text', { text: 'x'.repeat(501) }, 'text'],
      ['question.ask', 'a number for text', { text: 42 }, 'text'],
      ['question.ask', 'no text', {}, 'text'],
      ['question.upvote', 'a questionId that is no uuid', { questionId: 'nope' }, 'questionId'],
      [
        'question.answer',
        'a 2,001-character answer',
        { questionId: UNKNOWN, answer: 'x'.repeat(2001) },
        'answer',
      ],
      ['question.answer', 'a blank answer', { questionId: UNKNOWN, answer: '   ' }, 'answer'],
    ])('%s with %s is BAD_USER_INPUT on the field', async (event, _what, extra, field) => {
      const error = expectRefused(
        await act(room.host, event, { sessionId: room.id, ...extra }),
        'BAD_USER_INPUT',
      );
      expect(Object.keys(error.fields ?? {})).toEqual([field]);
    });

    it('a muted member may not ask (FORBIDDEN), but may still upvote', async () => {
      const [a, b] = room.members;
      const { questionId } = expectOk(
        await act<{ questionId: string }>(b, 'question.ask', {
          sessionId: room.id,
          text: 'Muted soon?',
        }),
      );
      expectOk(await act(room.host, 'participant.mute', { sessionId: room.id, handle: a.handle }));
      expectRefused(
        await act(a, 'question.ask', { sessionId: room.id, text: 'Can I still ask?' }),
        'FORBIDDEN',
        'MUTED',
      );
      expectOk(await act(a, 'question.upvote', { sessionId: room.id, questionId }));
    });

    it('takes no questions in the lobby (BAD_USER_INPUT): before, they go through submitQuestion', async () => {
      const lobby = await liveRoom(t, { members: 1, lobby: true });
      expectRefused(
        await act(lobby.members[0], 'question.ask', { sessionId: lobby.id, text: 'Too early?' }),
        'BAD_USER_INPUT',
        'NOT_LIVE',
      );
    });
  });

  it('replays question.new and question.changed through session.resume', async () => {
    const room = await liveRoom(t, { members: 2 });
    const [a, b] = room.members;
    const from = b.snapshot.lastSeq;
    const asked = expectOk(
      await act<Seq & { questionId: string }>(a, 'question.ask', {
        sessionId: room.id,
        text: 'Replayed?',
      }),
    );
    const voted = expectOk(
      await act<Seq>(b, 'question.upvote', { sessionId: room.id, questionId: asked.questionId }),
    );
    const resumed = await resume(t, b, room.id, from);
    expect(resumed.events.map((e) => [e.seq, e.type])).toEqual([
      [asked.seq, 'question.new'],
      [voted.seq, 'question.changed'],
    ]);
    expect((resumed.events[1].payload as unknown as QuestionEvent).question).toMatchObject({
      id: asked.questionId,
      voteCount: 1,
    });
  });
});
