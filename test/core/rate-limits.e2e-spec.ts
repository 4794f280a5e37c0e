import { randomBytes } from 'node:crypto';
import { startTestApp, TestApp, uniqueEmail } from '../support/test-app';

interface GraphQLBody {
  data?: Record<string, unknown> | null;
  errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
}

const REGISTER = `mutation($input: RegisterInput!) { register(input: $input) { member { id } } }`;
const LOGIN = `mutation($input: LoginInput!) { login(input: $input) { member { id } } }`;
const PASSWORD = 'correct horse battery';

/**
 * A client address of its own for each caller, sent as X-Forwarded-For (the app trusts it from
 * loopback). Random documentation-range IPv6, so runs sharing one Redis never meet.
 */
function newClientAddress(): string {
  const hex = randomBytes(6).toString('hex');
  return `2001:db8:${hex.slice(0, 4)}:${hex.slice(4, 8)}:${hex.slice(8, 12)}::1`;
}

const codeOf = (body: GraphQLBody) => body.errors?.[0]?.extensions?.code;

// Counters live in this process without REDIS_URL, in Redis with it (shared by every node).
const backends: Array<[string, string | null]> = [['in memory', null]];
if (process.env.REDIS_URL) backends.push(['in Redis', process.env.REDIS_URL]);

describe.each(backends)('rate limits (%s)', (_name, redisUrl) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({
      redisUrl,
      registrationLimit: { limit: 3, windowSeconds: 3600 },
      failedLoginLimit: { limit: 3, windowSeconds: 900 },
    });
  });
  afterAll(() => t.close());

  async function post(query: string, variables: object, clientAddress: string) {
    const response = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': clientAddress },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as GraphQLBody;
  }

  function register(clientAddress: string, email = uniqueEmail('limited')) {
    return post(
      REGISTER,
      { input: { email, password: PASSWORD, displayName: 'Rate' } },
      clientAddress,
    );
  }

  function login(email: string, password: string) {
    return post(LOGIN, { input: { email, password } }, newClientAddress());
  }

  /** A registered account's email (registered from an address of its own). */
  async function account(): Promise<string> {
    const email = uniqueEmail('login');
    const result = await register(newClientAddress(), email);
    expect(result.errors).toBeUndefined();
    return email;
  }

  it('refuses the 4th registration from one address, saying when to retry', async () => {
    const address = newClientAddress();
    for (let i = 0; i < 3; i++) {
      const allowed = await register(address);
      expect(allowed.errors).toBeUndefined();
    }
    const email = uniqueEmail('fourth');
    const refused = await register(address, email);
    expect(codeOf(refused)).toBe('RATE_LIMITED');
    const retryAfter = refused.errors?.[0].extensions?.retryAfter;
    expect(typeof retryAfter).toBe('number');
    // About the whole window is left (a few seconds pass between the first hit and this one).
    expect(retryAfter).toBeGreaterThan(3600 - 300);
    expect(retryAfter).toBeLessThanOrEqual(3600);
    expect(refused.errors?.[0].message).toMatch(/Too many registrations/);
    expect(await t.sql('SELECT 1 FROM account WHERE email = $1', [email])).toHaveLength(0);

    // Another address is unaffected.
    expect((await register(newClientAddress())).errors).toBeUndefined();
  });

  it('after 3 failed sign-ins, refuses the email even with the right password', async () => {
    const email = await account();
    for (let i = 0; i < 3; i++) {
      expect(codeOf(await login(email, `wrong password ${i}`))).toBe('UNAUTHENTICATED');
    }
    const refused = await login(email, PASSWORD);
    expect(codeOf(refused)).toBe('RATE_LIMITED');
    expect(refused.data).toBeNull();
    const retryAfter = refused.errors?.[0].extensions?.retryAfter;
    expect(typeof retryAfter).toBe('number');
    expect(retryAfter).toBeGreaterThan(900 - 300);
    expect(retryAfter).toBeLessThanOrEqual(900);
    // The count is per email, whatever its case...
    expect(codeOf(await login(email.toUpperCase(), PASSWORD))).toBe('RATE_LIMITED');

    // ...and another email is unaffected.
    const other = await account();
    expect(codeOf(await login(other, 'wrong password'))).toBe('UNAUTHENTICATED');
    const ok = await login(other, PASSWORD);
    expect(ok.errors).toBeUndefined();
    expect(ok.data?.login).toBeTruthy();
  });

  it('holds for guesses sent all at once: only 3 are checked', async () => {
    const email = await account();
    const guesses = await Promise.all(
      Array.from({ length: 8 }, (_, i) => login(email, `parallel guess ${i}`)),
    );
    const codes = guesses.map(codeOf).sort();
    expect(codes).toEqual([
      ...Array<string>(5).fill('RATE_LIMITED'),
      ...Array<string>(3).fill('UNAUTHENTICATED'),
    ]);
    expect(codeOf(await login(email, PASSWORD))).toBe('RATE_LIMITED');
  });

  it('counts failures for unknown emails too', async () => {
    const ghost = uniqueEmail('ghost');
    for (let i = 0; i < 3; i++) {
      expect(codeOf(await login(ghost, 'whatever it is'))).toBe('UNAUTHENTICATED');
    }
    expect(codeOf(await login(ghost, 'whatever it is'))).toBe('RATE_LIMITED');
  });

  it('starts counting again after a successful sign-in', async () => {
    const email = await account();
    for (let i = 0; i < 2; i++) {
      expect(codeOf(await login(email, 'wrong password'))).toBe('UNAUTHENTICATED');
    }
    expect((await login(email, PASSWORD)).errors).toBeUndefined();
    for (let i = 0; i < 2; i++) {
      expect(codeOf(await login(email, 'wrong password'))).toBe('UNAUTHENTICATED');
    }
    // 4 failures in the window, but only 2 since the last success.
    expect((await login(email, PASSWORD)).errors).toBeUndefined();

    for (let i = 0; i < 3; i++) {
      expect(codeOf(await login(email, 'wrong password'))).toBe('UNAUTHENTICATED');
    }
    expect(codeOf(await login(email, PASSWORD))).toBe('RATE_LIMITED');
  });
});
