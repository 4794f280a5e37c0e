import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { RoomActivityError, RoomActivityErrorCode } from './room-activities.errors';
import { Actor, MemberRef, assertLive, dbNow, iso, memberJson } from './room-activity';
import { RoomAccess } from './room-access';
import { RoomError, RoomErrorCode } from './room.errors';
import { RoomLog, RoomTx } from './room-log';
import { QUEUE_CHANGED, SpeakingQueueService } from './speaking-queue.service';

export const FLOOR_CHANGED = 'floor.changed';

/** Who has the floor, since when (clients show the elapsed time from `startedAt`). */
export interface FloorState {
  speaker: MemberRef | null;
  startedAt: string | null;
}

/** `floor.changed`: the new state, and the turn that just ended, if any. */
export interface FloorChange extends FloorState {
  previous: { speaker: MemberRef; startedAt: string; endedAt: string } | null;
}

interface TurnRow {
  speaker: MemberRef;
  started_at: Date;
  ended_at: Date | null;
}

/** The floor: facilitators give it (to the next in line or a named member) and end it. */
@Injectable()
export class FloorService {
  constructor(
    private readonly log: RoomLog,
    private readonly access: RoomAccess,
    private readonly queue: SpeakingQueueService,
  ) {}

  /** Ends the current turn, if any, and starts `handle`'s, or the next in line's. */
  give(member: Actor, sessionId: string, handle?: string): Promise<{ seq: number } & FloorState> {
    return this.log.transact(sessionId, async (tx) => {
      const { manager } = tx;
      await assertLive(this.access, sessionId, member, manager, { facilitator: true });
      const speaker = handle
        ? await this.namedSpeaker(manager, sessionId, handle)
        : await this.nextInLine(manager, sessionId);
      const current = await this.current(manager, sessionId);
      if (current && current.speaker.id === speaker.id) {
        throw new RoomActivityError(
          RoomActivityErrorCode.ALREADY_SPEAKING,
          `@${speaker.handle} has the floor already.`,
        );
      }
      const now = await dbNow(manager);
      const previous = await this.endTurn(manager, sessionId, now);
      await manager.query(
        `INSERT INTO roundtable_floor_turn (roundtable_id, speaker_id, started_at)
         VALUES ($1, $2, $3)`,
        [sessionId, speaker.id, now],
      );
      const change: FloorChange = { speaker, startedAt: now.toISOString(), previous };
      const event = await tx.append(FLOOR_CHANGED, { ...change }, member.id);
      // Called on, their hand comes down; the queue now ranks them among those who have spoken.
      if (await this.queue.dropHand(manager, sessionId, speaker.id)) {
        await this.appendQueue(tx, sessionId, member.id);
      }
      return { seq: event.seq, speaker, startedAt: change.startedAt };
    });
  }

  end(member: Actor, sessionId: string): Promise<{ seq: number }> {
    return this.log.transact(sessionId, async ({ manager, append }) => {
      await assertLive(this.access, sessionId, member, manager, { facilitator: true });
      const previous = await this.endTurn(manager, sessionId, await dbNow(manager));
      if (!previous) {
        throw new RoomActivityError(
          RoomActivityErrorCode.NO_SPEAKER,
          'Nobody has the floor: there is no turn to end.',
        );
      }
      const change: FloorChange = { speaker: null, startedAt: null, previous };
      const event = await append(FLOOR_CHANGED, { ...change }, member.id);
      return { seq: event.seq };
    });
  }

  /** A removed member's turn ends (`floor.changed`, nobody speaking); their hand comes down. */
  async onRemoved(tx: RoomTx, sessionId: string, memberId: string, actorId: string) {
    const current = await this.current(tx.manager, sessionId);
    if (current?.speaker.id === memberId) {
      const previous = await this.endTurn(tx.manager, sessionId, await dbNow(tx.manager));
      const change: FloorChange = { speaker: null, startedAt: null, previous };
      await tx.append(FLOOR_CHANGED, { ...change }, actorId);
    }
    if (await this.queue.dropHand(tx.manager, sessionId, memberId)) {
      await this.appendQueue(tx, sessionId, actorId);
    }
  }

  /** The open turn, if any. */
  async current(manager: EntityManager, sessionId: string): Promise<TurnRow | null> {
    const [row] = await manager.query<TurnRow[]>(
      `SELECT ${memberJson('a')} AS speaker, t.started_at, t.ended_at
         FROM roundtable_floor_turn t JOIN account a ON a.id = t.speaker_id
        WHERE t.roundtable_id = $1 AND t.ended_at IS NULL`,
      [sessionId],
    );
    return row ?? null;
  }

  async stateOf(manager: EntityManager, sessionId: string): Promise<FloorState> {
    const turn = await this.current(manager, sessionId);
    return { speaker: turn?.speaker ?? null, startedAt: iso(turn?.started_at ?? null) };
  }

  private async endTurn(
    manager: EntityManager,
    sessionId: string,
    now: Date,
  ): Promise<FloorChange['previous']> {
    const current = await this.current(manager, sessionId);
    if (!current) return null;
    await manager.query(
      `UPDATE roundtable_floor_turn SET ended_at = $2
        WHERE roundtable_id = $1 AND ended_at IS NULL`,
      [sessionId, now],
    );
    return {
      speaker: current.speaker,
      startedAt: current.started_at.toISOString(),
      endedAt: now.toISOString(),
    };
  }

  private async nextInLine(manager: EntityManager, sessionId: string): Promise<MemberRef> {
    const [next] = await this.queue.queueOf(manager, sessionId);
    if (!next) {
      throw new RoomActivityError(
        RoomActivityErrorCode.QUEUE_EMPTY,
        'Nobody has a hand raised: name the member to give the floor to (`handle`).',
      );
    }
    return next.member;
  }

  /** A member named by handle must be in the room: joined once, and not removed. */
  private async namedSpeaker(
    manager: EntityManager,
    sessionId: string,
    handle: string,
  ): Promise<MemberRef> {
    const [row] = await manager.query<
      Array<{ member: MemberRef; joined: boolean; removed: boolean }>
    >(
      `SELECT ${memberJson('a')} AS member, p.account_id IS NOT NULL AS joined,
              p.removed_at IS NOT NULL AS removed
         FROM account a
         LEFT JOIN room_participant p ON p.roundtable_id = $1 AND p.account_id = a.id
        WHERE a.handle = $2 AND a.deleted_at IS NULL`,
      [sessionId, handle.trim().toLowerCase()],
    );
    if (!row) {
      throw new RoomError(RoomErrorCode.MEMBER_NOT_FOUND, `No member has the handle "${handle}".`);
    }
    if (!row.joined || row.removed) {
      throw new RoomActivityError(
        RoomActivityErrorCode.SPEAKER_NOT_IN_ROOM,
        `@${row.member.handle} is not in this session's room: the floor goes to a member who joined.`,
        { fields: { handle: ['is not in the room'] } },
      );
    }
    return row.member;
  }

  private async appendQueue(tx: RoomTx, sessionId: string, actorId: string): Promise<void> {
    const queue = await this.queue.queueOf(tx.manager, sessionId);
    await tx.append(QUEUE_CHANGED, { queue }, actorId);
  }
}
