import { startTestApp, TestApp, uniqueEmail } from '../support/test-app';

const REGISTER = `mutation($input: RegisterInput!) {
  register(input: $input) { accessToken refreshToken member { id handle displayName role } }
}`;
const LOGIN = `mutation($input: LoginInput!) {
  login(input: $input) { accessToken refreshToken member { handle } }
}`;
const ME = `{ me { id handle displayName role createdAt suspendedUntil } }`;

describe('accounts: registration, login, refresh, logout', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('registers, makes a URL-safe unique handle, and signs the member in', async () => {
    const a = await t.gql(REGISTER, {
      input: { email: uniqueEmail(), password: 'long enough pw', displayName: 'Zoë O’Brien' },
    });
    const b = await t.gql(REGISTER, {
      input: { email: uniqueEmail(), password: 'long enough pw', displayName: 'Zoe OBrien' },
    });
    const memberA = (a.data as { register: { member: { handle: string } } }).register.member;
    const memberB = (b.data as { register: { member: { handle: string } } }).register.member;
    expect(memberA.handle).toBe('zoe-obrien');
    expect(memberB.handle).toBe('zoe-obrien-2');

    const token = (a.data as { register: { accessToken: string } }).register.accessToken;
    const me = await t.gql<{ me: { handle: string } }>(ME, {}, token);
    expect(me.data?.me.handle).toBe('zoe-obrien');
  });

  it('refuses malformed input with field-level messages', async () => {
    const result = await t.gql(REGISTER, {
      input: { email: 'not-an-email', password: 'short', displayName: 'X' },
    });
    expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const fields = result.errors?.[0].extensions?.fields as Record<string, string[]>;
    expect(Object.keys(fields).sort()).toEqual(['input.email', 'input.password']);
    expect(fields['input.password'][0]).toMatch(/at least 10 characters/);
    expect(JSON.stringify(result)).not.toMatch(/stack|at Object\./);
  });

  it('refuses a second account for the same email in another case with CONFLICT', async () => {
    const email = uniqueEmail('Case');
    await t.signUp({ email });
    const again = await t.gql(REGISTER, {
      input: { email: email.toUpperCase(), password: 'long enough pw', displayName: 'Dup' },
    });
    expect(again.errors?.[0].extensions?.code).toBe('CONFLICT');
  });

  it('answers the same UNAUTHENTICATED message for a wrong password and an unknown email', async () => {
    const member = await t.signUp();
    const wrongPassword = await t.gql(LOGIN, {
      input: { email: member.email, password: 'nope nope nope' },
    });
    const unknownEmail = await t.gql(LOGIN, {
      input: { email: uniqueEmail('ghost'), password: member.password },
    });
    expect(wrongPassword.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(unknownEmail.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(wrongPassword.errors?.[0].message).toBe(unknownEmail.errors?.[0].message);

    const ok = await t.gql<{ login: { member: { handle: string } } }>(LOGIN, {
      input: { email: member.email.toUpperCase(), password: member.password },
    });
    expect(ok.data?.login.member.handle).toBe(member.handle);
  });

  it('rotates refresh tokens: the old one stops working', async () => {
    const member = await t.signUp();
    const REFRESH = `mutation($t: String!) { refreshSession(refreshToken: $t) { accessToken refreshToken } }`;
    const first = await t.gql<{ refreshSession: { accessToken: string; refreshToken: string } }>(
      REFRESH,
      {
        t: member.refreshToken,
      },
    );
    expect(first.data?.refreshSession.refreshToken).toBeTruthy();
    expect(first.data?.refreshSession.refreshToken).not.toBe(member.refreshToken);
    const me = await t.gql(ME, {}, first.data?.refreshSession.accessToken);
    expect(me.errors).toBeUndefined();
    const reused = await t.gql(REFRESH, { t: member.refreshToken });
    expect(reused.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('ends the session when a rotated-out refresh token is presented again (theft)', async () => {
    const member = await t.signUp();
    const REFRESH = `mutation($t: String!) { refreshSession(refreshToken: $t) { accessToken refreshToken } }`;
    const rotated = await t.gql<{ refreshSession: { accessToken: string; refreshToken: string } }>(
      REFRESH,
      { t: member.refreshToken },
    );
    const stolen = await t.gql(REFRESH, { t: member.refreshToken });
    expect(stolen.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const legit = await t.gql(REFRESH, { t: rotated.data?.refreshSession.refreshToken });
    expect(legit.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const me = await t.gql(ME, {}, rotated.data?.refreshSession.accessToken);
    expect(me.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('logout revokes the session: its refresh and access tokens stop working', async () => {
    const member = await t.signUp();
    const out = await t.gql(`mutation($t: String!) { logout(refreshToken: $t) }`, {
      t: member.refreshToken,
    });
    expect(out.data).toEqual({ logout: true });
    const me = await t.gql(ME, {}, member.accessToken);
    expect(me.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const refresh = await t.gql(
      `mutation($t: String!) { refreshSession(refreshToken: $t) { accessToken } }`,
      {
        t: member.refreshToken,
      },
    );
    expect(refresh.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('asks for a token on member-only operations', async () => {
    const anonymous = await t.gql(ME);
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const garbage = await t.gql(ME, {}, 'not.a.jwt');
    expect(garbage.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });
});
