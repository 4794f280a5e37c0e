import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { endsAt } from './roundtable-rules';
import { AgendaItem, RoundtableState } from './roundtable.entity';

/** What a calendar entry carries: title, time, agenda and a link; never who takes part. */
export interface CalendarEntry {
  id: string;
  title: string;
  startsAt: Date;
  durationMinutes: number;
  agenda: readonly AgendaItem[];
  state: RoundtableState;
  sequence: number;
  createdAt: Date;
  updatedAt: Date;
}

/** A stable UID per roundtable, so calendar apps update the entry instead of adding another. */
export function eventUid(roundtableId: string): string {
  return `roundtable-${roundtableId}@roundtable`;
}

/** CANCELLED and MISSED sessions did not take place: calendars show them as cancelled. */
function statusOf(state: RoundtableState): ICalEventStatus {
  return state === RoundtableState.CANCELLED || state === RoundtableState.MISSED
    ? ICalEventStatus.CANCELLED
    : ICalEventStatus.CONFIRMED;
}

export function describe(entry: CalendarEntry, link: string): string {
  const agenda = entry.agenda.map((item, i) => `${i + 1}. ${item.title} (${item.minutes} min)`);
  const cancelled = statusOf(entry.state) === ICalEventStatus.CANCELLED;
  return [
    ...(cancelled ? ['This roundtable will not take place.', ''] : []),
    'Agenda:',
    ...agenda,
    '',
    `Details and the room: ${link}`,
  ].join('\n');
}

/** An iCalendar document (RFC 5545) with one VEVENT per entry. */
export function buildCalendar(
  name: string,
  entries: readonly CalendarEntry[],
  linkOf: (id: string) => string,
): string {
  const calendar = ical({
    name,
    prodId: { company: 'Roundtable', product: 'Roundtables', language: 'EN' },
    method: ICalCalendarMethod.PUBLISH,
    // Hint to subscribing apps: look for changes hourly.
    ttl: 3600,
  });
  for (const entry of entries) {
    const link = linkOf(entry.id);
    calendar.createEvent({
      id: eventUid(entry.id),
      sequence: entry.sequence,
      start: entry.startsAt,
      end: endsAt(entry.startsAt, entry.durationMinutes),
      summary: entry.title,
      description: describe(entry, link),
      url: link,
      status: statusOf(entry.state),
      created: entry.createdAt,
      lastModified: entry.updatedAt,
      stamp: entry.updatedAt,
    });
  }
  return calendar.toString();
}
