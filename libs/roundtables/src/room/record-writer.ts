import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ServerEvents } from '@app/core';
import { AgendaItem, RoundtableEntity, RoundtableState } from '../roundtable.entity';
import { RoomLog } from './room-log';
import { RoomRecordParts } from './room-parts';
import { RosterMember } from './room-presence';
import { ROUNDTABLE_ENDED } from './room-server-events';

/** The record as stored (jsonb): ISO times, names already left out for Chatham House. */
export interface StoredRecord {
  roundtableId: string;
  chathamHouse: boolean;
  startedAt: string | null;
  endedAt: string | null;
  agenda: Array<{
    title: string;
    minutes: number;
    startedAt: string | null;
    endedAt: string | null;
  }>;
  transcript: Array<{ seq: number; author: RosterMember | null; text: string; sentAt: string }>;
  attendance: {
    joinedCount: number;
    minutesPresent: number;
    members: Array<{ member: RosterMember; minutesPresent: number; firstJoinedAt: string }>;
  };
  parts: Record<string, unknown>;
}

export const SESSION_ENDED = 'session.ended';
/** How often a node looks for ended sessions whose record is missing (a node died in between). */
const CATCH_UP_MS = 60_000;

/**
 * Writes a session's record when it ends, once: in one log transaction it stores `session.ended`,
 * closes the log (nothing is stored after), closes open presence stretches, and keeps the record.
 */
@Injectable()
export class RecordWriter implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(RecordWriter.name);
  private timer: NodeJS.Timeout | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: ServerEvents,
    private readonly log: RoomLog,
    private readonly parts: RoomRecordParts,
  ) {}

  onModuleInit(): void {
    this.events.on(ROUNDTABLE_ENDED, ({ roundtableId }) => this.write(roundtableId));
    this.timer = setInterval(() => {
      this.catchUp().catch((error: unknown) =>
        this.logger.warn({ err: error }, 'Writing missing records failed'),
      );
    }, CATCH_UP_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /**
   * The event is in-process: if the node died between the end's commit and the record, another
   * node writes it here (writing is idempotent under the log's lock).
   */
  async catchUp(): Promise<void> {
    const missing = await this.dataSource.query<Array<{ id: string }>>(
      `SELECT r.id FROM roundtable r
        WHERE r.state = 'ENDED' AND r.ended_at > now() - interval '7 days'
          AND r.ended_at < now() - interval '1 minute'
          AND NOT EXISTS (SELECT 1 FROM room_record rr WHERE rr.roundtable_id = r.id)
        LIMIT 20`,
    );
    for (const { id } of missing) await this.write(id);
  }

  async write(roundtableId: string): Promise<void> {
    const roundtable = await this.dataSource
      .getRepository(RoundtableEntity)
      .findOneBy({ id: roundtableId });
    if (!roundtable || roundtable.state !== RoundtableState.ENDED) return;
    const endedAt = roundtable.endedAt ?? new Date();
    await this.log.run(roundtableId, true, async (tx, state) => {
      if (state.closedAt) return; // written already (the event came twice)
      await tx.append(SESSION_ENDED, { endedAt: endedAt.toISOString() });
      const { manager } = tx;
      await manager.query(`UPDATE room_state SET closed_at = now() WHERE roundtable_id = $1`, [
        roundtableId,
      ]);
      await manager.query(
        `UPDATE room_participant
            SET present_seconds = present_seconds
                  + GREATEST(0, EXTRACT(EPOCH FROM $2::timestamptz - present_since))::int,
                present_since = NULL
          WHERE roundtable_id = $1 AND present_since IS NOT NULL`,
        [roundtableId, endedAt],
      );
      const record = await this.build(manager, roundtable, endedAt);
      await manager.query(
        `INSERT INTO room_record (roundtable_id, record) VALUES ($1, $2::jsonb)
         ON CONFLICT (roundtable_id) DO NOTHING`,
        [roundtableId, JSON.stringify(record)],
      );
    });
    this.logger.log({ roundtableId }, 'Roundtable record written');
  }

  private async build(
    manager: EntityManager,
    roundtable: RoundtableEntity,
    endedAt: Date,
  ): Promise<StoredRecord> {
    const id = roundtable.id;
    const anonymous = roundtable.chathamHouse;
    const messages = await manager.query<
      Array<{ seq: number; payload: { author: RosterMember; text: string; sentAt: string } }>
    >(
      `SELECT seq, payload FROM room_event WHERE roundtable_id = $1 AND type = 'message.new'
        ORDER BY seq`,
      [id],
    );
    const advances = await manager.query<Array<{ index: number | null; at: Date }>>(
      `SELECT (payload->>'index')::int AS index, created_at AS at FROM room_event
        WHERE roundtable_id = $1 AND type = 'agenda.changed' AND jsonb_typeof(payload->'index') IN ('number', 'null')
        ORDER BY seq`,
      [id],
    );
    const attendees = await manager.query<
      Array<{ id: string; handle: string; display_name: string; seconds: number; first: Date }>
    >(
      `SELECT a.id, a.handle, a.display_name, p.present_seconds AS seconds, p.first_joined_at AS first
         FROM room_participant p JOIN account a ON a.id = p.account_id
        WHERE p.roundtable_id = $1 ORDER BY p.first_joined_at, a.handle`,
      [id],
    );
    const minutes = (seconds: number) => Math.round(seconds / 60);
    return {
      roundtableId: id,
      chathamHouse: anonymous,
      startedAt: roundtable.startedAt?.toISOString() ?? null,
      endedAt: endedAt.toISOString(),
      agenda: agendaTimes(roundtable.agenda, roundtable.startedAt, endedAt, advances),
      transcript: messages.map(({ seq, payload }) => ({
        seq,
        author: anonymous ? null : payload.author,
        text: payload.text,
        sentAt: payload.sentAt,
      })),
      attendance: {
        joinedCount: attendees.length,
        minutesPresent: minutes(attendees.reduce((sum, a) => sum + a.seconds, 0)),
        members: anonymous
          ? []
          : attendees.map((a) => ({
              member: { id: a.id, handle: a.handle, displayName: a.display_name },
              minutesPresent: minutes(a.seconds),
              firstJoinedAt: a.first.toISOString(),
            })),
      },
      parts: await this.parts.build(id, manager, anonymous),
    };
  }
}

/**
 * Each item's start: when `agenda.changed` first made it current, else as planned from the
 * session's start; each ends when the next starts (the last at the session's end).
 */
export function agendaTimes(
  agenda: AgendaItem[],
  startedAt: Date | null,
  endedAt: Date,
  advances: Array<{ index: number | null; at: Date }>,
): StoredRecord['agenda'] {
  const actual = new Map<number, Date>();
  for (const { index, at } of advances) {
    if (index !== null && !actual.has(index)) actual.set(index, at);
  }
  let planned = startedAt?.getTime() ?? null;
  const starts = agenda.map((item, i) => {
    const start = actual.get(i) ?? (planned === null ? null : new Date(planned));
    if (start) planned = start.getTime() + item.minutes * 60_000;
    return start && start.getTime() <= endedAt.getTime() ? start : null;
  });
  const pastEnd = advances.find((a) => a.index === null)?.at ?? endedAt;
  return agenda.map((item, i) => {
    const start = starts[i];
    const next = starts.slice(i + 1).find((s): s is Date => s !== null) ?? pastEnd;
    return {
      title: item.title,
      minutes: item.minutes,
      startedAt: start?.toISOString() ?? null,
      endedAt: start ? new Date(Math.min(next.getTime(), endedAt.getTime())).toISOString() : null,
    };
  });
}
