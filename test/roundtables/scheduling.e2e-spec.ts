import { startTestApp, TestApp, TestMember } from '../support/test-app';
import {
  CANCEL,
  ROUNDTABLE,
  Roundtable,
  SCHEDULE,
  UPDATE,
  errorOf,
  inDays,
  makeModerator,
  notificationsOf,
  register,
  schedule,
  validInput,
} from './support';

describe('roundtables: scheduling, editing, cancelling', () => {
  let t: TestApp;
  let host: TestMember;
  let cohost: TestMember;
  let moderator: TestMember;
  let other: TestMember;

  beforeAll(async () => {
    t = await startTestApp();
    await t.signUp({ displayName: 'First Admin' }); // the first account is an admin: keep it out
    host = await t.signUp({ displayName: 'Hana Host' });
    cohost = await t.signUp({ displayName: 'Cody Cohost' });
    moderator = await t.signUp({ displayName: 'Mona Moderator' });
    other = await t.signUp({ displayName: 'Otto Other' });
    await makeModerator(t, moderator);
  });
  afterAll(() => t?.close());

  it('makes the scheduler its host and, with the named members, its facilitators', async () => {
    const roundtable = await schedule(t, host, {
      facilitatorHandles: [cohost.handle.toUpperCase(), host.handle, cohost.handle],
    });
    expect(roundtable).toMatchObject({
      state: 'SCHEDULED',
      host: { handle: host.handle },
      facilitators: [{ handle: host.handle }, { handle: cohost.handle }],
      tags: ['roi', 'engagement metrics'],
      agenda: [
        { title: 'Welcome', minutes: 10 },
        { title: 'Dashboards', minutes: 50 },
      ],
      capacity: 10,
      registeredCount: 0,
      waitlistCount: 0,
      seatsLeft: 10,
      viewerIsFacilitator: true,
      myRegistration: null,
      icsUrl: `${t.config.publicUrl}/roundtables/${roundtable.id}.ics`,
    });
    expect(new Date(roundtable.endsAt).getTime() - new Date(roundtable.startsAt).getTime()).toBe(
      3_600_000,
    );
    // The shared vocabulary counts the roundtable's tags.
    const tags = await t.gql<{ tags: Array<{ name: string; usageCount: number }> }>(
      `{ tags(prefix: "roi") { name usageCount } }`,
    );
    expect(tags.data?.tags.find((tag) => tag.name === 'roi')?.usageCount).toBeGreaterThanOrEqual(1);
  });

  it('refuses anonymous scheduling', async () => {
    const result = await t.gql(SCHEDULE, { input: validInput() });
    expect(errorOf(result).code).toBe('UNAUTHENTICATED');
  });

  it.each([
    ['a start in the past', { startsAt: inDays(-0.01) }, 'input.startsAt'],
    [
      '14 minutes',
      { durationMinutes: 14, agenda: [{ title: 'A', minutes: 10 }] },
      'input.durationMinutes',
    ],
    ['241 minutes', { durationMinutes: 241 }, 'input.durationMinutes'],
    [
      'an agenda longer than the session',
      {
        durationMinutes: 30,
        agenda: [
          { title: 'A', minutes: 20 },
          { title: 'B', minutes: 11 },
        ],
      },
      'input.agenda',
    ],
    ['an empty agenda', { agenda: [] }, 'input.agenda'],
    [
      'an agenda item of 0 minutes',
      { agenda: [{ title: 'A', minutes: 0 }] },
      'input.agenda.0.minutes',
    ],
    ['a capacity of 1', { capacity: 1 }, 'input.capacity'],
    ['a capacity of 501', { capacity: 501 }, 'input.capacity'],
    [
      'an unknown facilitator',
      { facilitatorHandles: ['nobody-by-that-name'] },
      'input.facilitatorHandles',
    ],
    ['an invalid tag', { tags: ['<script>'] }, 'input.tags'],
    ['six tags', { tags: ['a', 'b', 'c', 'd', 'e', 'f'] }, 'input.tags'],
    ['a two-letter title', { title: 'Hi' }, 'input.title'],
    [
      'an unknown previous session',
      { previousRoundtableId: '00000000-0000-4000-8000-000000000000' },
      'input.previousRoundtableId',
    ],
    [
      'a previous id that is not an id',
      { previousRoundtableId: 'yesterday' },
      'input.previousRoundtableId',
    ],
  ])('refuses %s with BAD_USER_INPUT on the field', async (_what, overrides, field) => {
    const result = await t.gql(SCHEDULE, { input: validInput(overrides) }, host.accessToken);
    const error = errorOf(result);
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(Object.keys(error.fields)).toContain(field);
    expect(error.message.length).toBeGreaterThan(10);
  });

  it('accepts the bounds: 15 and 240 minutes, capacity 2 and 500, an agenda filling the session', async () => {
    await schedule(t, host, {
      durationMinutes: 15,
      capacity: 2,
      agenda: [{ title: 'All', minutes: 15 }],
    });
    await schedule(t, host, { durationMinutes: 240, capacity: 500 });
  });

  it('refuses a previous session that starts later', async () => {
    const later = await schedule(t, host, { startsAt: inDays(10) });
    const result = await t.gql(
      SCHEDULE,
      { input: validInput({ previousRoundtableId: later.id }) },
      host.accessToken,
    );
    expect(errorOf(result).fields['input.previousRoundtableId']).toEqual([
      'must start before this roundtable',
    ]);
  });

  it('links a series: `previous` works, takeaways and open questions are empty until the live room', async () => {
    const first = await schedule(t, host, { title: 'Series, part one', startsAt: inDays(2) });
    const second = await schedule(t, host, {
      title: 'Series, part two',
      startsAt: inDays(9),
      previousRoundtableId: first.id,
    });
    const result = await t.gql<{
      roundtable: {
        previous: { id: string; title: string; takeaways: unknown[]; openQuestions: unknown[] };
      };
    }>(
      `query($id: ID!) { roundtable(id: $id) { previous { id title takeaways { id text } openQuestions { id text } } } }`,
      { id: second.id },
      other.accessToken,
    );
    expect(result.data?.roundtable.previous).toEqual({
      id: first.id,
      title: 'Series, part one',
      takeaways: [],
      openQuestions: [],
    });
  });

  describe('updateRoundtable', () => {
    let roundtable: Roundtable;
    beforeEach(async () => {
      roundtable = await schedule(t, host, { facilitatorHandles: [cohost.handle] });
    });

    it.each([
      ['the host', () => host],
      ['a co-facilitator', () => cohost],
      ['a moderator', () => moderator],
    ])('lets %s edit, changing only what is sent', async (_who, who) => {
      const result = await t.gql<{ updateRoundtable: Roundtable }>(
        UPDATE,
        { id: roundtable.id, input: { title: 'A better title', tags: ['governance'] } },
        who().accessToken,
      );
      expect(result.errors).toBeUndefined();
      expect(result.data?.updateRoundtable).toMatchObject({
        title: 'A better title',
        tags: ['governance'],
        description: roundtable.description,
        capacity: roundtable.capacity,
        startsAt: roundtable.startsAt,
        facilitators: roundtable.facilitators,
      });
    });

    it('refuses other members (FORBIDDEN) and anonymous callers (UNAUTHENTICATED)', async () => {
      const refused = await t.gql(
        UPDATE,
        { id: roundtable.id, input: { title: 'Mine now' } },
        other.accessToken,
      );
      expect(errorOf(refused)).toMatchObject({ code: 'FORBIDDEN', reason: 'NOT_A_FACILITATOR' });
      const anonymous = await t.gql(UPDATE, { id: roundtable.id, input: { title: 'Mine now' } });
      expect(errorOf(anonymous).code).toBe('UNAUTHENTICATED');
      const check = await t.gql<{ roundtable: Roundtable }>(
        ROUNDTABLE,
        { id: roundtable.id },
        host.accessToken,
      );
      expect(check.data?.roundtable.title).toBe(roundtable.title);
    });

    it('checks the merged plan: a shorter session than its agenda, a start in the past', async () => {
      const short = await t.gql(
        UPDATE,
        { id: roundtable.id, input: { durationMinutes: 45 } },
        host.accessToken,
      );
      expect(Object.keys(errorOf(short).fields)).toEqual(['input.agenda']);
      const past = await t.gql(
        UPDATE,
        { id: roundtable.id, input: { startsAt: inDays(-1) } },
        host.accessToken,
      );
      expect(Object.keys(errorOf(past).fields)).toEqual(['input.startsAt']);
      const tooBig = await t.gql(
        UPDATE,
        { id: roundtable.id, input: { capacity: 900 } },
        host.accessToken,
      );
      expect(Object.keys(errorOf(tooBig).fields)).toEqual(['input.capacity']);
    });

    it('refuses a capacity below the members already registered', async () => {
      const small = await schedule(t, host, { capacity: 3 });
      for (const member of [cohost, moderator, other]) await register(t, small.id, member);
      const result = await t.gql(
        UPDATE,
        { id: small.id, input: { capacity: 2 } },
        host.accessToken,
      );
      expect(errorOf(result)).toMatchObject({ code: 'BAD_USER_INPUT' });
      expect(errorOf(result).fields['input.capacity'][0]).toMatch(/3 members already registered/);
    });

    it('keeps the host a facilitator and replaces the named ones', async () => {
      const result = await t.gql<{ updateRoundtable: Roundtable }>(
        UPDATE,
        { id: roundtable.id, input: { facilitatorHandles: [other.handle] } },
        cohost.accessToken,
      );
      expect(result.data?.updateRoundtable.facilitators).toEqual([
        { handle: host.handle },
        { handle: other.handle },
      ]);
    });

    it('seats the waitlist when capacity grows, and tells those promoted', async () => {
      const full = await schedule(t, host, { capacity: 2 });
      const [a, b, c] = [cohost, moderator, other];
      await register(t, full.id, a);
      await register(t, full.id, b);
      expect((await register(t, full.id, c)).status).toBe('WAITLISTED');
      const result = await t.gql<{ updateRoundtable: Roundtable }>(
        UPDATE,
        { id: full.id, input: { capacity: 3 } },
        host.accessToken,
      );
      expect(result.data?.updateRoundtable).toMatchObject({ registeredCount: 3, waitlistCount: 0 });
      const notices = await notificationsOf(t, c, 'WAITLIST_PROMOTED');
      expect(notices.map((n) => n.link)).toContain(`/roundtables/${full.id}`);
    });

    it('frees the seat of a registered member named facilitator', async () => {
      const full = await schedule(t, host, { capacity: 2 });
      await register(t, full.id, cohost);
      await register(t, full.id, moderator);
      await register(t, full.id, other);
      const result = await t.gql<{ updateRoundtable: Roundtable }>(
        UPDATE,
        { id: full.id, input: { facilitatorHandles: [cohost.handle] } },
        host.accessToken,
      );
      expect(result.data?.updateRoundtable).toMatchObject({ registeredCount: 2, waitlistCount: 0 });
      const rows = await t.sql<{ account_id: string; status: string }>(
        `SELECT account_id, status FROM roundtable_registration WHERE roundtable_id = $1`,
        [full.id],
      );
      expect(rows.map((row) => row.account_id).sort()).toEqual([moderator.id, other.id].sort());
    });
  });

  describe('cancelRoundtable', () => {
    it('notifies everyone registered or waitlisted, and raises nothing for others', async () => {
      const roundtable = await schedule(t, host, {
        capacity: 2,
        facilitatorHandles: [cohost.handle],
      });
      const [seated, seated2, waiting] = [
        other,
        moderator,
        await t.signUp({ displayName: 'Wendy Waiting' }),
      ];
      await register(t, roundtable.id, seated);
      await register(t, roundtable.id, seated2);
      expect((await register(t, roundtable.id, waiting)).status).toBe('WAITLISTED');
      const bystander = await t.signUp({ displayName: 'Bea Bystander' });

      const refused = await t.gql(CANCEL, { id: roundtable.id, reason: 'No.' }, seated.accessToken);
      expect(errorOf(refused).code).toBe('FORBIDDEN');

      const result = await t.gql<{ cancelRoundtable: Roundtable }>(
        CANCEL,
        { id: roundtable.id, reason: 'The host is ill' },
        cohost.accessToken,
      );
      expect(result.data?.cancelRoundtable).toMatchObject({
        state: 'CANCELLED',
        cancelReason: 'The host is ill',
      });
      for (const member of [seated, seated2, waiting, host]) {
        const notices = await notificationsOf(t, member, 'ROUNDTABLE_CANCELLED');
        expect(notices).toHaveLength(1);
        expect(notices[0].title).toContain('The host is ill');
      }
      // The canceller is not told about their own act; bystanders hear nothing.
      expect(await notificationsOf(t, cohost, 'ROUNDTABLE_CANCELLED')).toHaveLength(0);
      expect(await notificationsOf(t, bystander, 'ROUNDTABLE_CANCELLED')).toHaveLength(0);

      const again = await t.gql(CANCEL, { id: roundtable.id, reason: 'Twice' }, host.accessToken);
      expect(errorOf(again)).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'WRONG_STATE' });
      const edit = await t.gql(
        UPDATE,
        { id: roundtable.id, input: { title: 'Revived' } },
        host.accessToken,
      );
      expect(errorOf(edit).reason).toBe('WRONG_STATE');
      const late = await t.gql(
        `mutation($id: ID!) { registerForRoundtable(id: $id) { status } }`,
        { id: roundtable.id },
        bystander.accessToken,
      );
      expect(errorOf(late).reason).toBe('WRONG_STATE');
    });

    it('lets a moderator cancel, and needs a reason', async () => {
      const roundtable = await schedule(t, host);
      const empty = await t.gql(
        CANCEL,
        { id: roundtable.id, reason: '   ' },
        moderator.accessToken,
      );
      expect(Object.keys(errorOf(empty).fields)).toEqual(['reason']);
      const result = await t.gql<{ cancelRoundtable: Roundtable }>(
        CANCEL,
        { id: roundtable.id, reason: 'Spam' },
        moderator.accessToken,
      );
      expect(result.data?.cancelRoundtable.state).toBe('CANCELLED');
    });

    it('answers NOT_FOUND for an unknown roundtable', async () => {
      const result = await t.gql(
        CANCEL,
        { id: '00000000-0000-4000-8000-000000000000', reason: 'x' },
        host.accessToken,
      );
      expect(errorOf(result).code).toBe('NOT_FOUND');
      const lookup = await t.gql<{ roundtable: null }>(
        ROUNDTABLE,
        { id: '00000000-0000-4000-8000-000000000000' },
        host.accessToken,
      );
      expect(lookup.data?.roundtable).toBeNull();
    });
  });
});
