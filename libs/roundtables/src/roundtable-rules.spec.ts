import { RegistrationStatus } from './registration.entity';
import { RoundtableState } from './roundtable.entity';
import {
  endsAt,
  isOpen,
  missedCutoff,
  placeFor,
  scheduleErrors,
  startRefusal,
} from './roundtable-rules';

const NOW = new Date('2026-03-01T12:00:00.000Z');
const minutes = (n: number) => new Date(NOW.getTime() + n * 60_000);

describe('roundtable rules', () => {
  it('refuses a start in the past, only when the start is being set', () => {
    const plan = { startsAt: minutes(-1), durationMinutes: 60, agenda: [] };
    expect(scheduleErrors(plan, NOW, true)).toEqual({
      'input.startsAt': ['must be in the future'],
    });
    expect(scheduleErrors(plan, NOW, false)).toEqual({});
    expect(scheduleErrors({ ...plan, startsAt: NOW }, NOW, true)).toHaveProperty([
      'input.startsAt',
    ]);
  });

  it('lets the agenda fill the session exactly, not more', () => {
    const agenda = [
      { title: 'Intro', minutes: 10 },
      { title: 'Talk', minutes: 50 },
    ];
    expect(
      scheduleErrors({ startsAt: minutes(60), durationMinutes: 60, agenda }, NOW, true),
    ).toEqual({});
    const over = scheduleErrors({ startsAt: minutes(60), durationMinutes: 59, agenda }, NOW, true);
    expect(over['input.agenda']?.[0]).toMatch(/60 minutes, more than the 59-minute session/);
  });

  it('allows early starts, and none past the scheduled end or the MISSED grace', () => {
    const scheduled = {
      state: RoundtableState.SCHEDULED,
      startsAt: minutes(0),
      durationMinutes: 60,
    };
    expect(startRefusal({ ...scheduled, startsAt: minutes(7 * 24 * 60) }, NOW)).toBeNull();
    expect(startRefusal({ ...scheduled, startsAt: minutes(-29) }, NOW)).toBeNull();
    expect(startRefusal({ ...scheduled, startsAt: minutes(-30) }, NOW)).toMatch(/too late/);
    // A 15-minute session cannot start after its end, before the grace runs out.
    expect(
      startRefusal({ ...scheduled, startsAt: minutes(-15), durationMinutes: 15 }, NOW),
    ).toMatch(/too late/);
    expect(startRefusal({ ...scheduled, state: RoundtableState.LIVE }, NOW)).toMatch(/LIVE/);
  });

  it('computes the end and the MISSED cutoff', () => {
    expect(endsAt(NOW, 90).toISOString()).toBe('2026-03-01T13:30:00.000Z');
    expect(missedCutoff(NOW).toISOString()).toBe('2026-03-01T11:30:00.000Z');
  });

  it('seats while there is room, then queues at the end of the waitlist', () => {
    expect(placeFor({ registered: 9, waitlisted: 0 }, 10)).toEqual({
      status: RegistrationStatus.REGISTERED,
      position: null,
    });
    expect(placeFor({ registered: 10, waitlisted: 0 }, 10)).toEqual({
      status: RegistrationStatus.WAITLISTED,
      position: 1,
    });
    expect(placeFor({ registered: 10, waitlisted: 4 }, 10).position).toBe(5);
  });

  it('is open for registration while scheduled or live only', () => {
    expect(Object.values(RoundtableState).filter(isOpen)).toEqual([
      RoundtableState.SCHEDULED,
      RoundtableState.LIVE,
    ]);
  });
});
