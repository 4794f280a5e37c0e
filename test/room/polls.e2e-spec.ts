import { startTestApp, TestApp } from '../support/test-app';
import {
  act,
  collect,
  enter,
  expectOk,
  expectRefused,
  liveRoom,
  resume,
  Wire,
} from './activities-support';

interface LivePoll {
  id: string;
  question: string;
  options: Array<{ text: string; votes: number; percent: number }>;
  total: number;
  open: boolean;
  openedAt: string;
  closedAt: string | null;
}
interface PollChanged extends Wire {
  poll: LivePoll;
}
type Seq = { seq: number };
type Opened = Seq & { pollId: string };

const OPTIONS = ['Yes', 'No', 'It depends'];

describe('live room: polls', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  it('poll.open (facilitators) sends poll.changed to everyone, with zero counts', async () => {
    const room = await liveRoom(t, { members: 2 });
    const events = room.members.map((m) => collect<PollChanged>(m.socket, 'poll.changed'));
    const ack = expectOk(
      await act<Opened>(room.host, 'poll.open', {
        sessionId: room.id,
        question: ' Do you report NPS? ',
        options: [' Yes', 'No ', 'It depends'],
      }),
    );
    expect(ack).toEqual({ ok: true, seq: expect.any(Number), pollId: expect.any(String) });
    for (const received of events) {
      expect(await received.find(ack.seq)).toEqual({
        sessionId: room.id,
        seq: ack.seq,
        poll: {
          id: ack.pollId,
          question: 'Do you report NPS?',
          options: OPTIONS.map((text) => ({ text, votes: 0, percent: 0 })),
          total: 0,
          open: true,
          openedAt: expect.any(String),
          closedAt: null,
        },
      });
    }
  });

  it('poll.vote: once per member, live counts for everyone; a second vote is CONFLICT', async () => {
    const room = await liveRoom(t, { members: 3 });
    const [a, b, c] = room.members;
    const events = collect<PollChanged>(room.host.socket, 'poll.changed');
    const { pollId } = expectOk(
      await act<Opened>(room.host, 'poll.open', {
        sessionId: room.id,
        question: 'Q?',
        options: OPTIONS,
      }),
    );
    const votes = await Promise.all([
      act<Seq>(a, 'poll.vote', { sessionId: room.id, pollId, option: 0 }),
      act<Seq>(b, 'poll.vote', { sessionId: room.id, pollId, option: 0 }),
      act<Seq>(c, 'poll.vote', { sessionId: room.id, pollId, option: 2 }),
      act<Seq>(room.host, 'poll.vote', { sessionId: room.id, pollId, option: 1 }),
    ]);
    const seqs = votes.map((vote) => expectOk(vote).seq);
    const last = await events.find(Math.max(...seqs));
    expect(last.poll.options).toEqual([
      { text: 'Yes', votes: 2, percent: 50 },
      { text: 'No', votes: 1, percent: 25 },
      { text: 'It depends', votes: 1, percent: 25 },
    ]);
    expect(last.poll.total).toBe(4);
    // Each vote's event carries the counts so far: totals 1, 2, 3, 4 in seq order.
    const totals = await Promise.all(
      [...seqs].sort((x, y) => x - y).map((seq) => events.find(seq)),
    );
    expect(totals.map((event) => event.poll.total)).toEqual([1, 2, 3, 4]);

    expectRefused(
      await act(a, 'poll.vote', { sessionId: room.id, pollId, option: 1 }),
      'CONFLICT',
      'ALREADY_VOTED',
    );
    // Who voted for what is not stored: only that they voted.
    const columns = await t.sql<{ column_name: string }>(
      `SELECT column_name FROM information_schema.columns WHERE table_name = 'roundtable_poll_vote'`,
    );
    expect(columns.map((col) => col.column_name).sort()).toEqual(['account_id', 'poll_id']);
  });

  it('poll.close (facilitators) keeps the results; votes after it are refused', async () => {
    const room = await liveRoom(t, { members: 2 });
    const [a, b] = room.members;
    const events = collect<PollChanged>(b.socket, 'poll.changed');
    const { pollId } = expectOk(
      await act<Opened>(room.host, 'poll.open', {
        sessionId: room.id,
        question: 'Q?',
        options: ['A', 'B'],
      }),
    );
    expectOk(await act(a, 'poll.vote', { sessionId: room.id, pollId, option: 1 }));
    expectRefused(
      await act(a, 'poll.close', { sessionId: room.id, pollId }),
      'FORBIDDEN',
      'NOT_A_FACILITATOR',
    );
    const closed = expectOk(
      await act<Seq>(room.host, 'poll.close', { sessionId: room.id, pollId }),
    );
    expect((await events.find(closed.seq)).poll).toMatchObject({
      open: false,
      closedAt: expect.any(String),
      total: 1,
      options: [
        { text: 'A', votes: 0, percent: 0 },
        { text: 'B', votes: 1, percent: 100 },
      ],
    });
    expectRefused(
      await act(b, 'poll.vote', { sessionId: room.id, pollId, option: 0 }),
      'BAD_USER_INPUT',
      'POLL_CLOSED',
    );
    expectRefused(
      await act(room.host, 'poll.close', { sessionId: room.id, pollId }),
      'BAD_USER_INPUT',
      'POLL_CLOSED',
    );

    // The snapshot keeps closed polls with their results, and says whether the viewer voted.
    b.socket.disconnect();
    const polls = (await enter(t, b, room.id)).snapshot.polls as Array<
      LivePoll & { voted: boolean }
    >;
    expect(polls).toEqual([
      expect.objectContaining({ id: pollId, open: false, total: 1, voted: false }),
    ]);
    a.socket.disconnect();
    const theirs = (await enter(t, a, room.id)).snapshot.polls as Array<{ voted: boolean }>;
    expect(theirs[0].voted).toBe(true);
  });

  describe('refusals', () => {
    let room: Awaited<ReturnType<typeof liveRoom>>;
    let pollId: string;
    beforeAll(async () => {
      room = await liveRoom(t, { members: 1 });
      pollId = expectOk(
        await act<Opened>(room.host, 'poll.open', {
          sessionId: room.id,
          question: 'Q?',
          options: ['A', 'B'],
        }),
      ).pollId;
    });

    it('poll.open is for facilitators and moderators (FORBIDDEN)', async () => {
      expectRefused(
        await act(room.members[0], 'poll.open', {
          sessionId: room.id,
          question: 'Q?',
          options: ['A', 'B'],
        }),
        'FORBIDDEN',
        'NOT_A_FACILITATOR',
      );
    });

    it.each([
      ['one option', ['A']],
      ['seven options', ['1', '2', '3', '4', '5', '6', '7']],
      ['no options', []],
    ])('refuses %s (2–6) with BAD_USER_INPUT on options', async (_what, options) => {
      const error = expectRefused(
        await act(room.host, 'poll.open', { sessionId: room.id, question: 'Q?', options }),
        'BAD_USER_INPUT',
      );
      expect(error.fields?.options?.[0]).toMatch(/2–6 options/);
    });

    it('accepts six options', async () => {
      expectOk(
        await act(room.host, 'poll.open', {
          sessionId: room.id,
          question: 'Six?',
          options: ['1', '2', '3', '4', '5', '6'],
        }),
      );
    });

    it('refuses the same option twice, or a blank one', async () => {
      const twice = expectRefused(
        await act(room.host, 'poll.open', {
          sessionId: room.id,
          question: 'Q?',
          options: ['Yes', 'yes '],
        }),
        'BAD_USER_INPUT',
        'INVALID_INPUT',
      );
      expect(twice.fields).toEqual({ 'options.1': ['repeats option 0'] });
      const blank = expectRefused(
        await act(room.host, 'poll.open', {
          sessionId: room.id,
          question: 'Q?',
          options: ['Yes', '  '],
        }),
        'BAD_USER_INPUT',
      );
      expect(Object.keys(blank.fields ?? {})).toEqual(['options']);
    });

    it.each([
      ['poll.open', 'no question', { options: ['A', 'B'] }, 'question'],
      [
        'poll.open',
        'a 201-character question',
        { question: 'x'.repeat(201), options: ['A', 'B'] },
        'question',
      ],
      ['poll.open', 'options that are not strings', { question: 'Q?', options: [1, 2] }, 'options'],
      [
        'poll.open',
        'a 101-character option',
        { question: 'Q?', options: ['A', 'x'.repeat(101)] },
        'options',
      ],
      ['poll.vote', 'no option', { pollId: '00000000-0000-4000-8000-000000000000' }, 'option'],
      [
        'poll.vote',
        'a negative option',
        { pollId: '00000000-0000-4000-8000-000000000000', option: -1 },
        'option',
      ],
      ['poll.vote', 'a pollId that is no uuid', { pollId: 'p', option: 0 }, 'pollId'],
      ['poll.close', 'no pollId', {}, 'pollId'],
    ])('%s with %s is BAD_USER_INPUT on the field', async (event, _what, extra, field) => {
      const error = expectRefused(
        await act(room.host, event, { sessionId: room.id, ...extra }),
        'BAD_USER_INPUT',
      );
      expect(Object.keys(error.fields ?? {})).toEqual([field]);
    });

    it('refuses an option beyond the poll’s own (BAD_USER_INPUT), without counting a vote', async () => {
      const error = expectRefused(
        await act(room.members[0], 'poll.vote', { sessionId: room.id, pollId, option: 2 }),
        'BAD_USER_INPUT',
      );
      expect(error.fields).toEqual({ option: [expect.stringMatching(/2 options/)] });
      expectOk(await act(room.members[0], 'poll.vote', { sessionId: room.id, pollId, option: 1 }));
    });

    it('an unknown poll is NOT_FOUND', async () => {
      expectRefused(
        await act(room.members[0], 'poll.vote', {
          sessionId: room.id,
          pollId: '00000000-0000-4000-8000-000000000000',
          option: 0,
        }),
        'NOT_FOUND',
        'POLL_NOT_FOUND',
      );
    });

    it('opens none in the lobby (BAD_USER_INPUT)', async () => {
      const lobby = await liveRoom(t, { members: 0, lobby: true });
      expectRefused(
        await act(lobby.host, 'poll.open', {
          sessionId: lobby.id,
          question: 'Q?',
          options: ['A', 'B'],
        }),
        'BAD_USER_INPUT',
        'NOT_LIVE',
      );
    });
  });

  it('replays poll.changed through session.resume, with the counts of the moment', async () => {
    const room = await liveRoom(t, { members: 1 });
    const [a] = room.members;
    const from = a.snapshot.lastSeq;
    const opened = expectOk(
      await act<Opened>(room.host, 'poll.open', {
        sessionId: room.id,
        question: 'Q?',
        options: ['A', 'B'],
      }),
    );
    const voted = expectOk(
      await act<Seq>(a, 'poll.vote', { sessionId: room.id, pollId: opened.pollId, option: 0 }),
    );
    const closed = expectOk(
      await act<Seq>(room.host, 'poll.close', { sessionId: room.id, pollId: opened.pollId }),
    );
    const resumed = await resume(t, a, room.id, from);
    expect(
      resumed.events.map((e) => [
        e.seq,
        e.type,
        (e.payload as unknown as PollChanged).poll.total,
        (e.payload as unknown as PollChanged).poll.open,
      ]),
    ).toEqual([
      [opened.seq, 'poll.changed', 0, true],
      [voted.seq, 'poll.changed', 1, true],
      [closed.seq, 'poll.changed', 1, false],
    ]);
  });
});
