import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuthenticatedMember, Role, hasRole } from '@app/core';
import { RoomActivityError, RoomActivityErrorCode } from './room-activities.errors';
import { Actor, MemberRef, assertLive, iso, memberJson } from './room-activity';
import { RoomAccess } from './room-access';
import { RoomLog } from './room-log';

export const TAKEAWAY_NEW = 'takeaway.new';
export const TAKEAWAY_CHANGED = 'takeaway.changed';
export const TAKEAWAY_REMOVED = 'takeaway.removed';
export const SNAPSHOT_TAKEAWAYS = 200;

export interface LiveTakeaway {
  id: string;
  text: string;
  pinned: boolean;
  pinnedAt: string | null;
  createdAt: string;
  /** Null in Chatham House sessions (as for questions), except to the author and moderators. */
  author: MemberRef | null;
}

interface TakeawayRow {
  id: string;
  text: string;
  pinned_at: Date | null;
  created_at: Date;
  author: MemberRef;
  chatham_house: boolean;
}

const SELECT_TAKEAWAYS = `
  SELECT t.id, t.text, t.pinned_at, t.created_at, ${memberJson('a')} AS author, r.chatham_house
    FROM roundtable_takeaway t
    JOIN roundtable r ON r.id = t.roundtable_id
    JOIN account a ON a.id = t.author_id`;

/** Takeaways: anyone in the room writes one; facilitators pin the best and remove the rest. */
@Injectable()
export class TakeawaysService {
  constructor(
    private readonly log: RoomLog,
    private readonly access: RoomAccess,
  ) {}

  /** Text the room reads: muted members may not add one. */
  add(
    member: Actor,
    sessionId: string,
    text: string,
  ): Promise<{ seq: number; takeawayId: string }> {
    return this.log.transact(sessionId, async ({ manager, append }) => {
      await assertLive(this.access, sessionId, member, manager, { write: true });
      const [row] = await manager.query<Array<{ id: string }>>(
        `INSERT INTO roundtable_takeaway (roundtable_id, author_id, text, created_at)
         VALUES ($1, $2, $3, clock_timestamp()) RETURNING id`,
        [sessionId, member.id, text],
      );
      const takeaway = await this.load(manager, sessionId, row.id);
      const event = await append(TAKEAWAY_NEW, { takeaway }, member.id);
      return { seq: event.seq, takeawayId: row.id };
    });
  }

  /** Pins (or, with `pinned: false`, unpins); already so: nothing stored, `seq` null. */
  pin(
    member: Actor,
    sessionId: string,
    takeawayId: string,
    pinned: boolean,
  ): Promise<{ seq: number | null }> {
    return this.log.transact(sessionId, async ({ manager, append }) => {
      await assertLive(this.access, sessionId, member, manager, { facilitator: true });
      const before = await this.load(manager, sessionId, takeawayId);
      if (before.pinned === pinned) return { seq: null };
      await manager.query(
        `UPDATE roundtable_takeaway
            SET pinned_at = CASE WHEN $2::boolean THEN clock_timestamp() END WHERE id = $1`,
        [takeawayId, pinned],
      );
      const takeaway = await this.load(manager, sessionId, takeawayId);
      const event = await append(TAKEAWAY_CHANGED, { takeaway }, member.id);
      return { seq: event.seq };
    });
  }

  /** Removed takeaways are kept (for moderators) but shown to nobody, nor recorded. */
  remove(member: Actor, sessionId: string, takeawayId: string): Promise<{ seq: number }> {
    return this.log.transact(sessionId, async ({ manager, append }) => {
      await assertLive(this.access, sessionId, member, manager, { facilitator: true });
      await this.load(manager, sessionId, takeawayId);
      await manager.query(
        'UPDATE roundtable_takeaway SET removed_at = clock_timestamp(), pinned_at = NULL WHERE id = $1',
        [takeawayId],
      );
      const event = await append(TAKEAWAY_REMOVED, { takeawayId }, member.id);
      return { seq: event.seq };
    });
  }

  /** The snapshot: pinned first, then oldest first. */
  async snapshot(
    manager: EntityManager,
    sessionId: string,
    viewer: AuthenticatedMember,
  ): Promise<LiveTakeaway[]> {
    const rows = await manager.query<TakeawayRow[]>(
      `${SELECT_TAKEAWAYS}
        WHERE t.roundtable_id = $1 AND t.removed_at IS NULL
        ORDER BY t.pinned_at IS NULL, t.pinned_at, t.created_at, t.id
        LIMIT ${SNAPSHOT_TAKEAWAYS}`,
      [sessionId],
    );
    const moderator = hasRole(viewer, Role.MODERATOR);
    return rows.map((row) =>
      toTakeaway(row, row.chatham_house && row.author.id !== viewer.id && !moderator),
    );
  }

  /** The record's takeaways: the pinned ones, in the order they were pinned. */
  async record(manager: EntityManager, sessionId: string, chathamHouse: boolean) {
    const rows = await manager.query<TakeawayRow[]>(
      `${SELECT_TAKEAWAYS}
        WHERE t.roundtable_id = $1 AND t.removed_at IS NULL AND t.pinned_at IS NOT NULL
        ORDER BY t.pinned_at, t.id`,
      [sessionId],
    );
    return rows.map((row) => toTakeaway(row, chathamHouse));
  }

  private async load(
    manager: EntityManager,
    sessionId: string,
    takeawayId: string,
  ): Promise<LiveTakeaway> {
    const [row] = await manager.query<TakeawayRow[]>(
      `${SELECT_TAKEAWAYS} WHERE t.id = $1 AND t.roundtable_id = $2 AND t.removed_at IS NULL`,
      [takeawayId, sessionId],
    );
    if (!row) {
      throw new RoomActivityError(
        RoomActivityErrorCode.TAKEAWAY_NOT_FOUND,
        `This session has no takeaway with the id "${takeawayId}" (or it was removed).`,
      );
    }
    return toTakeaway(row, row.chatham_house);
  }
}

function toTakeaway(row: TakeawayRow, hideAuthor: boolean): LiveTakeaway {
  return {
    id: row.id,
    text: row.text,
    pinned: row.pinned_at !== null,
    pinnedAt: iso(row.pinned_at),
    createdAt: row.created_at.toISOString(),
    author: hideAuthor ? null : row.author,
  };
}
