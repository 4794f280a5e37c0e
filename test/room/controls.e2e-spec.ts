import { makeModerator } from '../roundtables/support';
import { startTestApp, TestApp } from '../support/test-app';
import {
  ack,
  collect,
  connect,
  eventually,
  joined,
  ok,
  quickMembers,
  refusal,
  register,
  session,
} from './support';

interface Control {
  sessionId: string;
  seq: number;
  member?: { id: string; handle: string };
  by: { id: string; handle: string };
}

describe('live room: mute, remove, lock', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  it('a facilitator mutes and unmutes a member in the chat; stored and broadcast', async () => {
    const s = await session(t, { registered: 2 });
    const [noisy, other] = s.members;
    const host = await joined(t, s.host, s.id);
    const target = await joined(t, noisy, s.id);
    const bystander = await joined(t, other, s.id);
    const muted = collect<Control>(bystander.socket, 'participant.muted');
    const unmuted = collect<Control>(target.socket, 'participant.unmuted');

    // Only facilitators and moderators.
    const byMember = await ack(bystander.socket, 'participant.mute', {
      sessionId: s.id,
      handle: noisy.handle,
    });
    expect(refusal(byMember)).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_A_FACILITATOR' });

    const done = await ok<{ changed: boolean; seq: number }>(host.socket, 'participant.mute', {
      sessionId: s.id,
      handle: noisy.handle,
    });
    expect(done).toMatchObject({ changed: true, seq: 1 });
    await eventually(() => muted.length === 1);
    expect(muted[0]).toMatchObject({
      sessionId: s.id,
      seq: 1,
      member: { id: noisy.id, handle: noisy.handle },
      by: { id: s.host.id },
    });
    // Again: nothing changes, nothing is stored.
    expect(
      await ok(host.socket, 'participant.mute', { sessionId: s.id, handle: noisy.handle }),
    ).toEqual({
      ok: true,
      changed: false,
    });

    const refused = await ack(target.socket, 'message.send', {
      sessionId: s.id,
      clientId: 'm',
      text: 'hey',
    });
    expect(refusal(refused)).toMatchObject({ code: 'FORBIDDEN', reason: 'MUTED' });
    expect((await joined(t, noisy, s.id)).snapshot.me.muted).toBe(true);

    // Sends grouped into one transaction: the muted one is refused, the others stored.
    const mixed = await Promise.all([
      ack(target.socket, 'message.send', { sessionId: s.id, clientId: 'g1', text: 'no' }),
      ack(bystander.socket, 'message.send', { sessionId: s.id, clientId: 'g2', text: 'yes' }),
      ack(target.socket, 'message.send', { sessionId: s.id, clientId: 'g3', text: 'no' }),
      ack(host.socket, 'message.send', { sessionId: s.id, clientId: 'g4', text: 'yes' }),
    ]);
    expect(mixed.map((r) => r.ok)).toEqual([false, true, false, true]);
    expect(refusal(mixed[2]).reason).toBe('MUTED');

    await ok(host.socket, 'participant.unmute', { sessionId: s.id, handle: noisy.handle });
    await eventually(() => unmuted.length === 1);
    expect(
      (
        await ok<{ seq: number }>(target.socket, 'message.send', {
          sessionId: s.id,
          clientId: 'm',
          text: 'thanks',
        })
      ).seq,
    ).toBe(5);
    const types = await t.sql<{ type: string }>(
      'SELECT type FROM room_event WHERE roundtable_id = $1 ORDER BY seq',
      [s.id],
    );
    expect(types.map((r) => r.type)).toEqual([
      'participant.muted',
      'message.new',
      'message.new',
      'participant.unmuted',
      'message.new',
    ]);
  });

  it('refuses unknown members, facilitators acting on each other, and bad payloads', async () => {
    const s = await session(t, { registered: 1 });
    const [cohost] = await quickMembers(t, 1);
    await t.sql(
      'INSERT INTO roundtable_facilitator (roundtable_id, account_id, position) VALUES ($1, $2, 1)',
      [s.id, cohost.id],
    );
    const host = await joined(t, s.host, s.id);
    await joined(t, cohost, s.id);
    const [stranger] = await quickMembers(t, 1);
    expect(
      refusal(
        await ack(host.socket, 'participant.mute', { sessionId: s.id, handle: stranger.handle }),
      ),
    ).toMatchObject({
      code: 'NOT_FOUND',
      reason: 'MEMBER_NOT_FOUND',
    });
    expect(
      refusal(
        await ack(host.socket, 'participant.remove', { sessionId: s.id, handle: cohost.handle }),
      ).code,
    ).toBe('FORBIDDEN');
    expect(
      refusal(
        await ack(host.socket, 'participant.mute', { sessionId: s.id, handle: s.host.handle }),
      ).code,
    ).toBe('FORBIDDEN');
    expect(
      refusal(await ack(host.socket, 'participant.mute', { sessionId: s.id })).fields?.handle,
    ).toBeDefined();
    // A moderator may act on a facilitator.
    const [moderator] = await quickMembers(t, 1);
    await makeModerator(t, moderator);
    const mod = await joined(t, moderator, s.id);
    expect(
      (
        await ok<{ changed: boolean }>(mod.socket, 'participant.mute', {
          sessionId: s.id,
          handle: cohost.handle,
        })
      ).changed,
    ).toBe(true);
  });

  it('removes a member from the room: out at once, and refused when coming back', async () => {
    const s = await session(t, { registered: 2 });
    const [troll, other] = s.members;
    const host = await joined(t, s.host, s.id);
    const target = await joined(t, troll, s.id);
    const secondTab = await joined(t, troll, s.id);
    const bystander = await joined(t, other, s.id);
    const removedSeen = collect<Control>(target.socket, 'participant.removed');
    const presence = collect<{ member: { id: string }; present: boolean }>(
      bystander.socket,
      'presence.changed',
    );

    const done = await ok<{ changed: boolean; seq: number }>(host.socket, 'participant.remove', {
      sessionId: s.id,
      handle: troll.handle,
    });
    expect(done.changed).toBe(true);
    await eventually(() => removedSeen.length === 1);
    await eventually(() => presence.some((p) => p.member.id === troll.id && !p.present));
    // Neither tab receives the room any more.
    const after = [collect(target.socket, 'message.new'), collect(secondTab.socket, 'message.new')];
    await ok(bystander.socket, 'message.send', { sessionId: s.id, clientId: 'gone', text: 'bye' });
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(after.map((list) => list.length)).toEqual([0, 0]);
    expect(refusal(await ack(target.socket, 'session.join', { sessionId: s.id }))).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'REMOVED',
    });
    expect(
      refusal(
        await ack(target.socket, 'message.send', { sessionId: s.id, clientId: 'z', text: 'x' }),
      ).reason,
    ).toBe('REMOVED');
    const fresh = await connect(t, troll);
    expect(
      refusal(await ack(fresh, 'session.resume', { sessionId: s.id, afterSeq: 0 })).reason,
    ).toBe('REMOVED');
    const roster = (
      await ok<{ roster: Array<{ id: string }> }>(host.socket, 'session.join', { sessionId: s.id })
    ).roster;
    expect(roster.map((m) => m.id)).not.toContain(troll.id);
  });

  it('removing a member ends their turn at the floor or takes down their hand', async () => {
    const s = await session(t, { registered: 4 });
    const [speaker, waiting, raiser, quiet] = s.members;
    const host = await joined(t, s.host, s.id);
    const watcher = await joined(t, waiting, s.id);
    for (const member of [speaker, raiser, quiet]) await joined(t, member, s.id);
    const given = await ok<{ seq: number; startedAt: string }>(host.socket, 'floor.give', {
      sessionId: s.id,
      handle: speaker.handle,
    });
    await ok(watcher.socket, 'hand.raise', { sessionId: s.id });
    await ok((await joined(t, raiser, s.id)).socket, 'hand.raise', { sessionId: s.id });
    type Floor = { seq: number; speaker: { handle: string } | null; previous: unknown };
    type Queue = { seq: number; queue: Array<{ member: { handle: string } }> };
    const floor = collect<Floor>(watcher.socket, 'floor.changed');
    const queue = collect<Queue>(watcher.socket, 'queue.changed');
    const remove = (handle: string) =>
      ok<{ seq: number }>(host.socket, 'participant.remove', { sessionId: s.id, handle });

    // The speaker: their turn ends in the removal's transaction, right after its event.
    const speakerOut = await remove(speaker.handle);
    await eventually(() => floor.length === 1);
    expect(floor[0]).toMatchObject({
      seq: speakerOut.seq + 1,
      speaker: null,
      previous: { speaker: { handle: speaker.handle }, startedAt: given.startedAt },
    });
    // A raised hand: it comes down.
    const raiserOut = await remove(raiser.handle);
    await eventually(() => queue.length === 1);
    expect(queue[0].seq).toBe(raiserOut.seq + 1);
    expect(queue[0].queue.map((entry) => entry.member.handle)).toEqual([waiting.handle]);
    const state = await ok<{ floor: { speaker: unknown }; queue: unknown[] }>(
      host.socket,
      'session.join',
      { sessionId: s.id },
    );
    expect(state.floor.speaker).toBeNull();
    expect(state.queue).toHaveLength(1);
    // Someone who neither speaks nor waits: nothing more is stored.
    const quietOut = await remove(quiet.handle);
    const resumed = await ok<{ events: Array<{ seq: number }> }>(watcher.socket, 'session.resume', {
      sessionId: s.id,
      afterSeq: raiserOut.seq + 1,
    });
    expect(resumed.events.map((event) => event.seq)).toEqual([quietOut.seq]);
    expect(floor).toHaveLength(1);
  });

  it('locks the room: no new joins (members already in may come back; staff always); unlock', async () => {
    const s = await session(t, { registered: 2 });
    const [inside, late] = s.members;
    const host = await joined(t, s.host, s.id);
    const member = await joined(t, inside, s.id);
    const locks = collect<Control>(member.socket, 'room.locked');
    expect(refusal(await ack(member.socket, 'room.lock', { sessionId: s.id })).reason).toBe(
      'NOT_A_FACILITATOR',
    );
    expect(await ok(host.socket, 'room.lock', { sessionId: s.id })).toMatchObject({
      changed: true,
      seq: 1,
    });
    await eventually(() => locks.length === 1);
    expect(locks[0]).toMatchObject({ sessionId: s.id, seq: 1, by: { id: s.host.id } });
    expect(await ok(host.socket, 'room.lock', { sessionId: s.id })).toEqual({
      ok: true,
      changed: false,
    });

    const lateSocket = await connect(t, late);
    expect(refusal(await ack(lateSocket, 'session.join', { sessionId: s.id }))).toMatchObject({
      code: 'FORBIDDEN',
      reason: 'ROOM_LOCKED',
    });
    expect((await joined(t, inside, s.id)).snapshot.locked).toBe(true);
    const [moderator, newcomer] = await quickMembers(t, 2);
    await makeModerator(t, moderator);
    await joined(t, moderator, s.id);
    await register(t, s.id, newcomer);

    await ok(host.socket, 'room.unlock', { sessionId: s.id });
    expect(
      (await ok<{ locked: boolean }>(lateSocket, 'session.join', { sessionId: s.id })).locked,
    ).toBe(false);
    const types = await t.sql<{ type: string }>(
      'SELECT type FROM room_event WHERE roundtable_id = $1 ORDER BY seq',
      [s.id],
    );
    expect(types.map((r) => r.type)).toEqual(['room.locked', 'room.unlocked']);
  });

  it('refuses suspended members any write', async () => {
    const s = await session(t, { registered: 1 });
    const { socket } = await joined(t, s.members[0], s.id);
    await t.sql(`UPDATE account SET suspended_until = now() + interval '1 day' WHERE id = $1`, [
      s.members[0].id,
    ]);
    const suspended = await connect(t, s.members[0]);
    await ok(suspended, 'session.join', { sessionId: s.id });
    expect(
      refusal(await ack(suspended, 'message.send', { sessionId: s.id, clientId: 'a', text: 'x' }))
        .code,
    ).toBe('FORBIDDEN');
    socket.disconnect();
  });
});
