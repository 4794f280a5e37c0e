import { endsAt } from './roundtable-rules';
import { RegistrationEntity } from './registration.entity';
import { RoundtableEntity } from './roundtable.entity';
import { RegistrationModel, RoundtableModel } from './roundtable.models';

export function toRoundtable(row: RoundtableEntity): RoundtableModel {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    startsAt: row.startsAt,
    endsAt: endsAt(row.startsAt, row.durationMinutes),
    durationMinutes: row.durationMinutes,
    capacity: row.capacity,
    chathamHouse: row.chathamHouse,
    state: row.state,
    agenda: row.agenda.map((item) => ({ title: item.title, minutes: item.minutes })),
    tags: row.tags,
    cancelReason: row.cancelReason,
    cancelledAt: row.cancelledAt,
    startedAt: row.startedAt,
    endedAt: row.endedAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    hostId: row.hostId,
    previousId: row.previousId,
  };
}

export function toRegistration(row: RegistrationEntity): RegistrationModel {
  return {
    status: row.status,
    position: row.position,
    registeredAt: row.createdAt,
    roundtableId: row.roundtableId,
  };
}

/** A time as text for notification titles: "2026-03-04 16:00 UTC". */
export function formatWhen(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** The in-app path of a roundtable, for notifications. */
export function roundtablePath(id: string): string {
  return `/roundtables/${id}`;
}
