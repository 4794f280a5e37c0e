import { startTestApp, TestApp, TestMember } from '../support/test-app';

type Role = 'MEMBER' | 'MODERATOR' | 'ADMIN';
interface Member {
  id: string;
  handle: string;
  role: Role;
  suspendedUntil: string | null;
}

const REGISTER = `mutation($input: RegisterInput!) {
  register(input: $input) { member { id handle role } }
}`;
const ME = `{ me { id handle role suspendedUntil } }`;
const SET_ROLE = `mutation SetRole($handle: String!, $role: Role!) {
  setMemberRole(handle: $handle, role: $role) { id handle role }
}`;
const LOGOUT = `mutation($t: String!) { logout(refreshToken: $t) }`;
const REFRESH = `mutation($t: String!) { refreshSession(refreshToken: $t) { accessToken } }`;

describe('roles: the first account is the admin', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await startTestApp(); // a fresh, empty database for each test
  });
  afterEach(() => t.close());

  it('makes the first account on an empty database ADMIN and later ones MEMBER', async () => {
    const first = await t.signUp({ displayName: 'First One' });
    const second = await t.signUp({ displayName: 'Second One' });
    const third = await t.signUp({ displayName: 'Third One' });
    const roles = await Promise.all(
      [first, second, third].map(async (member) => {
        const me = await t.gql<{ me: Member }>(ME, {}, member.accessToken);
        return me.data?.me.role;
      }),
    );
    expect(roles).toEqual(['ADMIN', 'MEMBER', 'MEMBER']);
  });

  it('makes exactly one admin when the first registrations arrive together', async () => {
    const results = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        t.gql<{ register: { member: Member } }>(REGISTER, {
          input: {
            email: `together-${i}-${process.pid}@example.org`,
            password: 'correct horse battery',
            displayName: 'Same Name',
          },
        }),
      ),
    );
    for (const result of results) expect(result.errors).toBeUndefined();
    const members = results.map((result) => result.data?.register.member);
    expect(members.filter((member) => member?.role === 'ADMIN')).toHaveLength(1);
    // The same lock keeps handles unique under concurrency.
    expect(new Set(members.map((member) => member?.handle)).size).toBe(5);
  });
});

describe('roles: setMemberRole', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  /** A new member with `role`, set directly in the database (whatever was registered before). */
  async function memberWithRole(role: Role): Promise<TestMember> {
    const member = await t.signUp({ displayName: `${role.toLowerCase()} person` });
    await t.sql(`UPDATE account SET role = $1 WHERE id = $2`, [role, member.id]);
    return member;
  }

  async function roleOf(member: TestMember): Promise<Role | undefined> {
    return (await t.gql<{ me: Member }>(ME, {}, member.accessToken)).data?.me.role;
  }

  it('lets an admin promote and demote a member', async () => {
    const admin = await memberWithRole('ADMIN');
    const target = await memberWithRole('MEMBER');

    const promoted = await t.gql<{ setMemberRole: Member }>(
      SET_ROLE,
      { handle: target.handle, role: 'MODERATOR' },
      admin.accessToken,
    );
    expect(promoted.errors).toBeUndefined();
    expect(promoted.data?.setMemberRole).toEqual({
      id: target.id,
      handle: target.handle,
      role: 'MODERATOR',
    });
    expect(await roleOf(target)).toBe('MODERATOR');

    // Handles are matched whatever their case.
    const demoted = await t.gql<{ setMemberRole: Member }>(
      SET_ROLE,
      { handle: target.handle.toUpperCase(), role: 'MEMBER' },
      admin.accessToken,
    );
    expect(demoted.data?.setMemberRole.role).toBe('MEMBER');
    expect(await roleOf(target)).toBe('MEMBER');
  });

  it.each<Role>(['MEMBER', 'MODERATOR'])('is FORBIDDEN for a %s', async (role) => {
    const caller = await memberWithRole(role);
    const target = await memberWithRole('MEMBER');
    const result = await t.gql(
      SET_ROLE,
      { handle: target.handle, role: 'ADMIN' },
      caller.accessToken,
    );
    expect(result.data).toBeNull();
    expect(result.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(result.errors?.[0].message).toMatch(/admins/i);
    expect(await roleOf(target)).toBe('MEMBER');
    expect(await roleOf(caller)).toBe(role);
  });

  it('is UNAUTHENTICATED without a token', async () => {
    const target = await memberWithRole('MEMBER');
    const result = await t.gql(SET_ROLE, { handle: target.handle, role: 'ADMIN' });
    expect(result.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(await roleOf(target)).toBe('MEMBER');
  });

  it('is NOT_FOUND for an unknown handle', async () => {
    const admin = await memberWithRole('ADMIN');
    const result = await t.gql(
      SET_ROLE,
      { handle: 'nobody-has-this-handle', role: 'MODERATOR' },
      admin.accessToken,
    );
    expect(result.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect(result.errors?.[0].message).toContain('nobody-has-this-handle');
  });

  it('is BAD_USER_INPUT for a role that does not exist', async () => {
    const admin = await memberWithRole('ADMIN');
    const target = await memberWithRole('MEMBER');
    // As a variable...
    const asVariable = await t.gql(
      SET_ROLE,
      { handle: target.handle, role: 'SUPERUSER' },
      admin.accessToken,
    );
    expect(asVariable.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    // ...and written into the document.
    const inline = await t.gql(
      `mutation { setMemberRole(handle: "${target.handle}", role: SUPERUSER) { role } }`,
      {},
      admin.accessToken,
    );
    expect(inline.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(await roleOf(target)).toBe('MEMBER');
  });
});

describe('suspension', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  async function admin(): Promise<TestMember> {
    const member = await t.signUp({ displayName: 'Suspended Admin' });
    await t.sql(`UPDATE account SET role = 'ADMIN' WHERE id = $1`, [member.id]);
    return member;
  }

  async function suspend(member: TestMember, interval: string): Promise<void> {
    const rows = await t.sql(
      `UPDATE account SET suspended_until = now() + $1::interval WHERE id = $2 RETURNING id`,
      [interval, member.id],
    );
    expect(rows).toHaveLength(1);
  }

  it('lets a suspended member read but not write', async () => {
    const suspended = await admin();
    const target = await t.signUp({ displayName: 'Target Member' });
    // After sign-in: the guard reads the account on every request, not the token's claims.
    await suspend(suspended, '2 days');

    const me = await t.gql<{ me: Member }>(ME, {}, suspended.accessToken);
    expect(me.errors).toBeUndefined();
    expect(me.data?.me.id).toBe(suspended.id);
    const until = Date.parse(me.data?.me.suspendedUntil ?? '');
    expect(until).toBeGreaterThan(Date.now() + 86_400_000);

    const write = await t.gql(
      SET_ROLE,
      { handle: target.handle, role: 'MODERATOR' },
      suspended.accessToken,
    );
    expect(write.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(write.errors?.[0].extensions?.reason).toBe('SUSPENDED');
    expect(write.errors?.[0].message).toMatch(/suspended until \d{4}-\d\d-\d\dT/);
    const targetMe = await t.gql<{ me: Member }>(ME, {}, target.accessToken);
    expect(targetMe.data?.me.role).toBe('MEMBER');
  });

  it('still lets a suspended member log out', async () => {
    const member = await t.signUp({ displayName: 'Leaving Member' });
    await suspend(member, '7 days');
    const out = await t.gql(LOGOUT, { t: member.refreshToken }, member.accessToken);
    expect(out.errors).toBeUndefined();
    expect(out.data).toEqual({ logout: true });
    const refresh = await t.gql(REFRESH, { t: member.refreshToken });
    expect(refresh.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('ignores a suspension that has ended', async () => {
    const member = await admin();
    const target = await t.signUp({ displayName: 'Later Target' });
    await suspend(member, '-1 minute');
    const write = await t.gql<{ setMemberRole: Member }>(
      SET_ROLE,
      { handle: target.handle, role: 'MODERATOR' },
      member.accessToken,
    );
    expect(write.errors).toBeUndefined();
    expect(write.data?.setMemberRole.role).toBe('MODERATOR');
  });
});
