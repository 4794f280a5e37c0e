import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { EntityManager } from 'typeorm';
import { AuthenticatedMember, requestLoader } from '@app/core';
import { LiveMessage, MessageModeration, MessageTx } from '@app/roundtables';

export interface MessageKey {
  roundtableId: string;
  seq: number;
}

/** Live roundtable messages, read and hidden through the roundtables library's room API. */
@Injectable()
export class RoomMessages {
  constructor(private readonly room: MessageModeration) {}

  /** The message if `reader` may see it (moderators see hidden ones), else null. */
  find(
    roundtableId: string,
    seq: number,
    reader: AuthenticatedMember,
  ): Promise<LiveMessage | null> {
    return this.room.find(roundtableId, seq, reader);
  }

  /** Messages by (roundtable, seq), batched per request (the queue's `current`). */
  loader(request: object): DataLoader<MessageKey, LiveMessage | null> {
    return requestLoader<MessageKey, LiveMessage | null>(
      request,
      'moderation.room-messages',
      (keys) => this.room.findMany(keys),
    );
  }

  /**
   * Runs `work` in the room log's transaction for the session; `setHidden` there hides or
   * restores a message (the room is told after commit).
   */
  transaction<T>(
    roundtableId: string,
    work: (manager: EntityManager, room: MessageTx) => Promise<T>,
  ): Promise<T> {
    return this.room.transaction(roundtableId, (tx) => work(tx.manager, tx));
  }
}
