import { startTestApp, TestApp } from '../support/test-app';

interface RawResponse {
  status: number;
  headers: Headers;
  text: string;
  body: {
    data?: unknown;
    errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
  };
}

/** POSTs to /graphql as a client would, keeping the status, headers and raw body. */
async function post(
  t: TestApp,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<RawResponse> {
  const response = await fetch(`${t.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, body: JSON.parse(text) };
}

/** No stack trace, file path or internal exception detail anywhere in a response body. */
function expectNoInternals(text: string): void {
  expect(text).not.toMatch(/stacktrace|"exception"|node_modules|\.ts:\d+|\bat \S+ \(/i);
}

const INTROSPECTION =
  '{ __schema { types { name fields { name type { name ofType { name ofType { name } } } } } } }';

describe('GraphQL over HTTP', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('answers application/graphql-response+json when the client accepts it', async () => {
    const graphqlResponse = await post(
      t,
      { query: '{ __typename }' },
      { accept: 'application/graphql-response+json' },
    );
    expect(graphqlResponse.status).toBe(200);
    expect(graphqlResponse.headers.get('content-type')).toMatch(
      /^application\/graphql-response\+json/,
    );
    expect(graphqlResponse.body).toEqual({ data: { __typename: 'Query' } });

    const legacy = await post(t, { query: '{ __typename }' }, { accept: 'application/json' });
    expect(legacy.headers.get('content-type')).toMatch(/^application\/json/);
  });

  it('refuses a syntax error with 400 and BAD_USER_INPUT, without internals', async () => {
    const response = await post(
      t,
      { query: '{ me { id ' },
      { accept: 'application/graphql-response+json' },
    );
    expect(response.status).toBe(400);
    expect(response.body.data).toBeUndefined();
    expect(response.body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(response.body.errors?.[0].message).toMatch(/Syntax Error/);
    expectNoInternals(response.text);
  });

  it('refuses an unknown field with 400 and BAD_USER_INPUT, without internals', async () => {
    const response = await post(
      t,
      { query: '{ me { id passwordHash } }' },
      { accept: 'application/graphql-response+json' },
    );
    expect(response.status).toBe(400);
    expect(response.body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(response.body.errors?.[0].message).toMatch(/passwordHash/);
    expectNoInternals(response.text);
  });

  it('refuses variables of the wrong type with BAD_USER_INPUT, not a server error', async () => {
    const response = await post(t, {
      query: 'mutation Bad($role: Role!) { setMemberRole(handle: "x", role: $role) { id } }',
      variables: { role: 'EMPEROR' },
    });
    expect(response.status).toBe(400);
    expect(response.body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(response.body.errors?.[0].message).toMatch(/EMPEROR/);
    expectNoInternals(response.text);
  });

  it('refuses a body that is not JSON as a client error', async () => {
    const response = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query": ',
    });
    expect(response.status).toBe(400);
    const text = await response.text();
    expect(JSON.parse(text)).toMatchObject({ error: { code: 'BAD_USER_INPUT' } });
    expectNoInternals(text);
  });

  it('reports health: 200, status ok, database up', async () => {
    const response = await fetch(`${t.url}/health`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      status: string;
      info: Record<string, { status: string }>;
    };
    expect(body.status).toBe('ok');
    expect(body.info.database.status).toBe('up');
    expect(body.info.startup.status).toBe('up');
  });

  it('exposes Prometheus metrics, with the names of operations served', async () => {
    const operation = `MetricsProbe${process.pid}`;
    const served = await post(t, { query: `query ${operation} { __typename }` });
    expect(served.status).toBe(200);
    await post(t, { query: `query ${operation} { me { id } }` }); // UNAUTHENTICATED: an error

    const response = await fetch(`${t.url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await response.text();
    const series = (outcome: string) =>
      new RegExp(
        `^roundtable_graphql_requests_total\\{operation="${operation}",outcome="${outcome}"\\} 1$`,
        'm',
      );
    expect(text).toMatch(series('ok'));
    expect(text).toMatch(series('error'));
    expect(text).toMatch(/^roundtable_live_open_sockets \d+$/m);
    expect(text).toMatch(/^roundtable_db_pool_connections\{state="total"\} \d+$/m);
    expect(text).toMatch(/^roundtable_db_pool_connections\{state="idle"\} \d+$/m);
    expect(text).toMatch(
      new RegExp(
        `^roundtable_graphql_request_duration_seconds_count\\{operation="${operation}"\\} 2$`,
        'm',
      ),
    );
  });

  it('bounds the operation label: hostile names do not become series', async () => {
    const name = `x${'y'.repeat(100)}`;
    await post(t, { query: `query ${name} { __typename }` });
    const text = await (await fetch(`${t.url}/metrics`)).text();
    expect(text).not.toContain(name);
    expect(text).toMatch(/roundtable_graphql_requests_total\{operation="invalid",outcome="ok"\}/);
  });

  it('gives every response an x-request-id and echoes a valid one back', async () => {
    for (const path of ['/health', '/metrics', '/no-such-route']) {
      const response = await fetch(`${t.url}${path}`);
      expect(response.headers.get('x-request-id')).toMatch(/^[A-Za-z0-9._-]{1,64}$/);
    }
    const generated = await post(t, { query: '{ __typename }' });
    const other = await post(t, { query: '{ __typename }' });
    expect(generated.headers.get('x-request-id')).toBeTruthy();
    expect(generated.headers.get('x-request-id')).not.toBe(other.headers.get('x-request-id'));

    const echoed = await post(
      t,
      { query: '{ __typename }' },
      { 'x-request-id': 'trace-42.abc_DEF' },
    );
    expect(echoed.headers.get('x-request-id')).toBe('trace-42.abc_DEF');

    // Anything else (log injection, huge values) is replaced, not echoed.
    for (const bad of ['two words', 'x'.repeat(65), 'a\tb']) {
      const replaced = await post(t, { query: '{ __typename }' }, { 'x-request-id': bad });
      const id = replaced.headers.get('x-request-id');
      expect(id).toMatch(/^[A-Za-z0-9._-]{1,64}$/);
      expect(id).not.toBe(bad);
    }
  });
});

describe('GraphQL query limits', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ graphqlMaxDepth: 2, graphqlMaxComplexity: 4 });
  });
  afterAll(() => t.close());

  it('refuses an operation nested past the depth limit, naming the limit', async () => {
    // Depth 2 is within the limit: it reaches the resolver, which asks for a token.
    const within = await post(t, { query: '{ me { id } }' });
    expect(within.body.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');

    const deep = await post(t, {
      query: 'mutation { login(input: {email: "a@example.org", password: "x"}) { member { id } } }',
    });
    expect(deep.status).toBe(400);
    expect(deep.body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(deep.body.errors?.[0].message).toMatch(/nests 3 levels deep; the limit is 2/);

    // Fragments count too.
    const viaFragment = await post(t, {
      query: `mutation { login(input: {email: "a@example.org", password: "x"}) { ...P } }
        fragment P on AuthPayload { member { id } }`,
    });
    expect(viaFragment.body.errors?.[0].message).toMatch(/the limit is 2/);
  });

  it('refuses an operation past the complexity limit, naming the limit', async () => {
    const response = await post(t, { query: '{ me { id handle displayName role } }' });
    expect(response.status).toBe(400);
    expect(response.body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(response.body.errors?.[0].message).toMatch(/costs 5; the limit is 4/);
  });

  it('refuses, as a client error, an operation too large to measure', async () => {
    // 20 fragments, each spreading the next twice: tiny text, 2^20 paths.
    let query = 'query Huge { me { ...F0 } }\n';
    for (let i = 0; i < 20; i++) {
      const next = i + 1 < 20 ? ` ...F${i + 1} ...F${i + 1}` : '';
      query += `fragment F${i} on Member { id${next} }\n`;
    }
    const response = await post(t, { query });
    expect(response.body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expectNoInternals(response.text);
  });

  it('does not refuse introspection, whatever the limits', async () => {
    const response = await post(t, { query: INTROSPECTION });
    expect(response.status).toBe(200);
    expect(response.body.errors).toBeUndefined();
    const types = (response.body.data as { __schema: { types: Array<{ name: string }> } }).__schema
      .types;
    expect(types.map((type) => type.name)).toEqual(expect.arrayContaining(['Member', 'Query']));
  });
});
