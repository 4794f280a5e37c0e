import { AgendaItem } from '../roundtable.entity';

/** The agenda's rules that need no database: where the session is, and what advancing does. */

/** One agenda item as it actually ran (a row of roundtable_agenda_step). */
export interface AgendaStep {
  position: number;
  startedAt: Date;
  endedAt: Date | null;
}

export interface AgendaPosition {
  /** The current item's index; null before the session starts and once the agenda is done. */
  index: number | null;
  item: AgendaItem | null;
  startedAt: Date | null;
  /** When the current item is planned to end: its start plus its minutes. */
  endsAt: Date | null;
  finished: boolean;
}

const MINUTE = 60_000;

/**
 * Steps are written from the first `agenda.advance` on: until then the first item runs from the
 * moment the session went LIVE (no write needed when it starts).
 */
export function agendaPosition(
  agenda: readonly AgendaItem[],
  steps: readonly AgendaStep[],
  sessionStartedAt: Date | null,
): AgendaPosition {
  const none = { index: null, item: null, startedAt: null, endsAt: null };
  if (!steps.length) {
    if (!sessionStartedAt || !agenda.length) return { ...none, finished: false };
    return current(agenda, 0, sessionStartedAt);
  }
  const open = steps.find((step) => step.endedAt === null);
  if (!open) return { ...none, finished: true };
  return current(agenda, open.position, open.startedAt);
}

function current(agenda: readonly AgendaItem[], index: number, startedAt: Date): AgendaPosition {
  const item = agenda[index] ?? null;
  return {
    index,
    item,
    startedAt,
    endsAt: item ? new Date(startedAt.getTime() + item.minutes * MINUTE) : null,
    finished: false,
  };
}

/**
 * The steps after one `agenda.advance` at `now`: the current item ends, the next starts (none
 * after the last). Null when there is nothing left to advance to.
 */
export function advanceAgenda(
  agenda: readonly AgendaItem[],
  steps: readonly AgendaStep[],
  sessionStartedAt: Date,
  now: Date,
): AgendaStep[] | null {
  const position = agendaPosition(agenda, steps, sessionStartedAt);
  if (position.index === null || position.startedAt === null) return null;
  const rest = steps.filter((step) => step.position !== position.index);
  const next: AgendaStep[] = [
    ...rest,
    { position: position.index, startedAt: position.startedAt, endedAt: now },
  ];
  if (position.index + 1 < agenda.length) {
    next.push({ position: position.index + 1, startedAt: now, endedAt: null });
  }
  return next.sort((a, b) => a.position - b.position);
}

export interface AgendaRecordItem extends AgendaItem {
  startedAt: string | null;
  endedAt: string | null;
  /** Minutes it actually ran, rounded; null when it never started. */
  actualMinutes: number | null;
}

/**
 * The agenda with actual times: for the record, the item still running ends at `endedAt`; while
 * live (`endedAt` null) it has no end yet.
 */
export function agendaRecord(
  agenda: readonly AgendaItem[],
  steps: readonly AgendaStep[],
  sessionStartedAt: Date | null,
  endedAt: Date | null,
): AgendaRecordItem[] {
  const ran: AgendaStep[] = steps.length
    ? [...steps]
    : sessionStartedAt && agenda.length
      ? [{ position: 0, startedAt: sessionStartedAt, endedAt: null }]
      : [];
  return agenda.map((item, index) => {
    const step = ran.find((s) => s.position === index);
    const end = step ? (step.endedAt ?? endedAt) : null;
    return {
      title: item.title,
      minutes: item.minutes,
      startedAt: step ? step.startedAt.toISOString() : null,
      endedAt: end ? end.toISOString() : null,
      actualMinutes:
        step && end ? Math.round((end.getTime() - step.startedAt.getTime()) / MINUTE) : null,
    };
  });
}
