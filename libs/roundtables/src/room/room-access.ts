import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuthenticatedMember, Role, hasRole } from '@app/core';
import { RegistrationStatus } from '../registration.entity';
import { RoundtableState } from '../roundtable.entity';
import { RoomError, RoomErrorCode } from './room.errors';

/** The room opens (lobby: presence and chat) this long before `startsAt`. */
export const LOBBY_MINUTES = 15;

/** Who acts in a room, as checked by `RoomAccess`. */
export interface RoomParticipant {
  sessionId: string;
  memberId: string;
  state: RoundtableState;
  chathamHouse: boolean;
  isFacilitator: boolean;
  isModerator: boolean;
  /** REGISTERED, WAITLISTED, or null (facilitators and moderators need no seat). */
  registration: RegistrationStatus | null;
  /** Joined at least once (a `room_participant` row exists). */
  joined: boolean;
  muted: boolean;
  removed: boolean;
}

export interface RoomAccessOptions {
  /** Facilitators and moderators only (floor, agenda, controls). */
  facilitator?: boolean;
  /** A write: muted members are refused. */
  write?: boolean;
  /** Read inside this transaction (after `RoomLog`'s lock, to be serialised with controls). */
  manager?: EntityManager;
}

interface AccessRow {
  state: RoundtableState;
  starts_at: Date;
  chatham_house: boolean;
  facilitator: boolean;
  registration: RegistrationStatus | null;
  joined: boolean;
  muted: boolean | null;
  removed: boolean | null;
}

/** May this member enter (the rule `session.join` applies before the lock and lobby checks)? */
export function mayEnter(
  p: Pick<RoomParticipant, 'isFacilitator' | 'isModerator' | 'registration'>,
) {
  return p.isFacilitator || p.isModerator || p.registration === RegistrationStatus.REGISTERED;
}

export function isRoomOpen(state: RoundtableState, startsAt: Date, now = new Date()): boolean {
  if (state === RoundtableState.LIVE) return true;
  return (
    state === RoundtableState.SCHEDULED &&
    now.getTime() >= startsAt.getTime() - LOBBY_MINUTES * 60_000
  );
}

/**
 * Who may act in a session's room: one statement reads the session, the member's rights and
 * their place in the room.
 */
@Injectable()
export class RoomAccess {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Everything known about the member in this session; NOT_FOUND when there is no session. */
  async participantOf(
    sessionId: string,
    member: Pick<AuthenticatedMember, 'id' | 'role'>,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<RoomParticipant & { startsAt: Date }> {
    const [participant] = await this.participantsOf(sessionId, [member], manager);
    return participant;
  }

  /** `participantOf` for several members in one statement, in the order given. */
  async participantsOf(
    sessionId: string,
    members: ReadonlyArray<Pick<AuthenticatedMember, 'id' | 'role'>>,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Array<RoomParticipant & { startsAt: Date }>> {
    const rows = await manager.query<Array<AccessRow & { member_id: string }>>(
      `SELECT m.id AS member_id, r.state, r.starts_at, r.chatham_house,
              EXISTS (SELECT 1 FROM roundtable_facilitator f
                       WHERE f.roundtable_id = r.id AND f.account_id = m.id) AS facilitator,
              (SELECT g.status FROM roundtable_registration g
                WHERE g.roundtable_id = r.id AND g.account_id = m.id) AS registration,
              p.account_id IS NOT NULL AS joined, p.muted, p.removed_at IS NOT NULL AS removed
         FROM roundtable r
        CROSS JOIN unnest($2::uuid[]) AS m(id)
         LEFT JOIN room_participant p ON p.roundtable_id = r.id AND p.account_id = m.id
        WHERE r.id = $1`,
      [sessionId, [...new Set(members.map((member) => member.id))]],
    );
    if (rows.length === 0) throw RoomError.notFound(sessionId);
    const byId = new Map(rows.map((row) => [row.member_id, row]));
    return members.map((member) => {
      const row = byId.get(member.id) as AccessRow;
      return {
        sessionId,
        memberId: member.id,
        state: row.state,
        startsAt: row.starts_at,
        chathamHouse: row.chatham_house,
        isFacilitator: row.facilitator,
        isModerator: hasRole(member, Role.MODERATOR),
        registration: row.registration,
        joined: row.joined,
        muted: row.muted ?? false,
        removed: row.removed ?? false,
      };
    });
  }

  /**
   * Joined, not removed, the room open; `write`: not muted; `facilitator`: a facilitator or a
   * moderator. Throws the matching RoomError otherwise.
   */
  async assertCanAct(
    sessionId: string,
    member: Pick<AuthenticatedMember, 'id' | 'role'>,
    opts: RoomAccessOptions = {},
  ): Promise<RoomParticipant> {
    const participant = await this.participantOf(sessionId, member, opts.manager);
    const refused = refusalOf(participant, opts);
    if (refused) throw refused;
    return participant;
  }
}

/** Why the participant may not act (see `assertCanAct`), or null. */
export function refusalOf(participant: RoomParticipant, opts: RoomAccessOptions = {}) {
  if (participant.removed) {
    return new RoomError(RoomErrorCode.REMOVED, 'You were removed from this session.');
  }
  if (
    participant.state !== RoundtableState.LIVE &&
    participant.state !== RoundtableState.SCHEDULED
  ) {
    return RoomError.closed(participant.state);
  }
  if (!participant.joined) {
    return new RoomError(RoomErrorCode.NOT_IN_ROOM, 'Join the session first (`session.join`).');
  }
  if (opts.facilitator && !participant.isFacilitator && !participant.isModerator) {
    return new RoomError(
      RoomErrorCode.NOT_A_FACILITATOR,
      'Only the facilitators of this session or a moderator may do that.',
    );
  }
  if (opts.write && participant.muted) {
    return new RoomError(RoomErrorCode.MUTED, "A facilitator muted you in this session's chat.");
  }
  return null;
}
