import { EntityManager } from 'typeorm';
import { AuthenticatedMember } from '@app/core';
import { RoundtableState } from '../roundtable.entity';
import { RoomActivityError, RoomActivityErrorCode } from './room-activities.errors';
import { RoomAccess, RoomAccessOptions, RoomParticipant } from './room-access';

/** Helpers shared by the room's activities (queue, floor, agenda, Q&A, takeaways, polls, reactions). */

/** A member as room events show them. */
export interface MemberRef {
  id: string;
  handle: string;
  displayName: string;
}

/** SQL building a MemberRef from an `account` row aliased `alias`. */
export function memberJson(alias: string): string {
  return `json_build_object('id', ${alias}.id, 'handle', ${alias}.handle, 'displayName', ${alias}.display_name)`;
}

export type Actor = Pick<AuthenticatedMember, 'id' | 'role'>;

/**
 * `RoomAccess.assertCanAct` read inside the caller's transaction (after RoomLog's lock, so a
 * mute or removal cannot slip in between), then: the session must be LIVE, as the lobby takes
 * chat and presence only.
 */
export async function assertLive(
  access: RoomAccess,
  sessionId: string,
  member: Actor,
  manager: EntityManager,
  options: Omit<RoomAccessOptions, 'manager'> = {},
): Promise<RoomParticipant> {
  const participant = await access.assertCanAct(sessionId, member, { ...options, manager });
  if (participant.state !== RoundtableState.LIVE) {
    throw new RoomActivityError(
      RoomActivityErrorCode.NOT_LIVE,
      'The session has not started yet: the lobby takes chat and presence only. The speaking queue, agenda, Q&A, takeaways, polls and reactions open once a facilitator starts it.',
    );
  }
  return participant;
}

/** The database's clock, read in the transaction (ordered with the log under its lock). */
export async function dbNow(manager: EntityManager): Promise<Date> {
  const [row] = await manager.query<Array<{ now: Date }>>('SELECT clock_timestamp() AS now');
  return row.now;
}

export const iso = (date: Date | null): string | null => (date ? date.toISOString() : null);

/**
 * The rows of an UPDATE or DELETE ... RETURNING. TypeORM's `query()` answers `[rows, count]` for
 * those commands (not the rows), so they run wrapped in a SELECT.
 */
export function changedRows<T>(
  manager: EntityManager,
  sql: string,
  params: unknown[],
): Promise<T[]> {
  return manager.query<T[]>(`WITH changed AS (${sql}) SELECT * FROM changed`, params);
}
