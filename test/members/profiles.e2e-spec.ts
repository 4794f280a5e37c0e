import { startTestApp, TestApp, TestMember } from '../support/test-app';

const UPDATE = `mutation($input: UpdateProfileInput!, $handle: String) {
  updateProfile(input: $input, handle: $handle) {
    handle displayName headline bio bioHtml organization jobTitle yearsOfPractice location timeZone
    links avatarUrl expertise learning visibility
  }
}`;
const MEMBER = `query($handle: String!) {
  member(handle: $handle) { handle displayName headline organization expertise learning bioHtml email }
}`;

type Errors =
  Array<{ extensions?: { code?: string; fields?: Record<string, string[]> } }> | undefined;
const codeOf = (errors: Errors) => errors?.[0]?.extensions?.code;
const fieldsOf = (errors: Errors) => Object.keys(errors?.[0]?.extensions?.fields ?? {});

describe('members: profiles', () => {
  let t: TestApp;
  let admin: TestMember;
  let ana: TestMember;
  let ben: TestMember;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.signUp({ displayName: 'Site Admin' }); // first account: ADMIN
    ana = await t.signUp({ displayName: 'Ana Lima' });
    ben = await t.signUp({ displayName: 'Ben Stone' });
  });
  afterAll(() => t.close());

  it('edits your own profile: normalised tags, rendered and sanitised bio', async () => {
    const result = await t.gql<{ updateProfile: Record<string, unknown> }>(
      UPDATE,
      {
        input: {
          headline: 'Head of Community',
          bio: '**Hello** <script>alert(1)</script> [x](javascript:alert(1))',
          organization: 'Acme',
          jobTitle: 'Community lead',
          yearsOfPractice: 7,
          location: 'Lisbon',
          timeZone: 'Europe/Lisbon',
          links: ['https://example.org/ana'],
          avatarUrl: 'https://example.org/ana.png',
          expertise: [' Onboarding ', 'onboarding', 'Engagement  Metrics'],
          learning: ['Governance'],
          visibility: 'PUBLIC',
        },
      },
      ana.accessToken,
    );
    expect(result.errors).toBeUndefined();
    const profile = result.data?.updateProfile as Record<string, unknown>;
    expect(profile.expertise).toEqual(['onboarding', 'engagement metrics']);
    expect(profile.learning).toEqual(['governance']);
    expect(profile.bioHtml).toContain('<strong>Hello</strong>');
    expect(profile.bioHtml).not.toMatch(/<script|href="javascript:/i);
    expect(profile.bio).toContain('<script>'); // stored as written
    expect(profile.timeZone).toBe('Europe/Lisbon');

    const tags = await t.gql<{ tags: Array<{ name: string; usageCount: number }> }>(
      `{ tags(prefix: "ONB", first: 5) { name usageCount } }`,
    );
    expect(tags.data?.tags).toEqual([{ name: 'onboarding', usageCount: 1 }]);
  });

  it('refuses a bad time zone, javascript: links, too many links and too many tags', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ timeZone: 'Mars/Olympus' }, 'input.timeZone'],
      [{ links: ['javascript:alert(1)'] }, 'input.links'],
      [{ links: Array.from({ length: 6 }, (_, i) => `https://example.org/${i}`) }, 'input.links'],
      [{ expertise: Array.from({ length: 11 }, (_, i) => `tag ${i}`) }, 'input.expertise'],
      [{ expertise: ['<b>bad</b>'] }, 'input.expertise'],
      [{ avatarUrl: 'ftp://example.org/a.png' }, 'input.avatarUrl'],
      [{ yearsOfPractice: -1 }, 'input.yearsOfPractice'],
      [{ handle: 'No Spaces Allowed' }, 'input.handle'],
    ];
    for (const [input, field] of cases) {
      const result = await t.gql(UPDATE, { input }, ben.accessToken);
      expect({ input, code: codeOf(result.errors) }).toEqual({ input, code: 'BAD_USER_INPUT' });
      expect(fieldsOf(result.errors)).toContain(field);
    }
  });

  it('changes the handle; a taken handle is CONFLICT', async () => {
    const member = await t.signUp({ displayName: 'Handle Changer' });
    const ok = await t.gql<{ updateProfile: { handle: string } }>(
      UPDATE,
      { input: { handle: 'new-handle-1' } },
      member.accessToken,
    );
    expect(ok.data?.updateProfile.handle).toBe('new-handle-1');
    const taken = await t.gql(UPDATE, { input: { handle: ana.handle } }, member.accessToken);
    expect(codeOf(taken.errors)).toBe('CONFLICT');
  });

  it('lets only admins edit someone else’s profile', async () => {
    const denied = await t.gql(
      UPDATE,
      { input: { headline: 'hacked' }, handle: ana.handle },
      ben.accessToken,
    );
    expect(codeOf(denied.errors)).toBe('FORBIDDEN');
    const byAdmin = await t.gql<{ updateProfile: { headline: string; handle: string } }>(
      UPDATE,
      { input: { jobTitle: 'Set by admin' }, handle: ben.handle },
      admin.accessToken,
    );
    expect(byAdmin.errors).toBeUndefined();
    expect(byAdmin.data?.updateProfile.handle).toBe(ben.handle);
    const missing = await t.gql(
      UPDATE,
      { input: { headline: 'x' }, handle: 'nobody-here' },
      admin.accessToken,
    );
    expect(codeOf(missing.errors)).toBe('NOT_FOUND');
  });

  it('shows email only to the member themself', async () => {
    const own = await t.gql<{ member: { email: string | null } }>(
      MEMBER,
      { handle: ana.handle },
      ana.accessToken,
    );
    expect(own.data?.member.email).toBe(ana.email);
    const other = await t.gql<{ member: { email: string | null } }>(
      MEMBER,
      { handle: ana.handle },
      ben.accessToken,
    );
    expect(other.data?.member.email).toBeNull();
    const me = await t.gql<{ me: { email: string } }>(`{ me { email } }`, {}, ben.accessToken);
    expect(me.data?.me.email).toBe(ben.email);
  });

  it('shows anonymous readers PUBLIC profiles only', async () => {
    const hidden = await t.signUp({ displayName: 'Members Only' });
    await t.gql(
      UPDATE,
      { input: { headline: 'secret', visibility: 'MEMBERS' } },
      hidden.accessToken,
    );
    const anonymousHidden = await t.gql<{ member: unknown }>(MEMBER, { handle: hidden.handle });
    expect(anonymousHidden.data?.member).toBeNull();
    const signedIn = await t.gql<{ member: { headline: string } }>(
      MEMBER,
      { handle: hidden.handle },
      ben.accessToken,
    );
    expect(signedIn.data?.member.headline).toBe('secret');
    const anonymousPublic = await t.gql<{ member: { headline: string; email: null } }>(MEMBER, {
      handle: ana.handle,
    });
    expect(anonymousPublic.data?.member.headline).toBe('Head of Community');
    expect(anonymousPublic.data?.member.email).toBeNull();
    const anonymousDirectory = await t.gql<{
      members: { edges: Array<{ node: { handle: string } }> };
    }>(`{ members(first: 100) { totalCount edges { node { handle } } } }`);
    const handles = anonymousDirectory.data?.members.edges.map((e) => e.node.handle) ?? [];
    expect(handles).toContain(ana.handle);
    expect(handles).not.toContain(hidden.handle);
  });
});
