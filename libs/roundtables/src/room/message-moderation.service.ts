import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuthenticatedMember, Role, ServerEvents, hasRole } from '@app/core';
import { MESSAGE_NEW } from './messages.service';
import { RoomLog } from './room-log';
import { MESSAGE_HIDDEN_BY_MODERATION } from './room-server-events';

/** Not stored (no seq of their own): `{sessionId, seq}` names the message hidden. */
export const MESSAGE_HIDDEN = 'message.hidden';
/** `{sessionId, seq, clientId, author, text, sentAt}`: the message is back. */
export const MESSAGE_RESTORED = 'message.restored';

/** A chat message as moderation sees it (hidden ones included). */
export interface LiveMessage {
  roundtableId: string;
  seq: number;
  roundtableTitle: string;
  authorId: string | null;
  text: string;
  hidden: boolean;
}

/** Inside `MessageModeration.transaction`. */
export interface MessageTx {
  manager: EntityManager;
  /** Hides or restores one message; false when it already was so, null when it is no message. */
  setHidden(seq: number, hidden: boolean): Promise<boolean | null>;
}

interface MessageRow {
  roundtable_id: string;
  seq: number;
  title: string;
  actor_id: string | null;
  payload: { text?: unknown };
  hidden: boolean;
  participated: boolean;
}

const MESSAGE_SQL = (where: string) => `
  SELECT e.roundtable_id, e.seq, r.title, e.actor_id, coalesce(h.payload, e.payload) AS payload,
         h.seq IS NOT NULL AS hidden,
         EXISTS (SELECT 1 FROM room_participant p
                  WHERE p.roundtable_id = e.roundtable_id AND p.account_id = $1) AS participated
    FROM room_event e
    JOIN roundtable r ON r.id = e.roundtable_id
    LEFT JOIN room_hidden_message h ON h.roundtable_id = e.roundtable_id AND h.seq = e.seq
   WHERE e.type IN ('${MESSAGE_NEW}', '${MESSAGE_HIDDEN}') AND ${where}`;

/**
 * Hiding chat messages (for moderation, which calls this and audits it). A hidden message's log
 * row becomes `message.hidden` with no content, so its seq stays in the log (resumes stay
 * gap-free) while every join, resume and record leaves its text out, the record already written
 * included; the room hears `message.hidden {sessionId, seq}` at once, and other libraries
 * (the archive's recaps) `roundtables.message-hidden` after the commit.
 */
@Injectable()
export class MessageModeration {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly log: RoomLog,
    private readonly events: ServerEvents,
  ) {}

  /** The message if `reader` may see it: moderators always, members who took part unless hidden. */
  async find(
    sessionId: string,
    seq: number,
    reader: Pick<AuthenticatedMember, 'id' | 'role'>,
  ): Promise<LiveMessage | null> {
    const [row] = await this.dataSource.query<MessageRow[]>(
      MESSAGE_SQL('e.roundtable_id = $2 AND e.seq = $3'),
      [reader.id, sessionId, seq],
    );
    if (!row) return null;
    if (!hasRole(reader, Role.MODERATOR) && (!row.participated || row.hidden)) return null;
    return toMessage(row);
  }

  /** Messages by (session, seq) for moderators, in one statement. */
  async findMany(
    keys: ReadonlyArray<{ roundtableId: string; seq: number }>,
  ): Promise<Array<LiveMessage | null>> {
    const rows = await this.dataSource.query<MessageRow[]>(
      MESSAGE_SQL('(e.roundtable_id, e.seq) IN (SELECT * FROM unnest($2::uuid[], $3::int[]))'),
      [null, keys.map((key) => key.roundtableId), keys.map((key) => key.seq)],
    );
    const byKey = new Map(rows.map((row) => [`${row.roundtable_id}:${row.seq}`, toMessage(row)]));
    return keys.map((key) => byKey.get(`${key.roundtableId}:${key.seq}`) ?? null);
  }

  /** `hideMessage(sessionId, seq, hidden)`: false when it already was so, null when no message. */
  hideMessage(sessionId: string, seq: number, hidden: boolean): Promise<boolean | null> {
    return this.transaction(sessionId, (tx) => tx.setHidden(seq, hidden));
  }

  /**
   * Runs `work` in the session's log transaction (its row locked, as every room write; ended
   * sessions too, so that messages can be hidden after the end), then tells the room.
   */
  async transaction<T>(sessionId: string, work: (tx: MessageTx) => Promise<T>): Promise<T> {
    const events: Array<[string, Record<string, unknown>]> = [];
    const result = await this.log.run(sessionId, true, ({ manager }) =>
      work({
        manager,
        setHidden: async (seq, hidden) => {
          const event = await this.setHidden(manager, sessionId, seq, hidden);
          if (event) {
            events.push(event);
            return true;
          }
          return (await this.exists(manager, sessionId, seq)) ? false : null;
        },
      }),
    );
    for (const [name, payload] of events) {
      this.log.emitEphemeral(sessionId, name, payload);
      await this.events.emit(MESSAGE_HIDDEN_BY_MODERATION, {
        roundtableId: sessionId,
        seq: payload.seq as number,
        hidden: name === MESSAGE_HIDDEN,
      });
    }
    return result;
  }

  /** The event to send, or null when nothing changed. */
  private async setHidden(
    manager: EntityManager,
    sessionId: string,
    seq: number,
    hidden: boolean,
  ): Promise<[string, Record<string, unknown>] | null> {
    if (hidden) {
      const [[row]] = await manager.query<[Array<{ payload: Record<string, unknown> }>, number]>(
        `WITH old AS (SELECT payload FROM room_event
                       WHERE roundtable_id = $1 AND seq = $2 AND type = '${MESSAGE_NEW}' FOR UPDATE)
         UPDATE room_event e SET type = '${MESSAGE_HIDDEN}', payload = '{}'::jsonb FROM old
          WHERE e.roundtable_id = $1 AND e.seq = $2 RETURNING old.payload`,
        [sessionId, seq],
      );
      if (!row) return null;
      await manager.query(
        `INSERT INTO room_hidden_message (roundtable_id, seq, payload) VALUES ($1, $2, $3::jsonb)`,
        [sessionId, seq, JSON.stringify(row.payload)],
      );
      await this.rewriteTranscript(manager, sessionId, seq, null);
      return [MESSAGE_HIDDEN, { seq }];
    }
    const [[row]] = await manager.query<[Array<{ payload: Record<string, unknown> }>, number]>(
      `DELETE FROM room_hidden_message WHERE roundtable_id = $1 AND seq = $2 RETURNING payload`,
      [sessionId, seq],
    );
    if (!row) return null;
    await manager.query(
      `UPDATE room_event SET type = '${MESSAGE_NEW}', payload = $3::jsonb
        WHERE roundtable_id = $1 AND seq = $2`,
      [sessionId, seq, JSON.stringify(row.payload)],
    );
    await this.rewriteTranscript(manager, sessionId, seq, row.payload);
    return [MESSAGE_RESTORED, { ...row.payload, seq }];
  }

  /**
   * The session's record, if already written, follows: the message `seq` leaves its transcript,
   * or comes back in its place (`restored`: the message's payload; no author under the Chatham
   * House rule, as the record writer does).
   */
  private async rewriteTranscript(
    manager: EntityManager,
    sessionId: string,
    seq: number,
    restored: Record<string, unknown> | null,
  ): Promise<void> {
    await manager.query(
      `UPDATE room_record SET record = jsonb_set(record, '{transcript}', (
         SELECT coalesce(jsonb_agg(m ORDER BY (m->>'seq')::int), '[]'::jsonb)
           FROM (SELECT m FROM jsonb_array_elements(record->'transcript') m
                  WHERE (m->>'seq')::int <> $2
                 UNION ALL
                 SELECT jsonb_build_object(
                          'seq', $2::int,
                          'author', CASE WHEN (record->>'chathamHouse')::boolean THEN 'null'::jsonb
                                         ELSE coalesce($3::jsonb->'author', 'null'::jsonb) END,
                          'text', $3::jsonb->'text',
                          'sentAt', $3::jsonb->'sentAt')
                  WHERE $3::jsonb IS NOT NULL) kept))
        WHERE roundtable_id = $1 AND jsonb_typeof(record->'transcript') = 'array'`,
      [sessionId, seq, restored ? JSON.stringify(restored) : null],
    );
  }

  private async exists(manager: EntityManager, sessionId: string, seq: number) {
    const rows = await manager.query<unknown[]>(
      `SELECT 1 FROM room_event WHERE roundtable_id = $1 AND seq = $2
          AND type IN ('${MESSAGE_NEW}', '${MESSAGE_HIDDEN}')`,
      [sessionId, seq],
    );
    return rows.length > 0;
  }
}

function toMessage(row: MessageRow): LiveMessage {
  return {
    roundtableId: row.roundtable_id,
    seq: row.seq,
    roundtableTitle: row.title,
    authorId: row.actor_id,
    text: typeof row.payload.text === 'string' ? row.payload.text : '',
    hidden: row.hidden,
  };
}
