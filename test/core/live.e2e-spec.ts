import type { Socket } from 'socket.io-client';
import { AuthService, memberRoom } from '@app/core';
// Not part of @app/core's public surface: the tests reach the gateway for its namespace.
import { LiveGateway } from '../../libs/core/src/live/live.gateway';
import {
  emitWithAck,
  nextEvent,
  startTestApp,
  TestApp,
  whenConnected,
  whenRefused,
} from '../support/test-app';

type Ack =
  | { ok: true; at: string; echo?: string }
  | { ok: false; error: { code: string; message: string; fields?: Record<string, string[]> } };

const LOGOUT = `mutation($t: String!) { logout(refreshToken: $t) }`;

/** The `exp` claim of an access token, in milliseconds. */
function expiresAtMs(token: string): number {
  const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as {
    exp: number;
  };
  return claims.exp * 1000;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(ms, 0)));

function expectRefused(ack: Ack, code: string): Extract<Ack, { ok: false }>['error'] {
  expect(ack.ok).toBe(false);
  if (ack.ok) throw new Error('unreachable');
  expect(ack.error.code).toBe(code);
  expect(typeof ack.error.message).toBe('string');
  expect(JSON.stringify(ack)).not.toMatch(/stack|at Object\./);
  return ack.error;
}

describe('/live: handshake, rooms and the acknowledgement envelope', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  describe('the handshake', () => {
    it('refuses a socket without a token with UNAUTHENTICATED', async () => {
      const error = await whenRefused(t.live(null));
      expect(error.message).toMatch(/^UNAUTHENTICATED/);
      expect(error.message).toMatch(/auth\.token/);
    });

    it('refuses an empty or non-string token', async () => {
      expect((await whenRefused(t.live(''))).message).toMatch(/^UNAUTHENTICATED/);
      const numeric = t.live(null, { autoConnect: false });
      numeric.auth = { token: 42 };
      numeric.connect();
      expect((await whenRefused(numeric)).message).toMatch(/^UNAUTHENTICATED/);
    });

    it('refuses a garbage token', async () => {
      const error = await whenRefused(t.live('not.a.jwt'));
      expect(error.message).toMatch(/^UNAUTHENTICATED/);
      expect(error.message).toMatch(/not valid/);
    });

    it('refuses the token of a session that was logged out', async () => {
      const member = await t.signUp();
      const out = await t.gql(LOGOUT, { t: member.refreshToken });
      expect(out.data).toEqual({ logout: true });
      const error = await whenRefused(t.live(member.accessToken));
      expect(error.message).toMatch(/^UNAUTHENTICATED/);
      expect(error.message).toMatch(/session has ended/);
    });

    it('does not call a failure on our side a bad token', async () => {
      const member = await t.signUp();
      const verify = jest
        .spyOn(t.app.get(AuthService), 'verifyAccessToken')
        .mockRejectedValueOnce(new Error('connection terminated unexpectedly'));
      try {
        const error = await whenRefused(t.live(member.accessToken));
        expect(error.message).toMatch(/^INTERNAL_SERVER_ERROR: Something went wrong on our side/);
        expect(error.message).not.toMatch(/connection terminated/);
      } finally {
        verify.mockRestore();
      }
      // The same token still connects once the failure is over.
      await whenConnected(t.live(member.accessToken));
    });

    it("accepts a valid token and puts the socket in its member's room only", async () => {
      const member = await t.signUp();
      const other = await t.signUp();
      const socket = t.live(member.accessToken);
      const otherSocket = t.live(other.accessToken);
      await Promise.all([whenConnected(socket), whenConnected(otherSocket)]);

      const server = t.app.get(LiveGateway).server;
      const inRoom = await server.in(memberRoom(member.id)).fetchSockets();
      expect(inRoom.map((s) => s.id)).toEqual([socket.id]);
      expect(inRoom[0].data.member).toMatchObject({ id: member.id, handle: member.handle });

      // What a domain does to reach a member: emit to the room.
      const received = nextEvent<{ hello: string }>(socket, 'test.to-member');
      server.to(memberRoom(member.id)).emit('test.to-member', { hello: member.handle });
      expect(await received).toEqual({ hello: member.handle });
      const otherRoom = await server.in(memberRoom(other.id)).fetchSockets();
      expect(otherRoom.map((s) => s.id)).toEqual([otherSocket.id]);
    });

    it('lets two sockets of one member share the room', async () => {
      const member = await t.signUp();
      const first = t.live(member.accessToken);
      const second = t.live(member.accessToken);
      await Promise.all([whenConnected(first), whenConnected(second)]);
      const server = t.app.get(LiveGateway).server;
      const ids = (await server.in(memberRoom(member.id)).fetchSockets()).map((s) => s.id);
      expect(ids.sort()).toEqual([first.id, second.id].sort());
    });
  });

  describe('ping and the envelope', () => {
    let socket: Socket;
    beforeAll(async () => {
      const member = await t.signUp();
      socket = t.live(member.accessToken);
      await whenConnected(socket);
    });
    afterAll(() => {
      socket?.disconnect();
    });

    it('acknowledges ping with {ok: true, at} where at is an ISO date', async () => {
      for (const ack of [
        await emitWithAck<Ack>(socket, 'ping'),
        await emitWithAck<Ack>(socket, 'ping', {}),
      ]) {
        expect(ack).toEqual({ ok: true, at: expect.any(String) });
        if (!ack.ok) throw new Error('unreachable');
        expect(new Date(ack.at).toISOString()).toBe(ack.at);
        expect(Math.abs(Date.parse(ack.at) - Date.now())).toBeLessThan(60_000);
      }
    });

    it('echoes the optional echo string', async () => {
      const ack = await emitWithAck<Ack>(socket, 'ping', { echo: 'hi' });
      expect(ack).toEqual({ ok: true, at: expect.any(String), echo: 'hi' });
      const longest = await emitWithAck<Ack>(socket, 'ping', { echo: 'x'.repeat(64) });
      expect(longest).toMatchObject({ ok: true, echo: 'x'.repeat(64) });
    });

    it('refuses an unknown field with BAD_USER_INPUT naming it', async () => {
      const error = expectRefused(
        await emitWithAck<Ack>(socket, 'ping', { nope: 1 }),
        'BAD_USER_INPUT',
      );
      expect(Object.keys(error.fields ?? {})).toEqual(['nope']);
      expect(error.fields?.nope[0]).toMatch(/should not exist/);
    });

    it('refuses a wrong type with BAD_USER_INPUT on the field', async () => {
      const error = expectRefused(
        await emitWithAck<Ack>(socket, 'ping', { echo: 5 }),
        'BAD_USER_INPUT',
      );
      expect(Object.keys(error.fields ?? {})).toEqual(['echo']);
      expect(error.fields?.echo.join(' ')).toMatch(/string/);
    });

    it('refuses an oversize string with BAD_USER_INPUT on the field', async () => {
      const error = expectRefused(
        await emitWithAck<Ack>(socket, 'ping', { echo: 'x'.repeat(65) }),
        'BAD_USER_INPUT',
      );
      expect(Object.keys(error.fields ?? {})).toEqual(['echo']);
      expect(error.fields?.echo.join(' ')).toMatch(/64/);
    });

    it.each([
      ['a string', 'hello'],
      ['a number', 7],
      ['an array', [{ echo: 'hi' }]],
      ['null', null],
    ])('refuses %s as the payload with BAD_USER_INPUT', async (_what, payload) => {
      const error = expectRefused(
        await emitWithAck<Ack>(socket, 'ping', payload),
        'BAD_USER_INPUT',
      );
      expect(error.fields).toEqual({ payload: ['must be an object'] });
    });

    it('survives all of those: the socket stays connected and ping still works', async () => {
      const refused = await Promise.all([
        emitWithAck<Ack>(socket, 'ping', { nope: 1 }),
        emitWithAck<Ack>(socket, 'ping', { echo: 5 }),
        emitWithAck<Ack>(socket, 'ping', { echo: 'x'.repeat(65) }),
        emitWithAck<Ack>(socket, 'ping', 'hello'),
        emitWithAck<Ack>(socket, 'ping', [1, 2]),
        emitWithAck<Ack>(socket, 'ping', null),
        emitWithAck<Ack>(socket, 'ping', { echo: 'a' }, 'extra argument'),
      ]);
      expect(refused.map((ack) => ack.ok)).toEqual(Array(refused.length).fill(false));
      expect(socket.connected).toBe(true);
      const ack = await emitWithAck<Ack>(socket, 'ping', { echo: 'still here' });
      expect(ack).toMatchObject({ ok: true, echo: 'still here' });
    });
  });
});

describe('/live: an exception in a handler', () => {
  let t: TestApp;
  const original = Object.getOwnPropertyDescriptor(LiveGateway.prototype, 'ping');

  beforeAll(async () => {
    // Nest binds the prototype's method (and reads its metadata) when the app starts: swap in a
    // handler that throws on demand, carrying over the original's decorator metadata.
    const ping = LiveGateway.prototype.ping;
    const failing = function (this: LiveGateway, ...args: Parameters<typeof ping>) {
      if (args[1]?.echo === 'boom') throw new Error('boom: a bug in a handler');
      return ping.apply(this, args);
    };
    for (const key of Reflect.getMetadataKeys(ping)) {
      Reflect.defineMetadata(key, Reflect.getMetadata(key, ping), failing);
    }
    Object.defineProperty(LiveGateway.prototype, 'ping', { ...original, value: failing });
    try {
      t = await startTestApp();
    } finally {
      if (original) Object.defineProperty(LiveGateway.prototype, 'ping', original);
    }
  });
  afterAll(() => t?.close());

  it('becomes an error ack with a generic message, and the socket carries on', async () => {
    const member = await t.signUp();
    const socket = t.live(member.accessToken);
    await whenConnected(socket);
    const ack = await emitWithAck<Ack>(socket, 'ping', { echo: 'boom' });
    const error = expectRefused(ack, 'INTERNAL_SERVER_ERROR');
    expect(error.message).not.toMatch(/boom/);
    expect(socket.connected).toBe(true);
    expect(await emitWithAck<Ack>(socket, 'ping', { echo: 'after' })).toMatchObject({
      ok: true,
      echo: 'after',
    });
  });
});

describe('/live: access token expiry', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ accessTokenTtlSeconds: 2 });
  });
  afterAll(() => t?.close());

  it('refuses the handshake of an expired token', async () => {
    const member = await t.signUp();
    await sleep(expiresAtMs(member.accessToken) - Date.now() + 50);
    const error = await whenRefused(t.live(member.accessToken));
    expect(error.message).toMatch(/^UNAUTHENTICATED/);
    expect(error.message).toMatch(/expired/);
  });

  it('sends auth.expired, then disconnects the socket, when its token runs out', async () => {
    const member = await t.signUp();
    const socket = t.live(member.accessToken);
    await whenConnected(socket);
    const server = t.app.get(LiveGateway).server;
    expect((await server.in(memberRoom(member.id)).fetchSockets()).length).toBe(1);

    const expired = nextEvent<{ message: string }>(socket, 'auth.expired');
    const disconnected = nextEvent<string>(socket, 'disconnect');
    expect((await expired).message).toMatch(/expired/);
    expect(await disconnected).toBe('io server disconnect');
    expect(socket.connected).toBe(false);
    expect(await server.in(memberRoom(member.id)).fetchSockets()).toEqual([]);
  });
});
