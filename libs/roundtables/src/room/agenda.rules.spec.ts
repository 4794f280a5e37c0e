import { advanceAgenda, agendaPosition, agendaRecord } from './agenda.rules';

const agenda = [
  { title: 'Welcome', minutes: 10 },
  { title: 'Dashboards', minutes: 40 },
  { title: 'Wrap-up', minutes: 10 },
];
const t = (minute: number) => new Date(Date.UTC(2030, 0, 1, 12, minute));

describe('where the agenda is', () => {
  it('is nowhere before the session starts', () => {
    expect(agendaPosition(agenda, [], null)).toEqual({
      index: null,
      item: null,
      startedAt: null,
      endsAt: null,
      finished: false,
    });
  });

  it('is on the first item from the start, ending after its minutes', () => {
    expect(agendaPosition(agenda, [], t(0))).toEqual({
      index: 0,
      item: agenda[0],
      startedAt: t(0),
      endsAt: t(10),
      finished: false,
    });
  });

  it('follows the open step once advanced', () => {
    const steps = [
      { position: 0, startedAt: t(0), endedAt: t(12) },
      { position: 1, startedAt: t(12), endedAt: null },
    ];
    expect(agendaPosition(agenda, steps, t(0))).toMatchObject({
      index: 1,
      item: agenda[1],
      startedAt: t(12),
      endsAt: t(52),
    });
  });
});

describe('advancing the agenda', () => {
  it('ends the implicit first item and starts the second', () => {
    expect(advanceAgenda(agenda, [], t(0), t(12))).toEqual([
      { position: 0, startedAt: t(0), endedAt: t(12) },
      { position: 1, startedAt: t(12), endedAt: null },
    ]);
  });

  it('ends the last item without starting another, then refuses', () => {
    let steps = advanceAgenda(agenda, [], t(0), t(10)) ?? [];
    steps = advanceAgenda(agenda, steps, t(0), t(50)) ?? [];
    steps = advanceAgenda(agenda, steps, t(0), t(58)) ?? [];
    expect(steps).toHaveLength(3);
    expect(steps[2]).toEqual({ position: 2, startedAt: t(50), endedAt: t(58) });
    expect(agendaPosition(agenda, steps, t(0)).finished).toBe(true);
    expect(advanceAgenda(agenda, steps, t(0), t(59))).toBeNull();
  });

  it('finishes a one-item agenda in one step', () => {
    const one = [agenda[0]];
    expect(advanceAgenda(one, [], t(0), t(5))).toEqual([
      { position: 0, startedAt: t(0), endedAt: t(5) },
    ]);
  });
});

describe('the agenda in the record', () => {
  it('gives actual times, the running item ending with the session, unstarted ones null', () => {
    const steps = [
      { position: 0, startedAt: t(0), endedAt: t(12) },
      { position: 1, startedAt: t(12), endedAt: null },
    ];
    expect(agendaRecord(agenda, steps, t(0), t(55))).toEqual([
      {
        ...agenda[0],
        startedAt: t(0).toISOString(),
        endedAt: t(12).toISOString(),
        actualMinutes: 12,
      },
      {
        ...agenda[1],
        startedAt: t(12).toISOString(),
        endedAt: t(55).toISOString(),
        actualMinutes: 43,
      },
      { ...agenda[2], startedAt: null, endedAt: null, actualMinutes: null },
    ]);
  });

  it('counts the first item as run from the start when nobody advanced', () => {
    expect(agendaRecord(agenda, [], t(0), t(30))[0]).toMatchObject({ actualMinutes: 30 });
  });
});

describe('the agenda while live', () => {
  it('gives the running item no end yet', () => {
    const steps = [{ position: 0, startedAt: t(0), endedAt: null }];
    expect(agendaRecord(agenda, steps, t(0), null)[0]).toEqual({
      ...agenda[0],
      startedAt: t(0).toISOString(),
      endedAt: null,
      actualMinutes: null,
    });
  });
});
