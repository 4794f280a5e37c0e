import type { PublishedRecord } from '@app/roundtables';
import { buildRecap } from './recap-builder';

const ada = { id: 'a', handle: 'ada', displayName: 'Ada' };
const bo = { id: 'b', handle: 'bo', displayName: 'Bo' };

function record(): PublishedRecord {
  return {
    roundtableId: 'r',
    chathamHouse: false,
    startedAt: '2025-01-01T10:00:00.000Z',
    endedAt: '2025-01-01T11:00:00.000Z',
    agenda: [
      {
        title: 'Welcome',
        minutes: 10,
        startedAt: '2025-01-01T10:00:00.000Z',
        endedAt: '2025-01-01T10:10:00.000Z',
      },
      { title: 'Dashboards', minutes: 50, startedAt: '2025-01-01T10:10:00.000Z', endedAt: null },
    ],
    transcript: [1, 2, 3, 4, 5, 6, 7].map((seq) => ({
      seq,
      author: seq % 2 ? ada : bo,
      text: `Message ${seq}`,
      sentAt: `2025-01-01T10:${String(seq * 2).padStart(2, '0')}:00.000Z`,
    })),
    attendance: { joinedCount: 3, minutesPresent: 150, members: [] },
    questions: [
      {
        id: 'q1',
        text: 'Open one',
        voteCount: 1,
        createdAt: '',
        askedLive: true,
        answered: false,
        answer: null,
        answeredAt: null,
        author: ada,
      },
      {
        id: 'q2',
        text: 'Answered',
        voteCount: 4,
        createdAt: '',
        askedLive: true,
        answered: true,
        answer: 'Yes',
        answeredAt: '',
        author: bo,
      },
    ],
    takeaways: [
      { id: 't1', text: 'Pinned', pinned: true, pinnedAt: '', createdAt: '', author: ada },
      { id: 't2', text: 'Not pinned', pinned: false, pinnedAt: null, createdAt: '', author: bo },
    ],
    polls: [
      {
        id: 'p',
        question: 'Useful?',
        total: 2,
        open: false,
        openedAt: '',
        closedAt: '',
        options: [{ text: 'Yes', votes: 2, percent: 100 }],
      },
    ],
    reactions: [
      { seq: null, emoji: '👏', count: 9 },
      ...[1, 2, 3, 4, 5, 6].map((seq) => ({ seq, emoji: '👍', count: seq })),
      { seq: 6, emoji: '🎉', count: 10 },
    ],
  };
}

describe('buildRecap', () => {
  it('keeps the five most reacted moments, in order, inside their agenda items', () => {
    const recap = buildRecap(record(), false);
    expect(
      recap.sections.map((s) => [s.title, s.moments.map((m) => [m.seq, m.reactions])]),
    ).toEqual([
      [
        'Welcome',
        [
          [2, 2],
          [3, 3],
          [4, 4],
        ],
      ],
      [
        'Dashboards',
        [
          [5, 5],
          [6, 16],
        ],
      ],
    ]);
    expect(recap.sections[0].moments[0].author).toEqual({ handle: 'bo', displayName: 'Bo' });
  });

  it('sorts questions by votes, keeps pinned takeaways, polls and attendance counts', () => {
    const recap = buildRecap(record(), false);
    expect(recap.answeredQuestions).toEqual([
      {
        id: 'q2',
        text: 'Answered',
        answer: 'Yes',
        votes: 4,
        author: { handle: 'bo', displayName: 'Bo' },
      },
    ]);
    expect(recap.unansweredQuestions.map((q) => q.id)).toEqual(['q1']);
    expect(recap.takeaways).toEqual([
      { text: 'Pinned', author: { handle: 'ada', displayName: 'Ada' } },
    ]);
    expect(recap.polls).toEqual([
      { question: 'Useful?', total: 2, options: [{ text: 'Yes', votes: 2, percent: 100 }] },
    ]);
    expect(recap.attendance).toEqual({ joinedCount: 3, minutesPresent: 150 });
  });

  it('carries no names under the Chatham House rule, whatever the record holds', () => {
    expect(JSON.stringify(buildRecap(record(), true))).not.toMatch(/handle|Ada|"Bo"/);
  });

  it('makes one section when there was no agenda', () => {
    const recap = buildRecap({ ...record(), agenda: [] }, false);
    expect(recap.sections.map((s) => [s.title, s.moments.length])).toEqual([
      ['The conversation', 5],
    ]);
  });
});
