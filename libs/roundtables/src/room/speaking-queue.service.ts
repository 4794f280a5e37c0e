import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { RoomActivityError, RoomActivityErrorCode } from './room-activities.errors';
import { Actor, MemberRef, assertLive, changedRows, memberJson } from './room-activity';
import { RoomAccess } from './room-access';
import { RoomError, RoomErrorCode } from './room.errors';
import { RoomLog } from './room-log';
import { orderQueue } from './speaking-queue.rules';

export const QUEUE_CHANGED = 'queue.changed';

/** One raised hand, as `queue.changed` and the snapshot show it, in the fair order. */
export interface QueueEntry {
  member: MemberRef;
  raisedAt: string;
  hasSpoken: boolean;
}

interface HandRow {
  member: MemberRef;
  raised_at: Date;
  has_spoken: boolean;
}

/** What a hand write answers: the stored event's seq (null when nothing changed). */
export interface HandResult {
  seq: number | null;
  /** 1-based place in the queue after the change; null when not in it. */
  position: number | null;
}

/** The speaking queue: raised hands in the fair order (not yet spoken first, then by time). */
@Injectable()
export class SpeakingQueueService {
  constructor(
    private readonly log: RoomLog,
    private readonly access: RoomAccess,
  ) {}

  raise(member: Actor, sessionId: string): Promise<HandResult> {
    return this.log.transact(sessionId, async ({ manager, append }) => {
      await assertLive(this.access, sessionId, member, manager);
      const [speaking] = await manager.query<unknown[]>(
        `SELECT 1 FROM roundtable_floor_turn
          WHERE roundtable_id = $1 AND speaker_id = $2 AND ended_at IS NULL`,
        [sessionId, member.id],
      );
      if (speaking) {
        throw new RoomActivityError(
          RoomActivityErrorCode.ALREADY_SPEAKING,
          'You have the floor already: no need to raise your hand.',
        );
      }
      // clock_timestamp(), not now(): under RoomLog's lock it follows the order of the log.
      const inserted = await manager.query<unknown[]>(
        `INSERT INTO roundtable_hand (roundtable_id, account_id, raised_at)
         VALUES ($1, $2, clock_timestamp()) ON CONFLICT DO NOTHING RETURNING account_id`,
        [sessionId, member.id],
      );
      const queue = await this.queueOf(manager, sessionId);
      const position = placeOf(queue, member.id);
      // Raised already (a retry, a second tab): nothing changed, nothing to broadcast.
      if (!inserted.length) return { seq: null, position };
      const event = await append(QUEUE_CHANGED, { queue }, member.id);
      return { seq: event.seq, position };
    });
  }

  /** Lowers the member's own hand, or (facilitators, moderators) the hand of `handle`. */
  lower(member: Actor, sessionId: string, handle?: string): Promise<HandResult> {
    return this.log.transact(sessionId, async ({ manager, append }) => {
      const participant = await assertLive(this.access, sessionId, member, manager);
      let whose = member.id;
      if (handle !== undefined) {
        whose = await this.memberIdOf(manager, handle);
        if (whose !== member.id && !participant.isFacilitator && !participant.isModerator) {
          throw new RoomError(
            RoomErrorCode.NOT_A_FACILITATOR,
            "Only the facilitators of this session or a moderator may lower someone else's hand.",
          );
        }
      }
      const removed = await this.dropHand(manager, sessionId, whose);
      if (!removed) return { seq: null, position: null };
      const queue = await this.queueOf(manager, sessionId);
      const event = await append(QUEUE_CHANGED, { queue }, member.id);
      return { seq: event.seq, position: null };
    });
  }

  /** The queue in the fair order; members removed from the room are left out. */
  async queueOf(manager: EntityManager, sessionId: string): Promise<QueueEntry[]> {
    const rows = await manager.query<HandRow[]>(
      `SELECT ${memberJson('a')} AS member, h.raised_at,
              EXISTS (SELECT 1 FROM roundtable_floor_turn t
                       WHERE t.roundtable_id = h.roundtable_id AND t.speaker_id = h.account_id)
                AS has_spoken
         FROM roundtable_hand h
         JOIN account a ON a.id = h.account_id
         LEFT JOIN room_participant p
                ON p.roundtable_id = h.roundtable_id AND p.account_id = h.account_id
        WHERE h.roundtable_id = $1 AND p.removed_at IS NULL`,
      [sessionId],
    );
    const ordered = orderQueue(
      rows.map((row) => ({
        memberId: row.member.id,
        raisedAt: row.raised_at,
        hasSpoken: row.has_spoken,
        member: row.member,
      })),
    );
    return ordered.map((hand) => ({
      member: hand.member,
      raisedAt: hand.raisedAt.toISOString(),
      hasSpoken: hand.hasSpoken,
    }));
  }

  /** Deletes a member's hand; whether there was one. */
  async dropHand(manager: EntityManager, sessionId: string, memberId: string): Promise<boolean> {
    const rows = await changedRows(
      manager,
      `DELETE FROM roundtable_hand WHERE roundtable_id = $1 AND account_id = $2
       RETURNING account_id`,
      [sessionId, memberId],
    );
    return rows.length > 0;
  }

  private async memberIdOf(manager: EntityManager, handle: string): Promise<string> {
    const [row] = await manager.query<Array<{ id: string }>>(
      'SELECT id FROM account WHERE handle = $1 AND deleted_at IS NULL',
      [handle.trim().toLowerCase()],
    );
    if (!row) {
      throw new RoomError(RoomErrorCode.MEMBER_NOT_FOUND, `No member has the handle "${handle}".`);
    }
    return row.id;
  }
}

function placeOf(queue: readonly QueueEntry[], memberId: string): number | null {
  const index = queue.findIndex((entry) => entry.member.id === memberId);
  return index < 0 ? null : index + 1;
}
