import { Injectable } from '@nestjs/common';
import { AuthenticatedMember, Role, hasRole } from '@app/core';
import { RoomAccess } from './room-access';
import { RoomLog, RoomTx } from './room-log';
import { RoomRemovalHooks } from './room-parts';
import { RosterMember } from './room-presence';
import { RoomError, RoomErrorCode } from './room.errors';
import { RoomService } from './room.service';

/** What a control's ack carries: whether it changed anything, and its event's seq if so. */
export interface ControlResult {
  changed: boolean;
  seq?: number;
}

interface Target extends RosterMember {
  muted: boolean;
  removed: boolean;
  staff: boolean;
}

/**
 * Facilitators' and moderators' controls. Each runs in the log's transaction (after its lock),
 * is stored as an event and broadcast; repeating one changes nothing and stores nothing.
 */
@Injectable()
export class ControlsService {
  constructor(
    private readonly log: RoomLog,
    private readonly access: RoomAccess,
    private readonly room: RoomService,
    private readonly removalHooks: RoomRemovalHooks,
  ) {}

  mute(actor: AuthenticatedMember, sessionId: string, handle: string, muted: boolean) {
    return this.log.transact(sessionId, async (tx) => {
      const target = await this.target(tx, actor, sessionId, handle);
      if (target.muted === muted) return { changed: false };
      await tx.manager.query(
        'UPDATE room_participant SET muted = $3 WHERE roundtable_id = $1 AND account_id = $2',
        [sessionId, target.id, muted],
      );
      const event = await tx.append(
        muted ? 'participant.muted' : 'participant.unmuted',
        { member: publicOf(target), by: { id: actor.id, handle: actor.handle } },
        actor.id,
      );
      return { changed: true, seq: event.seq };
    });
  }

  /**
   * Out of the room on every node, and refused if they come back; their turn at the floor ends
   * and their hand comes down (RoomRemovalHooks), in the same transaction.
   */
  async remove(actor: AuthenticatedMember, sessionId: string, handle: string) {
    const result = await this.log.transact(
      sessionId,
      async (tx): Promise<ControlResult & { id?: string }> => {
        const target = await this.target(tx, actor, sessionId, handle);
        if (target.removed) return { changed: false };
        await tx.manager.query(
          `UPDATE room_participant SET removed_at = now()
          WHERE roundtable_id = $1 AND account_id = $2`,
          [sessionId, target.id],
        );
        const event = await tx.append(
          'participant.removed',
          { member: publicOf(target), by: { id: actor.id, handle: actor.handle } },
          actor.id,
        );
        await this.removalHooks.run(tx, sessionId, target.id, actor.id);
        return { changed: true, seq: event.seq, id: target.id };
      },
    );
    // After the broadcast, so the removed member's sockets hear of it too.
    if (result.id) await this.room.evict(sessionId, result.id);
    return { changed: result.changed, ...(result.seq ? { seq: result.seq } : {}) };
  }

  lock(actor: AuthenticatedMember, sessionId: string, locked: boolean): Promise<ControlResult> {
    return this.log.run(sessionId, false, async (tx, state) => {
      await this.access.assertCanAct(sessionId, actor, { facilitator: true, manager: tx.manager });
      if (state.locked === locked) return { changed: false };
      await tx.manager.query('UPDATE room_state SET locked = $2 WHERE roundtable_id = $1', [
        sessionId,
        locked,
      ]);
      const event = await tx.append(
        locked ? 'room.locked' : 'room.unlocked',
        { by: { id: actor.id, handle: actor.handle } },
        actor.id,
      );
      return { changed: true, seq: event.seq };
    });
  }

  /** The member acted upon: in this room; staff only by a moderator. */
  private async target(
    tx: RoomTx,
    actor: AuthenticatedMember,
    sessionId: string,
    handle: string,
  ): Promise<Target> {
    await this.access.assertCanAct(sessionId, actor, { facilitator: true, manager: tx.manager });
    const [row] = await tx.manager.query<
      Array<{
        id: string;
        handle: string;
        display_name: string;
        role: Role;
        muted: boolean;
        removed: boolean;
        facilitator: boolean;
      }>
    >(
      `SELECT a.id, a.handle, a.display_name, a.role, p.muted, p.removed_at IS NOT NULL AS removed,
              EXISTS (SELECT 1 FROM roundtable_facilitator f
                       WHERE f.roundtable_id = p.roundtable_id AND f.account_id = a.id) AS facilitator
         FROM account a JOIN room_participant p ON p.account_id = a.id AND p.roundtable_id = $1
        WHERE a.handle = lower($2)`,
      [sessionId, handle.trim()],
    );
    if (!row) {
      throw new RoomError(
        RoomErrorCode.MEMBER_NOT_FOUND,
        `No member with the handle "${handle}" has joined this session.`,
      );
    }
    const staff = row.facilitator || hasRole(row, Role.MODERATOR);
    if (row.id === actor.id || (staff && !hasRole(actor, Role.MODERATOR))) {
      throw new RoomError(
        RoomErrorCode.NOT_A_FACILITATOR,
        'Facilitators and moderators are controlled by a moderator only, and never by themselves.',
      );
    }
    return {
      id: row.id,
      handle: row.handle,
      displayName: row.display_name,
      muted: row.muted,
      removed: row.removed,
      staff,
    };
  }
}

function publicOf(target: Target): RosterMember {
  return { id: target.id, handle: target.handle, displayName: target.displayName };
}
