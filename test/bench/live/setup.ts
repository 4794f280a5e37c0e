/**
 * People and sessions for the live-room bench. Members are written with SQL (an account and a
 * signed-in session each) and get access tokens signed with the server's JWT_SECRET, exactly as
 * `login` signs them ({sub, sid}, HS256): logging 5,000 members in would hash-check 5,000
 * passwords. The host signs up through GraphQL `register`; the roundtable is scheduled,
 * registered for and started through GraphQL, as members do.
 */
import { randomBytes } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import { Pool } from 'pg';

export interface BenchMember {
  id: string;
  token: string;
}

export async function createMembers(
  pool: Pool,
  secret: string,
  count: number,
): Promise<BenchMember[]> {
  const prefix = `lb${randomBytes(3).toString('hex')}`;
  const { rows } = await pool.query<{ id: string; sid: string }>(
    `WITH a AS (
       INSERT INTO account (email, handle, display_name)
       SELECT $1 || '-' || i || '@bench.example.org', $1 || '-' || i, 'Bench member ' || i
         FROM generate_series(1, $2::int) i
       RETURNING id, handle),
     s AS (
       INSERT INTO auth_session (account_id, refresh_token_hash, refresh_expires_at)
       SELECT id, md5(random()::text || id::text) || md5(id::text), now() + interval '1 day' FROM a
       RETURNING id, account_id)
     SELECT a.id, s.id AS sid FROM a JOIN s ON s.account_id = a.id ORDER BY a.handle`,
    [prefix, count],
  );
  const jwt = new JwtService({ secret });
  return Promise.all(
    rows.map(async (row) => ({
      id: row.id,
      token: await jwt.signAsync(
        { sub: row.id, sid: row.sid },
        { algorithm: 'HS256', expiresIn: 4 * 3600 },
      ),
    })),
  );
}

interface GraphQLResponse<T> {
  data?: T;
  errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
}

export async function gql<T>(
  url: string,
  query: string,
  variables: Record<string, unknown>,
  token?: string,
): Promise<T> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as GraphQLResponse<T>;
  if (!body.data || body.errors) {
    throw new Error(`GraphQL failed (HTTP ${response.status}): ${JSON.stringify(body.errors)}`);
  }
  return body.data;
}

/** A host who signs up through GraphQL; returns their access token. */
export async function signUpHost(url: string): Promise<string> {
  const tag = randomBytes(4).toString('hex');
  const data = await gql<{ register: { accessToken: string } }>(
    url,
    `mutation($input: RegisterInput!) { register(input: $input) { accessToken } }`,
    {
      input: {
        email: `bench-host-${tag}@bench.example.org`,
        password: 'bench-password-123',
        displayName: 'Bench host',
      },
    },
  );
  return data.register.accessToken;
}

async function inBatches<T>(items: T[], concurrency: number, work: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) await work(items[next++]);
    }),
  );
}

/** A LIVE roundtable with `members` holding seats (capacity = their number); returns its id. */
export async function liveSession(
  url: string,
  hostToken: string,
  members: BenchMember[],
): Promise<string> {
  const startsAt = new Date(Math.ceil((Date.now() + 86_400_000) / 60_000) * 60_000);
  const { scheduleRoundtable } = await gql<{ scheduleRoundtable: { id: string } }>(
    url,
    `mutation($input: ScheduleRoundtableInput!) { scheduleRoundtable(input: $input) { id } }`,
    {
      input: {
        title: 'Live room bench',
        description: 'Load test of the live room.',
        startsAt: startsAt.toISOString(),
        durationMinutes: 240,
        capacity: members.length,
        tags: ['ROI'],
        agenda: [{ title: 'Open floor', minutes: 240 }],
        facilitatorHandles: [],
        chathamHouse: false,
      },
    },
    hostToken,
  );
  const id = scheduleRoundtable.id;
  await inBatches(members, 8, async (member) => {
    const { registerForRoundtable } = await gql<{ registerForRoundtable: { status: string } }>(
      url,
      `mutation($id: ID!) { registerForRoundtable(id: $id) { status } }`,
      { id },
      member.token,
    );
    if (registerForRoundtable.status !== 'REGISTERED') {
      throw new Error(`a bench member was ${registerForRoundtable.status}`);
    }
  });
  await gql(url, `mutation($id: ID!) { startRoundtable(id: $id) { id state } }`, { id }, hostToken);
  return id;
}
