import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AgendaItem } from '../roundtable.entity';
import {
  AgendaPosition,
  AgendaRecordItem,
  AgendaStep,
  advanceAgenda,
  agendaPosition,
  agendaRecord,
} from './agenda.rules';
import { RoomActivityError, RoomActivityErrorCode } from './room-activities.errors';
import { Actor, assertLive, dbNow, iso } from './room-activity';
import { RoomAccess } from './room-access';
import { RoomLog } from './room-log';

export const AGENDA_CHANGED = 'agenda.changed';

/** `agenda.changed`, and the current position in the snapshot. */
export interface AgendaView {
  /** Index of the current item; null before the start and once the agenda is done. */
  index: number | null;
  item: AgendaItem | null;
  startedAt: string | null;
  /** When the current item is planned to end. */
  endsAt: string | null;
  finished: boolean;
  total: number;
}

interface SessionRow {
  agenda: AgendaItem[];
  started_at: Date | null;
  ended_at: Date | null;
}

interface StepRow {
  position: number;
  started_at: Date;
  ended_at: Date | null;
}

/** The agenda: facilitators advance it; each item's actual times are kept for the record. */
@Injectable()
export class AgendaService {
  constructor(
    private readonly log: RoomLog,
    private readonly access: RoomAccess,
  ) {}

  /**
   * Ends the current item and starts the next. `from`, when sent, must be the current index:
   * two facilitators pressing "next" together then advance once, not twice.
   */
  advance(member: Actor, sessionId: string, from?: number): Promise<{ seq: number } & AgendaView> {
    return this.log.transact(sessionId, async ({ manager, append }) => {
      await assertLive(this.access, sessionId, member, manager, { facilitator: true });
      const { agenda, startedAt, steps } = await this.load(manager, sessionId);
      const before = agendaPosition(agenda, steps, startedAt);
      if (from !== undefined && before.index !== from) {
        throw new RoomActivityError(
          RoomActivityErrorCode.AGENDA_MOVED,
          `The agenda is no longer on item ${from} (it is on ${before.index ?? 'none'}): someone advanced it first.`,
        );
      }
      const now = await dbNow(manager);
      const next = advanceAgenda(agenda, steps, startedAt ?? now, now);
      if (!next) {
        throw new RoomActivityError(
          RoomActivityErrorCode.AGENDA_FINISHED,
          'The agenda is finished: there is no item left to advance to.',
        );
      }
      await this.save(manager, sessionId, steps, next);
      const view = toView(agenda, agendaPosition(agenda, next, startedAt));
      const event = await append(AGENDA_CHANGED, { ...view }, member.id);
      return { seq: event.seq, ...view };
    });
  }

  /** The snapshot's part: every item with its actual times so far, and the current position. */
  async snapshot(
    manager: EntityManager,
    sessionId: string,
  ): Promise<AgendaView & { items: AgendaRecordItem[] }> {
    const { agenda, startedAt, steps } = await this.load(manager, sessionId);
    return {
      ...toView(agenda, agendaPosition(agenda, steps, startedAt)),
      items: agendaRecord(agenda, steps, startedAt, null),
    };
  }

  /** The record's agenda: planned minutes and actual times (the running item ends now). */
  async record(manager: EntityManager, sessionId: string): Promise<AgendaRecordItem[]> {
    const { agenda, startedAt, endedAt, steps } = await this.load(manager, sessionId);
    return agendaRecord(agenda, steps, startedAt, endedAt ?? (await dbNow(manager)));
  }

  private async load(manager: EntityManager, sessionId: string) {
    const [session] = await manager.query<SessionRow[]>(
      'SELECT agenda, started_at, ended_at FROM roundtable WHERE id = $1',
      [sessionId],
    );
    const rows = await manager.query<StepRow[]>(
      `SELECT position, started_at, ended_at FROM roundtable_agenda_step
        WHERE roundtable_id = $1 ORDER BY position`,
      [sessionId],
    );
    const steps: AgendaStep[] = rows.map((row) => ({
      position: row.position,
      startedAt: row.started_at,
      endedAt: row.ended_at,
    }));
    return {
      agenda: session?.agenda ?? [],
      startedAt: session?.started_at ?? null,
      endedAt: session?.ended_at ?? null,
      steps,
    };
  }

  /** Writes the steps that changed (the implicit first one is written on the first advance). */
  private async save(
    manager: EntityManager,
    sessionId: string,
    before: AgendaStep[],
    after: AgendaStep[],
  ): Promise<void> {
    for (const step of after) {
      const old = before.find((s) => s.position === step.position);
      if (old && old.endedAt?.getTime() === step.endedAt?.getTime()) continue;
      await manager.query(
        `INSERT INTO roundtable_agenda_step (roundtable_id, position, started_at, ended_at)
         VALUES ($1, $2, $3, $4)
         ON CONFLICT (roundtable_id, position) DO UPDATE SET ended_at = EXCLUDED.ended_at`,
        [sessionId, step.position, step.startedAt, step.endedAt],
      );
    }
  }
}

function toView(agenda: AgendaItem[], position: AgendaPosition): AgendaView {
  return {
    index: position.index,
    item: position.item ? { title: position.item.title, minutes: position.item.minutes } : null,
    startedAt: iso(position.startedAt),
    endsAt: iso(position.endsAt),
    finished: position.finished,
    total: agenda.length,
  };
}
