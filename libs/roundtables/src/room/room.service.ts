import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AccountsService, AuthenticatedMember, LiveSocket, memberRoom } from '@app/core';
import { RegistrationStatus } from '../registration.entity';
import { RoundtableState } from '../roundtable.entity';
import { RoomAccess, RoomParticipant, isRoomOpen, mayEnter } from './room-access';
import { RoomBroadcaster } from './room-broadcaster';
import { RoomLog, StoredRoomEvent, sessionRoom, wirePayload } from './room-log';
import { RoomSnapshotParts } from './room-parts';
import { PresenceRemoval, RosterMember, RoomPresence } from './room-presence';
import { RoomError, RoomErrorCode } from './room.errors';

/** Messages in the join ack. */
export const SNAPSHOT_MESSAGES = 100;
/** `session.resume` replays at most this many events; past it, the client joins afresh. */
export const RESUME_LIMIT = 1000;
const HEARTBEAT_MS = 5000;

export const PRESENCE_CHANGED = 'presence.changed';

type Entered = RoomParticipant & { startsAt: Date };

/** What a member sees of themself in the room. */
export interface RoomSelf {
  id: string;
  handle: string;
  isFacilitator: boolean;
  isModerator: boolean;
  muted: boolean;
}

/**
 * Entering and leaving rooms, presence and snapshots. A socket joins `session:<id>` before the
 * snapshot is read, so whatever commits after the read reaches it as a broadcast: no gap, and a
 * client ignores what it already holds (seq ≤ lastSeq).
 */
@Injectable()
export class RoomService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(RoomService.name);
  /** The sessions each socket of this node joined (for disconnects). */
  private readonly joined = new Map<string, Set<string>>();
  /** Roster names by socket, read once per connection. */
  private readonly profiles = new Map<string, RosterMember>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly accounts: AccountsService,
    private readonly access: RoomAccess,
    private readonly log: RoomLog,
    private readonly broadcaster: RoomBroadcaster,
    private readonly presence: RoomPresence,
    private readonly parts: RoomSnapshotParts,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.presence.heartbeat();
    // Keeps this node alive in Redis and clears what dead nodes left in the rosters.
    this.timer = setInterval(() => {
      this.tick().catch((error: unknown) =>
        this.logger.warn({ err: error }, 'Presence heartbeat or sweep failed'),
      );
    }, HEARTBEAT_MS);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.presence.shutdown();
  }

  private async tick(): Promise<void> {
    await this.presence.heartbeat();
    for (const { sessionId, ...removal } of await this.presence.sweep()) {
      await this.departed(sessionId, removal);
    }
  }

  /** The member's name as the roster and messages show it. */
  async profileOf(socket: LiveSocket): Promise<RosterMember> {
    const known = this.profiles.get(socket.id);
    if (known) return known;
    const member = socket.data.member;
    const account = await this.accounts.findById(member.id);
    const profile = {
      id: member.id,
      handle: account?.handle ?? member.handle,
      displayName: account?.displayName ?? member.handle,
    };
    this.profiles.set(socket.id, profile);
    return profile;
  }

  /** `session.join`: checks, enters the room, and returns the snapshot. */
  async join(socket: LiveSocket, sessionId: string): Promise<Record<string, unknown>> {
    const participant = await this.enter(socket, sessionId);
    return this.snapshot(socket.data.member, participant);
  }

  /** `session.resume`: enters again and replays what was stored after `afterSeq`. */
  async resume(socket: LiveSocket, sessionId: string, afterSeq: number) {
    await this.enter(socket, sessionId);
    const [events, roster] = await Promise.all([
      this.log.eventsAfter(sessionId, afterSeq, RESUME_LIMIT + 1),
      this.presence.roster(sessionId),
    ]);
    if (events.length > RESUME_LIMIT) {
      return { truncated: true, events: [], lastSeq: await this.log.lastSeq(sessionId), roster };
    }
    return {
      truncated: false,
      events: events.map((event) => ({
        seq: event.seq,
        type: event.type,
        payload: wirePayload(sessionId, event),
      })),
      lastSeq: events.at(-1)?.seq ?? Math.min(afterSeq, await this.log.lastSeq(sessionId)),
      roster,
    };
  }

  async leave(socket: LiveSocket, sessionId: string): Promise<void> {
    await socket.leave(sessionRoom(sessionId));
    this.joined.get(socket.id)?.delete(sessionId);
    const removal = await this.presence.remove(sessionId, socket.id);
    if (removal) await this.departed(sessionId, removal);
  }

  async disconnected(socket: LiveSocket): Promise<void> {
    const sessions = this.joined.get(socket.id) ?? new Set<string>();
    this.joined.delete(socket.id);
    this.profiles.delete(socket.id);
    for (const sessionId of sessions) {
      const removal = await this.presence.remove(sessionId, socket.id);
      if (removal) await this.departed(sessionId, removal);
    }
  }

  /** Takes every socket of the member out of the room, on every node (`participant.remove`). */
  async evict(sessionId: string, memberId: string): Promise<void> {
    await this.broadcaster.server.in(memberRoom(memberId)).socketsLeave(sessionRoom(sessionId));
    for (const removal of await this.presence.removeMember(sessionId, memberId)) {
      await this.departed(sessionId, removal);
    }
  }

  private async enter(socket: LiveSocket, sessionId: string): Promise<Entered> {
    const member = socket.data.member;
    const participant = await this.access.participantOf(sessionId, member);
    if (!mayEnter(participant)) {
      throw new RoomError(
        RoomErrorCode.NOT_A_PARTICIPANT,
        participant.registration === RegistrationStatus.WAITLISTED
          ? 'You are on the waitlist: only members holding a seat may enter.'
          : 'Only registered members, the facilitators and moderators may enter this session.',
      );
    }
    if (participant.removed) {
      throw new RoomError(RoomErrorCode.REMOVED, 'You were removed from this session.');
    }
    if (
      participant.state !== RoundtableState.SCHEDULED &&
      participant.state !== RoundtableState.LIVE
    ) {
      throw RoomError.closed(participant.state);
    }
    if (!isRoomOpen(participant.state, participant.startsAt)) {
      throw new RoomError(
        RoomErrorCode.NOT_OPEN_YET,
        'The room opens 15 minutes before the session starts.',
      );
    }
    const staff = participant.isFacilitator || participant.isModerator;
    // Inserted only while unlocked (or for staff, or a member already in): `room.lock`.
    const rows = await this.dataSource.query<Array<{ muted: boolean }>>(
      `INSERT INTO room_participant (roundtable_id, account_id)
       SELECT $1, $2 WHERE $3 OR NOT EXISTS (
         SELECT 1 FROM room_state WHERE roundtable_id = $1 AND locked)
       ON CONFLICT (roundtable_id, account_id) DO UPDATE SET muted = room_participant.muted
       RETURNING muted`,
      [sessionId, member.id, staff || participant.joined],
    );
    if (rows.length === 0) {
      throw new RoomError(RoomErrorCode.ROOM_LOCKED, 'The room is locked: no new joins.');
    }
    await socket.join(sessionRoom(sessionId));
    const mine = this.joined.get(socket.id) ?? new Set<string>();
    mine.add(sessionId);
    this.joined.set(socket.id, mine);
    const profile = await this.profileOf(socket);
    const arrived = await this.presence.add(sessionId, {
      ...profile,
      socketId: socket.id,
      nodeId: this.presence.nodeId,
    });
    if (arrived) {
      await this.dataSource.query(
        `UPDATE room_participant SET present_since = COALESCE(present_since, now())
          WHERE roundtable_id = $1 AND account_id = $2`,
        [sessionId, member.id],
      );
      this.log.emitEphemeral(sessionId, PRESENCE_CHANGED, { member: profile, present: true });
    }
    return { ...participant, joined: true, muted: rows[0].muted };
  }

  /** A socket left: when it was the member's last, close their stretch and tell the room. */
  private async departed(sessionId: string, { entry, last }: PresenceRemoval): Promise<void> {
    if (!last) return;
    await this.dataSource.query(
      `UPDATE room_participant
          SET present_seconds = present_seconds
                + GREATEST(0, EXTRACT(EPOCH FROM now() - present_since))::int,
              present_since = NULL
        WHERE roundtable_id = $1 AND account_id = $2 AND present_since IS NOT NULL`,
      [sessionId, entry.id],
    );
    const member = { id: entry.id, handle: entry.handle, displayName: entry.displayName };
    this.log.emitEphemeral(sessionId, PRESENCE_CHANGED, { member, present: false });
  }

  private async snapshot(viewer: AuthenticatedMember, participant: Entered) {
    const { sessionId } = participant;
    // One statement: the messages and lastSeq agree (parts read later may be newer).
    const rows = await this.dataSource.query<
      Array<{
        last_seq: number | null;
        locked: boolean | null;
        agenda: unknown;
        events: StoredRoomEvent[] | null;
      }>
    >(
      `SELECT s.last_seq, s.locked, r.agenda,
              (SELECT json_agg(json_build_object('seq', e.seq, 'type', e.type,
                        'payload', e.payload, 'at', e.created_at) ORDER BY e.seq)
                 FROM (SELECT * FROM room_event
                        WHERE roundtable_id = r.id AND type = 'message.new'
                        ORDER BY seq DESC LIMIT $2) e) AS events
         FROM roundtable r LEFT JOIN room_state s ON s.roundtable_id = r.id
        WHERE r.id = $1`,
      [sessionId, SNAPSHOT_MESSAGES],
    );
    const row = rows[0];
    const [roster, parts] = await Promise.all([
      this.presence.roster(sessionId),
      this.parts.build(sessionId, viewer),
    ]);
    const me: RoomSelf = {
      id: viewer.id,
      handle: viewer.handle,
      isFacilitator: participant.isFacilitator,
      isModerator: participant.isModerator,
      muted: participant.muted,
    };
    return {
      sessionId,
      state: participant.state,
      startsAt: participant.startsAt.toISOString(),
      locked: row?.locked ?? false,
      me,
      roster,
      agenda: { items: row?.agenda ?? [], current: null },
      messages: (row?.events ?? []).map((event) => wirePayload(sessionId, event)),
      lastSeq: row?.last_seq ?? 0,
      ...parts,
    };
  }
}
