import { END, schedule } from '../roundtables/support';
import { startTestApp, TestApp } from '../support/test-app';
import { act, expectOk, liveRoom, sleep } from './activities-support';

const RECORD = `query($id: ID!) { roundtable(id: $id) { record {
  chathamHouse
  questions { text voteCount askedLive answered answer answeredAt author { handle } }
  takeaways { text pinnedAt author { handle } }
  polls { question total closedAt options { text votes percent } }
  reactions { seq emoji count }
} } }`;
const PREVIOUS = `query($id: ID!) { roundtable(id: $id) {
  previous { id takeaways { id text } openQuestions { text voteCount author { handle } } }
} }`;

interface RecordParts {
  chathamHouse: boolean;
  questions: Array<{
    text: string;
    voteCount: number;
    askedLive: boolean;
    answered: boolean;
    answer: string | null;
    answeredAt: string | null;
    author: { handle: string } | null;
  }>;
  takeaways: Array<{ text: string; pinnedAt: string; author: { handle: string } | null }>;
  polls: Array<{
    question: string;
    total: number;
    closedAt: string | null;
    options: Array<{ text: string; votes: number; percent: number }>;
  }>;
  reactions: Array<{ seq: number | null; emoji: string; count: number }>;
}

describe('live room: what the activities leave in the record', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  /** A session with a bit of everything, ended; resolves with its record once written. */
  async function runSession(chathamHouse: boolean) {
    const room = await liveRoom(t, { members: 2, chathamHouse });
    const [a, b] = room.members;
    const sessionId = room.id;
    const asked = expectOk(
      await act<{ questionId: string }>(a, 'question.ask', { sessionId, text: 'Answered one' }),
    );
    expectOk(await act(a, 'question.ask', { sessionId, text: 'Left open' }));
    expectOk(await act(b, 'question.upvote', { sessionId, questionId: asked.questionId }));
    expectOk(
      await act(room.host, 'question.answer', {
        sessionId,
        questionId: asked.questionId,
        answer: 'Yes.',
      }),
    );
    const kept = expectOk(
      await act<{ takeawayId: string }>(b, 'takeaway.add', { sessionId, text: 'Pinned one' }),
    );
    expectOk(await act(b, 'takeaway.add', { sessionId, text: 'Not pinned' }));
    expectOk(await act(room.host, 'takeaway.pin', { sessionId, takeawayId: kept.takeawayId }));
    const poll = expectOk(
      await act<{ pollId: string }>(room.host, 'poll.open', {
        sessionId,
        question: 'Useful?',
        options: ['Yes', 'No'],
      }),
    );
    expectOk(await act(a, 'poll.vote', { sessionId, pollId: poll.pollId, option: 0 }));
    expectOk(await act(b, 'poll.vote', { sessionId, pollId: poll.pollId, option: 0 }));
    expectOk(await act(room.host, 'poll.close', { sessionId, pollId: poll.pollId }));
    const message = expectOk(
      await act<{ seq: number }>(a, 'message.send', { sessionId, clientId: 'c1', text: 'Hi' }),
    );
    expectOk(await act(b, 'reaction.send', { sessionId, emoji: '👍', seq: message.seq }));
    expectOk(await act(a, 'reaction.send', { sessionId, emoji: '👏' }));
    // Ended at once: the reactions still in their window are counted by the record itself.
    const ended = await t.gql(END, { id: sessionId }, room.host.accessToken);
    if (!ended.data) throw new Error(JSON.stringify(ended.errors));
    for (let i = 0; i < 50; i++) {
      const result = await t.gql<{ roundtable: { record: RecordParts | null } }>(
        RECORD,
        { id: sessionId },
        room.host.accessToken,
      );
      const record = result.data?.roundtable.record;
      if (record) return { room, record, message };
      if (result.errors) throw new Error(JSON.stringify(result.errors));
      await sleep(100);
    }
    throw new Error('no record within 5 s');
  }

  it('keeps questions with votes and answers, pinned takeaways, poll counts and reactions', async () => {
    const { room, record, message } = await runSession(false);
    const [a] = room.members;
    expect(record.questions).toEqual([
      {
        text: 'Answered one',
        voteCount: 1,
        askedLive: true,
        answered: true,
        answer: 'Yes.',
        answeredAt: expect.any(String),
        author: { handle: a.handle },
      },
      {
        text: 'Left open',
        voteCount: 0,
        askedLive: true,
        answered: false,
        answer: null,
        answeredAt: null,
        author: { handle: a.handle },
      },
    ]);
    expect(record.takeaways).toEqual([
      {
        text: 'Pinned one',
        pinnedAt: expect.any(String),
        author: { handle: room.members[1].handle },
      },
    ]);
    expect(record.polls).toEqual([
      {
        question: 'Useful?',
        total: 2,
        closedAt: expect.any(String),
        options: [
          { text: 'Yes', votes: 2, percent: 100 },
          { text: 'No', votes: 0, percent: 0 },
        ],
      },
    ]);
    expect(record.reactions).toEqual([
      { seq: null, emoji: '👏', count: 1 },
      { seq: message.seq, emoji: '👍', count: 1 },
    ]);
  });

  it('publishes no names in Chatham House sessions', async () => {
    const { record } = await runSession(true);
    expect(record.chathamHouse).toBe(true);
    expect(record.questions.map((q) => q.author)).toEqual([null, null]);
    expect(record.takeaways.map((x) => x.author)).toEqual([null]);
    expect(JSON.stringify(record)).not.toMatch(/handle/);
  });

  it('shows the next session where this one left off: previous { takeaways openQuestions }', async () => {
    const { room } = await runSession(false);
    const next = await schedule(t, room.host, { previousRoundtableId: room.id });
    const result = await t.gql<{
      roundtable: {
        previous: {
          id: string;
          takeaways: Array<{ id: string; text: string }>;
          openQuestions: Array<{ text: string; voteCount: number; author: { handle: string } }>;
        };
      };
    }>(PREVIOUS, { id: next.id }, room.host.accessToken);
    expect(result.errors).toBeUndefined();
    expect(result.data?.roundtable.previous).toEqual({
      id: room.id,
      takeaways: [{ id: expect.any(String), text: 'Pinned one' }],
      openQuestions: [
        { text: 'Left open', voteCount: 0, author: { handle: room.members[0].handle } },
      ],
    });
  });
});
