import { FieldErrors } from '@app/core';
import { RegistrationStatus } from './registration.entity';
import { AgendaItem, RoundtableState } from './roundtable.entity';

/** The rules of scheduling that need no database; the service applies them in its transactions. */
export const DURATION_MINUTES = { min: 15, max: 240 } as const;
export const CAPACITY = { min: 2, max: 500 } as const;
export const MAX_AGENDA_ITEMS = 20;
export const MAX_NAMED_FACILITATORS = 5;
export const MAX_TAGS = 5;
/** A session not started this long after `startsAt` becomes MISSED. */
export const MISSED_AFTER_MINUTES = 30;
/** Registered members and facilitators are reminded this long before the start. */
export const REMINDER_MINUTES = 60;
export const MAX_QUESTIONS_PER_MEMBER = 10;

const MINUTE = 60_000;

export function endsAt(startsAt: Date, durationMinutes: number): Date {
  return new Date(startsAt.getTime() + durationMinutes * MINUTE);
}

export function agendaMinutes(agenda: readonly AgendaItem[]): number {
  return agenda.reduce((sum, item) => sum + item.minutes, 0);
}

export interface SchedulePlan {
  startsAt: Date;
  durationMinutes: number;
  agenda: readonly AgendaItem[];
}

/**
 * What is wrong with a plan, by input field. `startsAt` must be in the future only when it is
 * being set: fixing a typo in the title of a session starting now must not be refused.
 */
export function scheduleErrors(plan: SchedulePlan, now: Date, checkStart: boolean): FieldErrors {
  const fields: FieldErrors = {};
  if (checkStart && plan.startsAt.getTime() <= now.getTime()) {
    fields['input.startsAt'] = ['must be in the future'];
  }
  const total = agendaMinutes(plan.agenda);
  if (total > plan.durationMinutes) {
    fields['input.agenda'] = [
      `adds up to ${total} minutes, more than the ${plan.durationMinutes}-minute session: shorten items or lengthen the session`,
    ];
  }
  return fields;
}

/** Why a facilitator may not start the session now, or null when they may. */
export function startRefusal(
  roundtable: { state: RoundtableState; startsAt: Date; durationMinutes: number },
  now: Date,
): string | null {
  if (roundtable.state !== RoundtableState.SCHEDULED) {
    return `This roundtable is ${roundtable.state}: only a SCHEDULED one can be started.`;
  }
  const end = endsAt(roundtable.startsAt, roundtable.durationMinutes);
  const missed = new Date(roundtable.startsAt.getTime() + MISSED_AFTER_MINUTES * MINUTE);
  const deadline = end < missed ? end : missed;
  if (now.getTime() >= deadline.getTime()) {
    return `It is too late to start this roundtable (the deadline was ${deadline.toISOString()}): schedule a new one.`;
  }
  return null;
}

/** Sessions that started before this instant and are still SCHEDULED are MISSED. */
export function missedCutoff(now: Date): Date {
  return new Date(now.getTime() - MISSED_AFTER_MINUTES * MINUTE);
}

/**
 * Where a new registration goes, given the counts read under the roundtable's lock: a seat
 * while one is free, else the end of the waitlist.
 */
export function placeFor(
  counts: { registered: number; waitlisted: number },
  capacity: number,
): { status: RegistrationStatus; position: number | null } {
  return counts.registered < capacity
    ? { status: RegistrationStatus.REGISTERED, position: null }
    : { status: RegistrationStatus.WAITLISTED, position: counts.waitlisted + 1 };
}

/** States in which members may still register, leave, or be let in. */
export function isOpen(state: RoundtableState): boolean {
  return state === RoundtableState.SCHEDULED || state === RoundtableState.LIVE;
}
