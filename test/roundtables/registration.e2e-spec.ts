import { Role } from '@app/core';
import { RoundtablesService } from '@app/roundtables';
import { startTestApp, TestApp, TestMember } from '../support/test-app';
import {
  CANCEL_REGISTRATION,
  REGISTER,
  ROUNDTABLE,
  Registration,
  Roundtable,
  errorOf,
  makeModerator,
  notificationsOf,
  quickMembers,
  register,
  schedule,
} from './support';

interface Row {
  account_id: string;
  status: 'REGISTERED' | 'WAITLISTED';
  position: number | null;
}

describe('roundtables: registration and the waitlist', () => {
  let t: TestApp;
  let host: TestMember;
  let cohost: TestMember;

  beforeAll(async () => {
    t = await startTestApp();
    await t.signUp({ displayName: 'First Admin' });
    host = await t.signUp({ displayName: 'Hana Host' });
    cohost = await t.signUp({ displayName: 'Cody Cohost' });
  });
  afterAll(() => t?.close());

  const rows = (id: string) =>
    t.sql<Row>(
      `SELECT account_id, status, position FROM roundtable_registration
        WHERE roundtable_id = $1 ORDER BY status, position, created_at`,
      [id],
    );

  it('seats members until full, then queues them in order; registering twice changes nothing', async () => {
    const roundtable = await schedule(t, host, { capacity: 2 });
    const [a, b, c, d] = await quickMembers(t, 4);
    expect(await register(t, roundtable.id, a)).toMatchObject({
      status: 'REGISTERED',
      position: null,
      roundtable: { registeredCount: 1, waitlistCount: 0 },
    });
    const first = await register(t, roundtable.id, b);
    expect((await register(t, roundtable.id, c)).position).toBe(1);
    expect(await register(t, roundtable.id, d)).toMatchObject({
      status: 'WAITLISTED',
      position: 2,
      roundtable: { registeredCount: 2, waitlistCount: 2 },
    });
    // Idempotent: the same registration, the same counts.
    const twice = await register(t, roundtable.id, b);
    expect([twice.status, twice.position, twice.registeredAt]).toEqual([
      first.status,
      first.position,
      first.registeredAt,
    ]);
    expect(await register(t, roundtable.id, d)).toMatchObject({
      status: 'WAITLISTED',
      position: 2,
    });
    expect(await rows(roundtable.id)).toHaveLength(4);

    const mine = await t.gql<{ roundtable: Roundtable }>(
      ROUNDTABLE,
      { id: roundtable.id },
      d.accessToken,
    );
    expect(mine.data?.roundtable).toMatchObject({
      registeredCount: 2,
      waitlistCount: 2,
      seatsLeft: 0,
      myRegistration: { status: 'WAITLISTED', position: 2 },
    });
  });

  it('promotes the head of the waitlist when a seat frees, notifies them, and keeps positions gap-free', async () => {
    const roundtable = await schedule(t, host, { capacity: 2, title: 'Seats move up' });
    const [a, b, c, d, e] = await quickMembers(t, 5);
    for (const member of [a, b, c, d, e]) await register(t, roundtable.id, member);
    // Waitlist: c(1), d(2), e(3). A waitlisted member leaves from the middle: e moves up.
    const left = await t.gql<{ cancelRegistration: Roundtable }>(
      CANCEL_REGISTRATION,
      { id: roundtable.id },
      d.accessToken,
    );
    expect(left.data?.cancelRegistration).toMatchObject({ myRegistration: null, waitlistCount: 2 });
    expect(await rows(roundtable.id)).toEqual([
      { account_id: a.id, status: 'REGISTERED', position: null },
      { account_id: b.id, status: 'REGISTERED', position: null },
      { account_id: c.id, status: 'WAITLISTED', position: 1 },
      { account_id: e.id, status: 'WAITLISTED', position: 2 },
    ]);
    expect(await notificationsOf(t, c, 'WAITLIST_PROMOTED')).toHaveLength(0);

    // A seated member leaves: c takes the seat and hears about it; e is next.
    await t.gql(CANCEL_REGISTRATION, { id: roundtable.id }, a.accessToken);
    expect(await rows(roundtable.id)).toEqual([
      { account_id: b.id, status: 'REGISTERED', position: null },
      { account_id: c.id, status: 'REGISTERED', position: null },
      { account_id: e.id, status: 'WAITLISTED', position: 1 },
    ]);
    const notices = await notificationsOf(t, c, 'WAITLIST_PROMOTED');
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ link: `/roundtables/${roundtable.id}` });
    expect(notices[0].title).toContain('Seats move up');
    expect(await notificationsOf(t, e, 'WAITLIST_PROMOTED')).toHaveLength(0);

    // Cancelling without a registration changes nothing and is not an error.
    const again = await t.gql<{ cancelRegistration: Roundtable }>(
      CANCEL_REGISTRATION,
      { id: roundtable.id },
      a.accessToken,
    );
    expect(again.data?.cancelRegistration).toMatchObject({ registeredCount: 2, waitlistCount: 1 });
  });

  it('needs no seat for facilitators: they are refused, and let in anyway', async () => {
    const roundtable = await schedule(t, host, { facilitatorHandles: [cohost.handle] });
    for (const facilitator of [host, cohost]) {
      const result = await t.gql(REGISTER, { id: roundtable.id }, facilitator.accessToken);
      expect(errorOf(result)).toMatchObject({
        code: 'BAD_USER_INPUT',
        reason: 'FACILITATORS_NEED_NO_SEAT',
      });
    }
    const service = t.app.get(RoundtablesService);
    expect(
      await service.participationOf(roundtable.id, { id: cohost.id, role: Role.MEMBER }),
    ).toMatchObject({
      isFacilitator: true,
      mayEnter: true,
    });
  });

  it('lets in REGISTERED members, facilitators and moderators; not the waitlisted or others', async () => {
    const roundtable = await schedule(t, host, { capacity: 2 });
    const [seated, seated2, waiting, stranger, moderator] = await quickMembers(t, 5);
    await makeModerator(t, moderator);
    for (const member of [seated, seated2, waiting]) await register(t, roundtable.id, member);
    const service = t.app.get(RoundtablesService);
    const enter = async (member: { id: string }, role = Role.MEMBER) =>
      (await service.participationOf(roundtable.id, { id: member.id, role }))?.mayEnter;
    expect(await enter(seated)).toBe(true);
    expect(await enter(waiting)).toBe(false);
    expect(await enter(stranger)).toBe(false);
    expect(await enter(moderator, Role.MODERATOR)).toBe(true);
    expect(await enter(host)).toBe(true);
    expect(
      await service.participationOf('00000000-0000-4000-8000-000000000000', {
        id: host.id,
        role: Role.MEMBER,
      }),
    ).toBeNull();
  });

  it('refuses suspended members, unknown roundtables and ids that are not ids', async () => {
    const roundtable = await schedule(t, host);
    const [suspended] = await quickMembers(t, 1);
    await t.sql(`UPDATE account SET suspended_until = now() + interval '1 day' WHERE id = $1`, [
      suspended.id,
    ]);
    expect(errorOf(await t.gql(REGISTER, { id: roundtable.id }, suspended.accessToken)).code).toBe(
      'FORBIDDEN',
    );
    const unknown = await t.gql(
      REGISTER,
      { id: '00000000-0000-4000-8000-000000000000' },
      cohost.accessToken,
    );
    expect(errorOf(unknown).code).toBe('NOT_FOUND');
    const garbage = await t.gql(REGISTER, { id: 'not-an-id' }, cohost.accessToken);
    expect(errorOf(garbage).fields).toHaveProperty(['id']);
    expect(errorOf(await t.gql(REGISTER, { id: roundtable.id })).code).toBe('UNAUTHENTICATED');
  });

  it('never over-fills: 50 concurrent registrations for 10 seats', async () => {
    const roundtable = await schedule(t, host, { capacity: 10, title: 'The race' });
    const members = await quickMembers(t, 50);
    const results = await Promise.all(
      members.map((member) =>
        t.gql<{ registerForRoundtable: Registration }>(
          REGISTER,
          { id: roundtable.id },
          member.accessToken,
        ),
      ),
    );
    const answers = results.map((result) => {
      expect(result.errors).toBeUndefined();
      return result.data!.registerForRoundtable;
    });
    expect(answers.filter((a) => a.status === 'REGISTERED')).toHaveLength(10);
    const positions = answers.flatMap((a) => (a.status === 'WAITLISTED' ? [a.position] : []));
    expect(positions.sort((x, y) => x! - y!)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    // Every member was told what the database holds, and the queue follows arrival order.
    const stored = await rows(roundtable.id);
    expect(stored.filter((row) => row.status === 'REGISTERED')).toHaveLength(10);
    const byMember = new Map(stored.map((row) => [row.account_id, row]));
    members.forEach((member, i) => {
      expect(byMember.get(member.id)).toMatchObject({
        status: answers[i].status,
        position: answers[i].position,
      });
    });
    const arrival = await t.sql<{ position: number }>(
      `SELECT position FROM roundtable_registration WHERE roundtable_id = $1 AND status = 'WAITLISTED'
        ORDER BY created_at, position`,
      [roundtable.id],
    );
    expect(arrival.map((row) => row.position)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));

    // Then 5 seated members leave while 10 more arrive, all at once: still 10 seats, no gaps.
    const newcomers = await quickMembers(t, 10);
    const leaving = members.filter((_m, i) => answers[i].status === 'REGISTERED').slice(0, 5);
    await Promise.all([
      ...leaving.map((member) =>
        t.gql(CANCEL_REGISTRATION, { id: roundtable.id }, member.accessToken),
      ),
      ...newcomers.map((member) => t.gql(REGISTER, { id: roundtable.id }, member.accessToken)),
    ]);
    const after = await rows(roundtable.id);
    expect(after.filter((row) => row.status === 'REGISTERED')).toHaveLength(10);
    const queue = after.filter((row) => row.status === 'WAITLISTED').map((row) => row.position);
    expect(queue).toEqual(Array.from({ length: 45 }, (_, i) => i + 1));
    const promoted = await t.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM notification WHERE kind = 'WAITLIST_PROMOTED' AND link = $1`,
      [`/roundtables/${roundtable.id}`],
    );
    expect(promoted[0].n).toBe(5);
  });
});
