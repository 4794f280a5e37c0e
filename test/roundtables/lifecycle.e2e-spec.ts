import { RoundtablesService } from '@app/roundtables';
import { startTestApp, TestApp, TestMember } from '../support/test-app';
import {
  END,
  REGISTER,
  ROUNDTABLE,
  START,
  errorOf,
  makeModerator,
  notificationsOf,
  quickMembers,
  register,
  schedule,
} from './support';

describe('roundtables: starting, ending, MISSED and reminders', () => {
  let t: TestApp;
  let service: RoundtablesService;
  let host: TestMember;
  let cohost: TestMember;
  let moderator: TestMember;
  let other: TestMember;

  beforeAll(async () => {
    t = await startTestApp();
    service = t.app.get(RoundtablesService);
    // The suite runs the jobs' work itself; test apps schedule no jobs (RUN_JOBS=false).
    await t.signUp({ displayName: 'First Admin' });
    host = await t.signUp({ displayName: 'Hana Host' });
    cohost = await t.signUp({ displayName: 'Cody Cohost' });
    moderator = await t.signUp({ displayName: 'Mona Moderator' });
    other = await t.signUp({ displayName: 'Otto Other' });
    await makeModerator(t, moderator);
  });
  afterAll(() => t?.close());

  /** Moves a session's start `minutes` from now (negative: in the past), as time passing would. */
  async function startsIn(id: string, minutes: number): Promise<void> {
    await t.sql(
      `UPDATE roundtable SET starts_at = now() + make_interval(mins => $2::int) WHERE id = $1`,
      [id, minutes],
    );
  }

  const state = async (id: string) =>
    (
      await t.sql<{ state: string; sequence: number }>(
        'SELECT state, sequence FROM roundtable WHERE id = $1',
        [id],
      )
    )[0];

  it('lets a facilitator start early (days before) and a facilitator or moderator end it', async () => {
    const roundtable = await schedule(t, host, { facilitatorHandles: [cohost.handle] });
    const refused = await t.gql(START, { id: roundtable.id }, other.accessToken);
    expect(errorOf(refused)).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_A_FACILITATOR' });
    const byModerator = await t.gql(START, { id: roundtable.id }, moderator.accessToken);
    expect(errorOf(byModerator).code).toBe('FORBIDDEN');
    expect(errorOf(await t.gql(END, { id: roundtable.id }, host.accessToken)).reason).toBe(
      'WRONG_STATE',
    );

    const started = await t.gql<{ startRoundtable: { state: string; startedAt: string } }>(
      START,
      { id: roundtable.id },
      cohost.accessToken,
    );
    expect(started.data?.startRoundtable.state).toBe('LIVE');
    expect(started.data?.startRoundtable.startedAt).toBeTruthy();
    expect(errorOf(await t.gql(START, { id: roundtable.id }, host.accessToken)).reason).toBe(
      'WRONG_STATE',
    );
    expect(errorOf(await t.gql(END, { id: roundtable.id }, other.accessToken)).code).toBe(
      'FORBIDDEN',
    );
    const ended = await t.gql<{ endRoundtable: { state: string; endedAt: string } }>(
      END,
      { id: roundtable.id },
      moderator.accessToken,
    );
    expect(ended.data?.endRoundtable.state).toBe('ENDED');
    expect(errorOf(await t.gql(END, { id: roundtable.id }, host.accessToken)).reason).toBe(
      'WRONG_STATE',
    );
    // ENDED sessions take no registrations; each change raised the calendar SEQUENCE.
    const late = await t.gql(REGISTER, { id: roundtable.id }, other.accessToken);
    expect(errorOf(late).reason).toBe('WRONG_STATE');
    expect(await state(roundtable.id)).toEqual({ state: 'ENDED', sequence: 2 });
  });

  it('allows a start up to 30 minutes late, never after the scheduled end', async () => {
    const late = await schedule(t, host, { durationMinutes: 60 });
    await startsIn(late.id, -29);
    expect((await t.gql(START, { id: late.id }, host.accessToken)).errors).toBeUndefined();

    const tooLate = await schedule(t, host, { durationMinutes: 60 });
    await startsIn(tooLate.id, -31);
    expect(errorOf(await t.gql(START, { id: tooLate.id }, host.accessToken))).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'WRONG_STATE',
    });

    const short = await schedule(t, host, {
      durationMinutes: 15,
      agenda: [{ title: 'Quick', minutes: 15 }],
    });
    await startsIn(short.id, -20);
    const result = await t.gql(START, { id: short.id }, host.accessToken);
    expect(errorOf(result).message).toMatch(/too late/);
  });

  it('marks sessions not started 30 minutes after their start MISSED, once, on any node', async () => {
    const missed = await schedule(t, host);
    const notYet = await schedule(t, host);
    const live = await schedule(t, host);
    const future = await schedule(t, host);
    await startsIn(missed.id, -31);
    await startsIn(notYet.id, -29);
    await t.gql(START, { id: live.id }, host.accessToken);
    await startsIn(live.id, -120);

    // Two nodes running the job at once: the session is marked once.
    const [a, b] = await Promise.all([service.markMissed(), service.markMissed()]);
    expect([...a, ...b].filter((id) => id === missed.id)).toHaveLength(1);
    expect(await service.markMissed()).not.toContain(missed.id);

    const read = await t.gql<{ roundtable: { state: string } }>(
      ROUNDTABLE,
      { id: missed.id },
      other.accessToken,
    );
    expect(read.data?.roundtable.state).toBe('MISSED');
    expect((await state(missed.id)).sequence).toBe(1);
    expect((await state(notYet.id)).state).toBe('SCHEDULED');
    expect((await state(live.id)).state).toBe('LIVE');
    expect((await state(future.id)).state).toBe('SCHEDULED');
    // A MISSED session cannot be started or joined any more.
    expect(errorOf(await t.gql(START, { id: missed.id }, host.accessToken)).reason).toBe(
      'WRONG_STATE',
    );
    expect(errorOf(await t.gql(REGISTER, { id: missed.id }, other.accessToken)).reason).toBe(
      'WRONG_STATE',
    );

    // Later, the one still within its grace is missed too.
    await startsIn(notYet.id, -31);
    expect(await service.markMissed()).toContain(notYet.id);
  });

  it('reminds seated members and facilitators within the hour before, once', async () => {
    const roundtable = await schedule(t, host, {
      capacity: 2,
      facilitatorHandles: [cohost.handle],
      title: 'Reminder check',
    });
    const [seated, seated2, waiting] = await quickMembers(t, 3);
    for (const member of [seated, seated2, waiting]) await register(t, roundtable.id, member);
    expect(await service.sendReminders()).not.toContain(roundtable.id);

    await startsIn(roundtable.id, 45);
    const [a, b] = await Promise.all([service.sendReminders(), service.sendReminders()]);
    expect([...a, ...b].filter((id) => id === roundtable.id)).toHaveLength(1);
    for (const member of [seated, seated2, host, cohost]) {
      const notices = await notificationsOf(t, member, 'ROUNDTABLE_REMINDER');
      expect(notices).toHaveLength(1);
      expect(notices[0].title).toContain('Reminder check');
    }
    expect(await notificationsOf(t, waiting, 'ROUNDTABLE_REMINDER')).toHaveLength(0);
    expect(await service.sendReminders()).not.toContain(roundtable.id);
  });
});
