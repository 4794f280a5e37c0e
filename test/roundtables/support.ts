import { randomBytes } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import { GraphQLResult, TestApp, TestMember } from '../support/test-app';

/** Shared by the roundtables suites: operations, a valid input, and fast members. */

export const ROUNDTABLE_FIELDS = `
  id title description startsAt endsAt durationMinutes capacity chathamHouse state tags
  agenda { title minutes }
  host { handle }
  facilitators { handle }
  registeredCount waitlistCount seatsLeft viewerIsFacilitator
  myRegistration { status position }
  cancelReason icsUrl`;

export const SCHEDULE = `mutation($input: ScheduleRoundtableInput!) {
  scheduleRoundtable(input: $input) { ${ROUNDTABLE_FIELDS} }
}`;
export const UPDATE = `mutation($id: ID!, $input: UpdateRoundtableInput!) {
  updateRoundtable(id: $id, input: $input) { ${ROUNDTABLE_FIELDS} }
}`;
export const CANCEL = `mutation($id: ID!, $reason: String!) {
  cancelRoundtable(id: $id, reason: $reason) { ${ROUNDTABLE_FIELDS} }
}`;
export const START = `mutation($id: ID!) { startRoundtable(id: $id) { id state startedAt } }`;
export const END = `mutation($id: ID!) { endRoundtable(id: $id) { id state endedAt } }`;
export const REGISTER = `mutation($id: ID!) {
  registerForRoundtable(id: $id) { status position registeredAt roundtable { id registeredCount waitlistCount } }
}`;
export const CANCEL_REGISTRATION = `mutation($id: ID!) {
  cancelRegistration(id: $id) { id registeredCount waitlistCount myRegistration { status position } }
}`;
export const ROUNDTABLE = `query($id: ID!) { roundtable(id: $id) { ${ROUNDTABLE_FIELDS} } }`;

export interface Roundtable {
  id: string;
  title: string;
  description: string;
  startsAt: string;
  endsAt: string;
  durationMinutes: number;
  capacity: number;
  chathamHouse: boolean;
  state: string;
  tags: string[];
  agenda: Array<{ title: string; minutes: number }>;
  host: { handle: string };
  facilitators: Array<{ handle: string }>;
  registeredCount: number;
  waitlistCount: number;
  seatsLeft: number;
  viewerIsFacilitator: boolean;
  myRegistration: { status: string; position: number | null } | null;
  cancelReason: string | null;
  icsUrl: string;
}

export interface Registration {
  status: 'REGISTERED' | 'WAITLISTED';
  position: number | null;
  registeredAt: string;
  roundtable: { id: string; registeredCount: number; waitlistCount: number };
}

/** A time `days` from now, on a whole minute as people schedule (iCalendar keeps seconds). */
export function inDays(days: number): string {
  const minute = 60_000;
  return new Date(Math.ceil((Date.now() + days * 86_400_000) / minute) * minute).toISOString();
}

export function validInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: 'Proving community ROI',
    description: 'Bring your **dashboard**.',
    startsAt: inDays(3),
    durationMinutes: 60,
    capacity: 10,
    tags: ['ROI', 'Engagement  Metrics'],
    agenda: [
      { title: 'Welcome', minutes: 10 },
      { title: 'Dashboards', minutes: 50 },
    ],
    facilitatorHandles: [],
    chathamHouse: false,
    ...overrides,
  };
}

/** Schedules as `host` and fails the test on any error. */
export async function schedule(
  t: TestApp,
  host: { accessToken: string },
  overrides: Record<string, unknown> = {},
): Promise<Roundtable> {
  const result = await t.gql<{ scheduleRoundtable: Roundtable }>(
    SCHEDULE,
    { input: validInput(overrides) },
    host.accessToken,
  );
  if (!result.data) throw new Error(`schedule failed: ${JSON.stringify(result.errors)}`);
  return result.data.scheduleRoundtable;
}

export async function register(t: TestApp, id: string, member: { accessToken: string }) {
  const result = await t.gql<{ registerForRoundtable: Registration }>(
    REGISTER,
    { id },
    member.accessToken,
  );
  if (!result.data) throw new Error(`register failed: ${JSON.stringify(result.errors)}`);
  return result.data.registerForRoundtable;
}

export function errorOf(result: GraphQLResult<unknown>): {
  code: unknown;
  reason: unknown;
  fields: Record<string, string[]>;
  message: string;
} {
  const error = result.errors?.[0];
  if (!error) throw new Error(`expected an error, got ${JSON.stringify(result.data)}`);
  return {
    code: error.extensions?.code,
    reason: error.extensions?.reason,
    fields: (error.extensions?.fields ?? {}) as Record<string, string[]>,
    message: error.message,
  };
}

export type QuickMember = Pick<TestMember, 'id' | 'handle' | 'accessToken'>;

/**
 * `count` members written straight to the database with a signed-in session each: signing up
 * through GraphQL hashes a password per member, too slow for the capacity race.
 */
export async function quickMembers(t: TestApp, count: number): Promise<QuickMember[]> {
  const prefix = `q${randomBytes(4).toString('hex')}`;
  const rows = await t.sql<{ id: string; handle: string; sid: string }>(
    `WITH a AS (
       INSERT INTO account (email, handle, display_name)
       SELECT $1 || '-' || i || '@example.org', $1 || '-' || i, 'Quick ' || i
         FROM generate_series(1, $2::int) i
       RETURNING id, handle),
     s AS (
       INSERT INTO auth_session (account_id, refresh_token_hash, refresh_expires_at)
       SELECT id, md5(random()::text || id::text) || md5(id::text), now() + interval '1 day' FROM a
       RETURNING id, account_id)
     SELECT a.id, a.handle, s.id AS sid FROM a JOIN s ON s.account_id = a.id ORDER BY a.handle`,
    [prefix, count],
  );
  const jwt = t.app.get(JwtService);
  return Promise.all(
    rows.map(async (row) => ({
      id: row.id,
      handle: row.handle,
      accessToken: await jwt.signAsync(
        { sub: row.id, sid: row.sid },
        { algorithm: 'HS256', expiresIn: 900 },
      ),
    })),
  );
}

export async function makeModerator(t: TestApp, member: { id: string }): Promise<void> {
  await t.sql(`UPDATE account SET role = 'MODERATOR' WHERE id = $1`, [member.id]);
}

/** Notifications of a kind stored for a member (written after the transaction commits). */
export async function notificationsOf(
  t: TestApp,
  member: { id: string },
  kind: string,
): Promise<Array<{ title: string; link: string | null }>> {
  return t.sql(
    `SELECT title, link FROM notification WHERE recipient_id = $1 AND kind = $2 ORDER BY created_at`,
    [member.id, kind],
  );
}
