import ICAL from 'ical.js';
import { buildCalendar, eventUid } from './ics';
import { RoundtableState } from './roundtable.entity';

const ENTRY = {
  id: '6f1c1a52-8d5e-4c55-9a3c-0b7c2b2a9e01',
  title: 'Proving ROI; with commas, and "quotes"',
  startsAt: new Date('2026-03-04T16:00:00.000Z'),
  durationMinutes: 90,
  agenda: [
    { title: 'Welcome', minutes: 10 },
    { title: 'Dashboards executives read', minutes: 60 },
  ],
  state: RoundtableState.SCHEDULED,
  sequence: 3,
  createdAt: new Date('2026-03-01T10:00:00.000Z'),
  updatedAt: new Date('2026-03-02T10:00:00.000Z'),
};

function events(ics: string): ICAL.Event[] {
  return new ICAL.Component(ICAL.parse(ics))
    .getAllSubcomponents('vevent')
    .map((vevent) => new ICAL.Event(vevent));
}

describe('buildCalendar', () => {
  const link = (id: string) => `https://roundtable.example/roundtables/${id}`;

  it('writes one event that ical.js reads back', () => {
    const [event] = events(buildCalendar('Roundtable', [ENTRY], link));
    expect(event.uid).toBe(eventUid(ENTRY.id));
    expect(event.summary).toBe(ENTRY.title);
    expect(event.sequence).toBe(3);
    expect(event.startDate.toJSDate().toISOString()).toBe('2026-03-04T16:00:00.000Z');
    expect(event.endDate.toJSDate().toISOString()).toBe('2026-03-04T17:30:00.000Z');
    expect(event.description).toContain('1. Welcome (10 min)');
    expect(event.description).toContain('2. Dashboards executives read (60 min)');
    expect(event.description).toContain(link(ENTRY.id));
    expect(event.component.getFirstPropertyValue('url')).toBe(link(ENTRY.id));
    expect(event.component.getFirstPropertyValue('status')).toBe('CONFIRMED');
  });

  it.each([RoundtableState.CANCELLED, RoundtableState.MISSED])(
    'marks a %s session cancelled',
    (state) => {
      const [event] = events(buildCalendar('Roundtable', [{ ...ENTRY, state }], link));
      expect(event.component.getFirstPropertyValue('status')).toBe('CANCELLED');
      expect(event.description).toMatch(/will not take place/);
    },
  );

  it('writes an empty calendar when there is nothing to show', () => {
    expect(events(buildCalendar('Mine', [], link))).toEqual([]);
  });
});
