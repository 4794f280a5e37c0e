import { startTestApp, TestApp, TestMember } from '../support/test-app';

const LOGIN = `mutation($input: LoginInput!) { login(input: $input) { accessToken member { handle } } }`;
const ME = `{ me { handle displayName } }`;

describe('members: account care', () => {
  let t: TestApp;
  let admin: TestMember;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.signUp({ displayName: 'Care Admin' });
  });
  afterAll(() => t?.close());

  it('changes the password and signs out the other sessions', async () => {
    const member = await t.signUp();
    const other = await t.gql<{ login: { accessToken: string } }>(LOGIN, {
      input: { email: member.email, password: member.password },
    });
    const wrong = await t.gql(
      `mutation { changePassword(current: "not it at all", next: "a brand new password") { handle } }`,
      {},
      member.accessToken,
    );
    expect(wrong.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const short = await t.gql(
      `mutation($c: String!) { changePassword(current: $c, next: "short") { handle } }`,
      { c: member.password },
      member.accessToken,
    );
    expect(short.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const ok = await t.gql(
      `mutation($c: String!) { changePassword(current: $c, next: "a brand new password") { handle } }`,
      { c: member.password },
      member.accessToken,
    );
    expect(ok.errors).toBeUndefined();
    expect((await t.gql(ME, {}, member.accessToken)).errors).toBeUndefined();
    const otherSession = await t.gql(ME, {}, other.data?.login.accessToken);
    expect(otherSession.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const oldPassword = await t.gql(LOGIN, {
      input: { email: member.email, password: member.password },
    });
    expect(oldPassword.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const newPassword = await t.gql(LOGIN, {
      input: { email: member.email, password: 'a brand new password' },
    });
    expect(newPassword.errors).toBeUndefined();
    const inbox = await t.gql<{
      notifications: { edges: Array<{ node: { kind: string; title: string } }> };
    }>(`{ notifications(first: 5) { edges { node { kind title } } } }`, {}, member.accessToken);
    expect(inbox.data?.notifications.edges[0]?.node.kind).toBe('ACCOUNT_SECURITY');
    expect(inbox.data?.notifications.edges[0]?.node.title).toMatch(/password was changed/);
  });

  it('lets an admin issue a one-time reset link valid for an hour', async () => {
    const member = await t.signUp();
    const denied = await t.gql(
      `mutation($h: String!) { issuePasswordReset(handle: $h) { url } }`,
      { h: member.handle },
      member.accessToken,
    );
    expect(denied.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const issued = await t.gql<{
      issuePasswordReset: { url: string; expiresAt: string; member: { handle: string } };
    }>(
      `mutation($h: String!) { issuePasswordReset(handle: $h) { url expiresAt member { handle } } }`,
      { h: member.handle },
      admin.accessToken,
    );
    const link = issued.data?.issuePasswordReset;
    expect(link?.member.handle).toBe(member.handle);
    const minutes = (new Date(link?.expiresAt ?? 0).getTime() - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(55);
    expect(minutes).toBeLessThanOrEqual(60);
    const token = link?.url.split('/reset-password/')[1] ?? '';
    expect(token.length).toBeGreaterThan(20);

    const page = await fetch(`${t.url}/reset-password/${token}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('resetPassword');

    const RESET = `mutation($t: String!, $p: String!) { resetPassword(token: $t, password: $p) { handle } }`;
    const reset = await t.gql<{ resetPassword: { handle: string } }>(RESET, {
      t: token,
      p: 'reset to this one',
    });
    expect(reset.data?.resetPassword.handle).toBe(member.handle);
    expect((await t.gql(ME, {}, member.accessToken)).errors?.[0].extensions?.code).toBe(
      'UNAUTHENTICATED',
    );
    const again = await t.gql(RESET, { t: token, p: 'and once more please' });
    expect(again.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const login = await t.gql(LOGIN, {
      input: { email: member.email, password: 'reset to this one' },
    });
    expect(login.errors).toBeUndefined();

    await t.sql(`UPDATE password_reset SET expires_at = now() - interval '1 minute'`);
    const expired = await t.gql<{ issuePasswordReset: { url: string } }>(
      `mutation($h: String!) { issuePasswordReset(handle: $h) { url } }`,
      { h: member.handle },
      admin.accessToken,
    );
    await t.sql(`UPDATE password_reset SET expires_at = now() - interval '1 minute'`);
    const late = await t.gql(RESET, {
      t: expired.data?.issuePasswordReset.url.split('/reset-password/')[1],
      p: 'too late for this',
    });
    expect(late.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('deletes an account by anonymising it', async () => {
    const member = await t.signUp({ displayName: 'Leaving Soon' });
    await t.gql(
      `mutation { updateProfile(input: {headline: "bye", expertise: ["leaving"], visibility: PUBLIC}) { handle } }`,
      {},
      member.accessToken,
    );
    const wrong = await t.gql(
      `mutation { deleteAccount(password: "wrong password!") { handle } }`,
      {},
      member.accessToken,
    );
    expect(wrong.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const deleted = await t.gql<{ deleteAccount: { handle: string; displayName: string } }>(
      `mutation($p: String!) { deleteAccount(password: $p) { handle displayName } }`,
      { p: member.password },
      member.accessToken,
    );
    expect(deleted.data?.deleteAccount.displayName).toBe('Former member');
    expect(deleted.data?.deleteAccount.handle).toMatch(/^former-/);
    const login = await t.gql(LOGIN, { input: { email: member.email, password: member.password } });
    expect(login.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect((await t.gql(ME, {}, member.accessToken)).errors?.[0].extensions?.code).toBe(
      'UNAUTHENTICATED',
    );
    const [row] = await t.sql<{ email: string; deleted_at: Date | null }>(
      'SELECT email, deleted_at FROM account WHERE id = $1',
      [member.id],
    );
    expect(row.email).not.toContain(member.email);
    expect(row.deleted_at).not.toBeNull();
    expect(
      await t.sql('SELECT 1 FROM member_profile WHERE account_id = $1', [member.id]),
    ).toHaveLength(0);
    const gone = await t.gql<{ member: unknown }>(
      `query($h: String!) { member(handle: $h) { handle } }`,
      {
        h: member.handle,
      },
    );
    expect(gone.data?.member).toBeNull();
    const tags = await t.gql<{ tags: Array<{ name: string; usageCount: number }> }>(
      `{ tags(prefix: "leaving") { name usageCount } }`,
    );
    expect(tags.data?.tags).toEqual([{ name: 'leaving', usageCount: 0 }]);
  });
});
