import { Client } from 'pg';
import type { Socket } from 'socket.io-client';
import { DiscussionsService } from '@app/discussions';
import {
  emitWithAck,
  nextEvent,
  startTestApp,
  TestApp,
  TestMember,
  whenConnected,
} from '../support/test-app';
import { createSpace, moderator, must, postReply, startThread } from './discussions-support';
import { TOGGLE, eventsSettled, unlimitedReplies } from './engagement-support';

type Ack = { ok: boolean; error?: { code: string; message: string }; [key: string]: unknown };
interface Heard {
  event: string;
  data: {
    threadId: string;
    eventId: number;
    replyId?: string | null;
    reply?: Record<string, unknown> | null;
    thread?: Record<string, unknown> | null;
    reactions?: Array<{ kind: string; count: number }>;
  };
}

const EVENTS = ['thread.reply', 'thread.edit', 'thread.reaction'];
const EDIT_REPLY = `mutation($input: EditReplyInput!) { editReply(input: $input) { id } }`;
const EDIT_THREAD = `mutation($input: EditThreadInput!) { editThread(input: $input) { id } }`;
const ACCEPT = `mutation($replyId: ID!) { acceptAnswer(replyId: $replyId) { id } }`;

/** Everything thread.* a socket hears, in order. */
function listen(socket: Socket): Heard[] {
  const heard: Heard[] = [];
  for (const event of EVENTS)
    socket.on(event, (data: Heard['data']) => heard.push({ event, data }));
  return heard;
}

async function until(heard: Heard[], count: number, ms = 5000): Promise<Heard[]> {
  const end = Date.now() + ms;
  while (heard.length < count && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
  return heard;
}

describe('discussions part B: live threads on /live', () => {
  let t: TestApp;
  let mod: TestMember;
  let asker: TestMember;
  let peer: TestMember;
  let watcher: TestMember;
  let space: string;

  const connect = async (member: TestMember) => {
    const socket = t.live(member.accessToken);
    await whenConnected(socket);
    return socket;
  };
  const watch = (socket: Socket, threadId: string) =>
    emitWithAck<Ack>(socket, 'thread.watch', { threadId });

  beforeAll(async () => {
    t = await startTestApp();
    await t.signUp({ displayName: 'First Admin' });
    mod = await moderator(t, 'Live Moderator');
    asker = await t.signUp({ displayName: 'Live Asker' });
    peer = await t.signUp({ displayName: 'Live Peer' });
    watcher = await t.signUp({ displayName: 'Live Watcher' });
    space = await createSpace(t, mod, 'MEMBERS');
    unlimitedReplies(t);
  });
  afterAll(() => t?.close());

  it('sends replies, edits and reactions to watchers after commit, numbered in order', async () => {
    const thread = await startThread(t, asker, space);
    const socket = await connect(watcher);
    const heard = listen(socket);
    expect(await watch(socket, thread.id)).toEqual({
      ok: true,
      threadId: thread.id,
      lastEventId: 0,
    });

    const reply = await postReply(t, peer, thread.id, {
      body: 'Count returning members',
      feedback: { worked: 'Cohorts' },
    });
    must(
      await t.gql(
        EDIT_REPLY,
        { input: { id: reply.id, body: 'Count returning members weekly' } },
        peer.accessToken,
      ),
    );
    must(
      await t.gql(TOGGLE, { input: { replyId: reply.id, kind: 'HELPFUL' } }, watcher.accessToken),
    );
    must(
      await t.gql(
        EDIT_THREAD,
        { input: { id: thread.id, title: 'How do you measure engagement well?' } },
        asker.accessToken,
      ),
    );
    must(await t.gql(ACCEPT, { replyId: reply.id }, asker.accessToken));

    await until(heard, 5);
    expect(heard.map((h) => [h.event, h.data.eventId])).toEqual([
      ['thread.reply', 1],
      ['thread.edit', 2],
      ['thread.reaction', 3],
      ['thread.edit', 4],
      ['thread.edit', 5],
    ]);
    expect(heard[0].data).toMatchObject({
      threadId: thread.id,
      reply: {
        id: reply.id,
        parentReplyId: null,
        depth: 0,
        body: 'Count returning members',
        feedback: { worked: 'Cohorts', wouldChange: null, risks: null },
        author: { id: peer.id, handle: peer.handle },
        removed: false,
        hidden: false,
      },
    });
    expect(heard[1].data).toMatchObject({
      replyId: reply.id,
      thread: null,
      reply: { body: 'Count returning members weekly' },
    });
    expect(heard[2].data).toEqual({
      threadId: thread.id,
      eventId: 3,
      replyId: reply.id,
      reactions: [
        { kind: 'HELPFUL', count: 1 },
        { kind: 'INSIGHTFUL', count: 0 },
        { kind: 'SAME_HERE', count: 0 },
      ],
    });
    expect(heard[3].data).toMatchObject({
      replyId: null,
      thread: { id: thread.id, title: 'How do you measure engagement well?', solved: false },
    });
    expect(heard[4].data.thread).toMatchObject({ solved: true, acceptedReplyId: reply.id });
  });

  it('sends nothing before a transaction commits, and nothing at all if it rolls back', async () => {
    const thread = await startThread(t, asker, space);
    const socket = await connect(watcher);
    const heard = listen(socket);
    await watch(socket, thread.id);
    const direct = new Client({ connectionString: t.databaseUrl });
    await direct.connect();
    const insert = (path: string) =>
      direct.query(
        `INSERT INTO discussion_reply (thread_id, author_id, path, depth, body, body_html)
         VALUES ($1, $2, $3, 0, 'Written by hand', '<p>Written by hand</p>')`,
        [thread.id, peer.id, path],
      );
    try {
      await direct.query('BEGIN');
      await insert('zzz1');
      await new Promise((r) => setTimeout(r, 400));
      expect(heard).toEqual([]);
      await direct.query('COMMIT');
      await until(heard, 1);
      expect(heard.map((h) => [h.event, h.data.eventId])).toEqual([['thread.reply', 1]]);

      await direct.query('BEGIN');
      await insert('zzz2');
      await direct.query('ROLLBACK');
      await new Promise((r) => setTimeout(r, 400));
      expect(heard).toHaveLength(1);
      // The rolled-back event left no gap: the counter rolled back with it.
      await postReply(t, peer, thread.id);
      await until(heard, 2);
      expect(heard.map((h) => h.data.eventId)).toEqual([1, 2]);
    } finally {
      await direct.end();
    }
  });

  it('answers thread.resume with exactly what was missed, once and in order', async () => {
    const thread = await startThread(t, asker, space);
    const first = await connect(watcher);
    const heardFirst = listen(first);
    await watch(first, thread.id);
    const a = await postReply(t, peer, thread.id, { body: 'Seen live' });
    await until(heardFirst, 1);
    first.disconnect();

    // Missed while away: a reply, an edit and a reaction.
    const b = await postReply(t, peer, thread.id, { body: 'Missed reply', parentReplyId: a.id });
    must(
      await t.gql(
        EDIT_REPLY,
        { input: { id: a.id, body: 'Seen live, then edited' } },
        peer.accessToken,
      ),
    );
    must(await t.gql(TOGGLE, { input: { replyId: b.id, kind: 'INSIGHTFUL' } }, asker.accessToken));
    await eventsSettled(t);

    const second = await connect(watcher);
    const heardSecond = listen(second);
    expect(await watch(second, thread.id)).toMatchObject({ ok: true, lastEventId: 4 });
    const resumed = await emitWithAck<
      Ack & { events: Heard[]; upToEventId: number; hasMore: boolean }
    >(second, 'thread.resume', { threadId: thread.id, afterEventId: heardFirst[0].data.eventId });
    expect(resumed).toMatchObject({
      ok: true,
      threadId: thread.id,
      upToEventId: 4,
      hasMore: false,
    });
    expect(resumed.events.map((e) => [e.event, e.data.eventId])).toEqual([
      ['thread.reply', 2],
      ['thread.edit', 3],
      ['thread.reaction', 4],
    ]);
    expect(resumed.events[0].data.reply).toMatchObject({ id: b.id, parentReplyId: a.id, depth: 1 });
    expect(resumed.events[1].data.reply).toMatchObject({
      id: a.id,
      body: 'Seen live, then edited',
    });
    // Nothing more was missed; what happens next comes live, and only live.
    const again = await emitWithAck<Ack & { events: Heard[] }>(second, 'thread.resume', {
      threadId: thread.id,
      afterEventId: 4,
    });
    expect(again).toMatchObject({ ok: true, events: [], upToEventId: 4 });
    await postReply(t, asker, thread.id, { body: 'Live again' });
    await until(heardSecond, 1);
    expect(heardSecond.map((h) => h.data.eventId)).toEqual([5]);
    await eventsSettled(t);
    expect(heardSecond).toHaveLength(1);
    const all = await emitWithAck<Ack & { events: Heard[] }>(second, 'thread.resume', {
      threadId: thread.id,
      afterEventId: 0,
    });
    expect(all.events.map((e) => e.data.eventId)).toEqual([1, 2, 3, 4, 5]);
  });

  it('never sends hidden content to members; moderators see it marked hidden', async () => {
    const thread = await startThread(t, asker, space);
    const member = await connect(watcher);
    const staff = await connect(mod);
    const toMember = listen(member);
    const toStaff = listen(staff);
    await watch(member, thread.id);
    await watch(staff, thread.id);
    const secret = await postReply(t, peer, thread.id, { body: 'Something a moderator will hide' });
    await until(toMember, 1);

    await t.app.get(DiscussionsService).setHidden('REPLY', secret.id, true);
    await until(toMember, 2);
    await until(toStaff, 2);
    expect(toMember[1]).toMatchObject({
      event: 'thread.edit',
      data: { eventId: 2, replyId: secret.id, reply: { removed: true, body: null, author: null } },
    });
    expect(toStaff[1]).toMatchObject({
      event: 'thread.edit',
      data: {
        eventId: 2,
        reply: { removed: false, hidden: true, body: 'Something a moderator will hide' },
      },
    });

    // A reaction to the hidden reply (moderators may still react) reaches moderators only.
    must(await t.gql(TOGGLE, { input: { replyId: secret.id, kind: 'HELPFUL' } }, mod.accessToken));
    await postReply(t, peer, thread.id, { body: 'Visible again' });
    await until(toMember, 3);
    await until(toStaff, 4);
    expect(toMember.map((h) => h.data.eventId)).toEqual([1, 2, 4]);
    expect(toStaff.map((h) => h.data.eventId)).toEqual([1, 2, 3, 4]);

    // Replayed, the same rules hold: the member's answer never carries the hidden body.
    const replay = async (socket: Socket) =>
      (
        await emitWithAck<Ack & { events: Heard[] }>(socket, 'thread.resume', {
          threadId: thread.id,
          afterEventId: 0,
        })
      ).events;
    const memberReplay = await replay(member);
    expect(memberReplay.map((e) => e.data.eventId)).toEqual([1, 2, 4]);
    expect(JSON.stringify(memberReplay)).not.toContain('a moderator will hide');
    expect((await replay(staff)).map((e) => e.data.eventId)).toEqual([1, 2, 3, 4]);

    // Hiding the whole thread: members are told it is gone, and may not watch it any more.
    await t.app.get(DiscussionsService).setHidden('THREAD', thread.id, true);
    await until(toMember, 4);
    expect(toMember[3]).toMatchObject({
      event: 'thread.edit',
      data: { eventId: 5, replyId: null, thread: { id: thread.id, removed: true, title: null } },
    });
    const refused = await watch(await connect(watcher), thread.id);
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await watch(await connect(mod), thread.id)).toMatchObject({ ok: true, lastEventId: 5 });
  });

  it('refuses bad payloads, unknown threads and readers without rights; unwatch stops events', async () => {
    const thread = await startThread(t, asker, space);
    const socket = await connect(watcher);
    const refusal = async (event: string, payload: unknown) =>
      ((await emitWithAck<Ack>(socket, event, payload)).error ?? { code: 'none' }).code;
    expect(await refusal('thread.watch', { threadId: 'nope' })).toBe('BAD_USER_INPUT');
    expect(await refusal('thread.watch', { threadId: thread.id, extra: 1 })).toBe('BAD_USER_INPUT');
    expect(await refusal('thread.watch', 'just a string')).toBe('BAD_USER_INPUT');
    expect(await refusal('thread.resume', { threadId: thread.id, afterEventId: -1 })).toBe(
      'BAD_USER_INPUT',
    );
    expect(await refusal('thread.resume', { threadId: thread.id })).toBe('BAD_USER_INPUT');
    const unknown = '00000000-0000-4000-8000-000000000000';
    expect(await refusal('thread.watch', { threadId: unknown })).toBe('NOT_FOUND');
    expect(await refusal('thread.resume', { threadId: unknown, afterEventId: 0 })).toBe(
      'NOT_FOUND',
    );

    const hidden = await startThread(t, asker, space);
    await t.app.get(DiscussionsService).setHidden('THREAD', hidden.id, true);
    expect(await refusal('thread.watch', { threadId: hidden.id })).toBe('FORBIDDEN');
    expect(await refusal('thread.resume', { threadId: hidden.id, afterEventId: 0 })).toBe(
      'FORBIDDEN',
    );

    const heard = listen(socket);
    await watch(socket, thread.id);
    expect(await emitWithAck(socket, 'thread.unwatch', { threadId: thread.id })).toEqual({
      ok: true,
      threadId: thread.id,
    });
    await postReply(t, peer, thread.id);
    await eventsSettled(t, 300);
    expect(heard).toEqual([]);
  });

  it('reaches watchers on every API node, once each', async () => {
    const second = await startTestApp({}, { databaseUrl: t.databaseUrl });
    try {
      const thread = await startThread(t, asker, space);
      const here = t.live(watcher.accessToken);
      const there = second.live(watcher.accessToken);
      await Promise.all([whenConnected(here), whenConnected(there)]);
      const heardHere = listen(here);
      const heardThere = listen(there);
      await Promise.all([watch(here, thread.id), watch(there, thread.id)]);
      const arrival = nextEvent(there, 'thread.reply');
      await postReply(t, peer, thread.id);
      await arrival;
      await until(heardHere, 1);
      await new Promise((r) => setTimeout(r, 300));
      expect(heardHere.map((h) => h.data.eventId)).toEqual([1]);
      expect(heardThere.map((h) => h.data.eventId)).toEqual([1]);
    } finally {
      await second.close();
    }
  });
});
