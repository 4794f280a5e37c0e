import { RecordWriter } from '../../libs/roundtables/src/room/record-writer';
import { END, makeModerator } from '../roundtables/support';
import { nextEvent, startTestApp, TestApp } from '../support/test-app';
import { ack, joined, ok, quickMembers, refusal, session } from './support';

const RECORD = `query($id: ID!) { roundtable(id: $id) { id state record {
  roundtableId chathamHouse startedAt endedAt
  agenda { title minutes startedAt endedAt }
  transcript { seq author { id handle displayName } text sentAt }
  attendance { joinedCount minutesPresent members { member { handle } minutesPresent firstJoinedAt } }
} } }`;

interface RecordResult {
  roundtable: {
    record: null | {
      roundtableId: string;
      chathamHouse: boolean;
      startedAt: string;
      endedAt: string;
      agenda: Array<{
        title: string;
        minutes: number;
        startedAt: string | null;
        endedAt: string | null;
      }>;
      transcript: Array<{ seq: number; author: { handle: string } | null; text: string }>;
      attendance: {
        joinedCount: number;
        minutesPresent: number;
        members: Array<{ member: { handle: string }; minutesPresent: number }>;
      };
    };
  };
}

describe('live room: ending and the record', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  async function runSession(chathamHouse: boolean) {
    const s = await session(t, { registered: 2, chathamHouse });
    const host = await joined(t, s.host, s.id);
    const a = await joined(t, s.members[0], s.id);
    await ok(a.socket, 'message.send', { sessionId: s.id, clientId: '1', text: 'First point' });
    await ok(host.socket, 'message.send', { sessionId: s.id, clientId: '2', text: 'Good one' });
    // Ten minutes of presence so far for the member (time passing, in the database).
    await t.sql(
      `UPDATE room_participant SET present_since = present_since - interval '10 minutes'
        WHERE roundtable_id = $1 AND account_id = $2`,
      [s.id, s.members[0].id],
    );
    const ended = nextEvent<{ sessionId: string; seq: number; endedAt: string }>(
      a.socket,
      'session.ended',
    );
    const result = await t.gql(END, { id: s.id }, s.host.accessToken);
    expect(result.errors).toBeUndefined();
    expect(await ended).toMatchObject({ sessionId: s.id, seq: 3 });
    return { s, host, a };
  }

  it('writes the record when the session ends: agenda with times, transcript, attendance', async () => {
    const { s, a } = await runSession(false);
    const read = await t.gql<RecordResult>(RECORD, { id: s.id }, s.members[0].accessToken);
    expect(read.errors).toBeUndefined();
    const record = read.data?.roundtable.record;
    expect(record).toMatchObject({ roundtableId: s.id, chathamHouse: false });
    expect(record?.transcript).toEqual([
      {
        seq: 1,
        author: expect.objectContaining({ handle: s.members[0].handle }),
        text: 'First point',
        sentAt: expect.any(String),
      },
      {
        seq: 2,
        author: expect.objectContaining({ handle: s.host.handle }),
        text: 'Good one',
        sentAt: expect.any(String),
      },
    ]);
    expect(record?.agenda.map((item) => item.title)).toEqual(['Welcome', 'Dashboards']);
    expect(record?.agenda[0].startedAt).toBe(record?.startedAt);
    expect(record?.attendance.joinedCount).toBe(2);
    const member = record?.attendance.members.find((m) => m.member.handle === s.members[0].handle);
    expect(member?.minutesPresent).toBe(10);
    expect(record?.attendance.minutesPresent).toBe(10);

    // The log is closed: nothing more is stored.
    const late = await ack(a.socket, 'message.send', {
      sessionId: s.id,
      clientId: '3',
      text: 'after',
    });
    expect(refusal(late)).toMatchObject({ code: 'BAD_USER_INPUT' });
    const types = await t.sql<{ type: string }>(
      'SELECT type FROM room_event WHERE roundtable_id = $1 ORDER BY seq',
      [s.id],
    );
    expect(types.map((r) => r.type)).toEqual(['message.new', 'message.new', 'session.ended']);
  });

  it('lets the registered, facilitators and moderators read it; others are FORBIDDEN', async () => {
    const { s } = await runSession(false);
    const [stranger, moderator] = await quickMembers(t, 2);
    await makeModerator(t, moderator);
    const refused = await t.gql<RecordResult>(RECORD, { id: s.id }, stranger.accessToken);
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    for (const reader of [s.host, moderator, s.members[1]]) {
      const read = await t.gql<RecordResult>(RECORD, { id: s.id }, reader.accessToken);
      expect(read.data?.roundtable.record?.roundtableId).toBe(s.id);
    }
    // Before the end there is none.
    const live = await session(t, { registered: 1 });
    const none = await t.gql<RecordResult>(RECORD, { id: live.id }, live.members[0].accessToken);
    expect(none.data?.roundtable.record).toBeNull();
  });

  it('publishes no names for Chatham House sessions, but keeps the author link in the log', async () => {
    const { s } = await runSession(true);
    const read = await t.gql<RecordResult>(RECORD, { id: s.id }, s.members[0].accessToken);
    const record = read.data?.roundtable.record;
    expect(record?.chathamHouse).toBe(true);
    expect(record?.transcript.map((m) => [m.author, m.text])).toEqual([
      [null, 'First point'],
      [null, 'Good one'],
    ]);
    expect(record?.attendance).toEqual({ joinedCount: 2, minutesPresent: 10, members: [] });
    expect(JSON.stringify(record)).not.toContain(s.members[0].handle);
    const stored = await t.sql<{ record: unknown }>(
      'SELECT record FROM room_record WHERE roundtable_id = $1',
      [s.id],
    );
    expect(JSON.stringify(stored[0].record)).not.toContain(s.members[0].handle);
    const link = await t.sql<{ actor_id: string }>(
      `SELECT actor_id FROM room_event WHERE roundtable_id = $1 AND type = 'message.new' ORDER BY seq`,
      [s.id],
    );
    expect(link.map((r) => r.actor_id)).toEqual([s.members[0].id, s.host.id]);
  });

  it('writes a missing record later (the node that ended the session died before writing it)', async () => {
    const s = await session(t, { registered: 1 });
    const { socket } = await joined(t, s.members[0], s.id);
    await ok(socket, 'message.send', { sessionId: s.id, clientId: '1', text: 'kept' });
    await t.sql(
      `UPDATE roundtable SET state = 'ENDED', ended_at = now() - interval '2 minutes' WHERE id = $1`,
      [s.id],
    );
    await t.app.get(RecordWriter).catchUp();
    const read = await t.gql<RecordResult>(RECORD, { id: s.id }, s.members[0].accessToken);
    expect(read.data?.roundtable.record?.transcript.map((m) => m.text)).toEqual(['kept']);
    await t.app.get(RecordWriter).write(s.id); // again: nothing changes
    const events = await t.sql('SELECT type FROM room_event WHERE roundtable_id = $1', [s.id]);
    expect(events).toHaveLength(2);
  });
});
