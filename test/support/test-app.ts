import { randomBytes } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import { Client } from 'pg';
import { io, Socket } from 'socket.io-client';
import { AppConfig, loadConfig } from '@app/core';
import { createApp } from '../../apps/api/src/bootstrap';
import { databaseUrlFor } from './database-url';

export interface GraphQLResult<T = Record<string, unknown>> {
  status: number;
  data?: T;
  errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
}

export interface TestApp {
  app: INestApplication;
  url: string;
  config: AppConfig;
  databaseUrl: string;
  gql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    token?: string,
  ): Promise<GraphQLResult<T>>;
  /** Registers a member and returns their tokens and handle. */
  signUp(
    overrides?: Partial<{ email: string; password: string; displayName: string }>,
  ): Promise<TestMember>;
  live(token: string | null, options?: { autoConnect?: boolean }): Socket;
  sql<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

export interface TestMember {
  id: string;
  handle: string;
  email: string;
  password: string;
  accessToken: string;
  refreshToken: string;
}

let counter = 0;
export function uniqueEmail(prefix = 'member'): string {
  return `${prefix}-${process.pid}-${Date.now()}-${counter++}@example.org`;
}

export interface StartTestAppOptions {
  /**
   * Run against this existing database (another test app's `databaseUrl`, to model a second API
   * node) instead of cloning a fresh one; closing this app then leaves the database in place.
   */
  databaseUrl?: string;
}

/**
 * A fresh database cloned from the migrated template (or `options.databaseUrl`), and the app on
 * a random port.
 */
export async function startTestApp(
  overrides: Partial<AppConfig> = {},
  options: StartTestAppOptions = {},
): Promise<TestApp> {
  const baseUrl = process.env.DATABASE_URL;
  const template = process.env.ROUNDTABLE_TEST_TEMPLATE;
  if (!baseUrl || !template) throw new Error('Run e2e tests through jest (globalSetup).');
  // The database this app created and must drop on close; null when it reuses another's.
  let ownDatabase: string | null = null;
  let databaseUrl: string;
  if (options.databaseUrl) {
    databaseUrl = options.databaseUrl;
  } else {
    ownDatabase = `rt_t_${process.pid}_${randomBytes(4).toString('hex')}`;
    const admin = new Client({ connectionString: databaseUrlFor(baseUrl, 'postgres') });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${ownDatabase} TEMPLATE ${template}`);
    await admin.end();
    databaseUrl = databaseUrlFor(baseUrl, ownDatabase);
  }

  const config: AppConfig = {
    ...loadConfig({
      NODE_ENV: 'test',
      JWT_SECRET: 'test-secret-'.padEnd(40, 'x'),
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      // Suites call the jobs' services themselves; a tick mid-test would add statements to
      // the ones a test counts.
      RUN_JOBS: 'false',
    }),
    databaseUrl,
    demoData: false,
    registrationLimit: { limit: 10_000, windowSeconds: 3600 },
    ...overrides,
  };
  const app = await createApp(config);
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  const url = `http://127.0.0.1:${address.port}`;
  const pool = new Client({ connectionString: databaseUrl });
  await pool.connect();
  const sockets: Socket[] = [];

  const gql: TestApp['gql'] = async (query, variables, token) => {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json, application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as Omit<GraphQLResult, 'status'>;
    return { status: response.status, ...body } as GraphQLResult<never>;
  };

  const signUp: TestApp['signUp'] = async (input = {}) => {
    const email = input.email ?? uniqueEmail();
    const password = input.password ?? 'correct horse battery';
    const result = await gql<{
      register: {
        accessToken: string;
        refreshToken: string;
        member: { id: string; handle: string };
      };
    }>(
      `mutation($input: RegisterInput!) { register(input: $input) { accessToken refreshToken member { id handle } } }`,
      { input: { email, password, displayName: input.displayName ?? 'Test Member' } },
    );
    if (!result.data) throw new Error(`signUp failed: ${JSON.stringify(result.errors)}`);
    const { accessToken, refreshToken, member } = result.data.register;
    return { id: member.id, handle: member.handle, email, password, accessToken, refreshToken };
  };

  return {
    app,
    url,
    config,
    databaseUrl,
    gql,
    signUp,
    live(token, options = {}) {
      const socket = io(`${url}/live`, {
        auth: token === null ? {} : { token },
        transports: ['websocket'],
        reconnection: false,
        forceNew: true,
        autoConnect: options.autoConnect ?? true,
      });
      sockets.push(socket);
      return socket;
    },
    async sql(text, params) {
      return (await pool.query(text, params)).rows;
    },
    async close() {
      for (const socket of sockets) socket.disconnect();
      await app.close();
      await pool.end();
      if (!ownDatabase) return;
      const cleanup = new Client({ connectionString: databaseUrlFor(baseUrl, 'postgres') });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS ${ownDatabase} WITH (FORCE)`);
      await cleanup.end();
    },
  };
}

/** Resolves with the socket's first `event`, or rejects after `ms`. */
export function nextEvent<T = unknown>(socket: Socket, event: string, ms = 5000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no "${event}" within ${ms} ms`)), ms);
    socket.once(event, (payload: T) => {
      clearTimeout(timer);
      resolve(payload);
    });
  });
}

export function emitWithAck<T = Record<string, unknown>>(
  socket: Socket,
  event: string,
  ...args: unknown[]
): Promise<T> {
  return socket.timeout(5000).emitWithAck(event, ...args) as Promise<T>;
}

/**
 * Settles on a socket's handshake: `connect` or `connect_error`, whichever comes first (rejects
 * after `ms`). Leaves no listener or timer behind, unlike racing two `nextEvent`s.
 */
function handshake(
  socket: Socket,
  ms: number,
): Promise<{ connected: true } | { connected: false; error: Error }> {
  return new Promise((resolve, reject) => {
    const done = () => {
      clearTimeout(timer);
      socket.off('connect', onConnect);
      socket.off('connect_error', onError);
    };
    const onConnect = () => {
      done();
      resolve({ connected: true });
    };
    const onError = (error: Error) => {
      done();
      resolve({ connected: false, error });
    };
    const timer = setTimeout(() => {
      done();
      reject(new Error(`neither connect nor connect_error within ${ms} ms`));
    }, ms);
    socket.once('connect', onConnect);
    socket.once('connect_error', onError);
  });
}

/** Resolves once the socket is connected; rejects if the handshake refuses it. */
export async function whenConnected(socket: Socket, ms = 5000): Promise<void> {
  const outcome = await handshake(socket, ms);
  if (!outcome.connected) {
    throw new Error(`expected a connection, got connect_error: ${outcome.error.message}`);
  }
}

/** Resolves with the handshake's refusal (`connect_error`); rejects if the socket connects. */
export async function whenRefused(socket: Socket, ms = 5000): Promise<Error> {
  const outcome = await handshake(socket, ms);
  if (outcome.connected) throw new Error('the handshake accepted the socket; expected a refusal');
  return outcome.error;
}
