import { randomBytes } from 'node:crypto';
import { memberRoom, RateLimiter, REDIS_CLIENT, RedisClient } from '@app/core';
// Not part of @app/core's public surface: the tests reach the gateway for its namespace.
import { LiveGateway } from '../../libs/core/src/live/live.gateway';
import { nextEvent, startTestApp, TestApp, whenConnected } from '../support/test-app';

/**
 * Two API nodes (two apps on one database) joined by Redis. Without REDIS_URL these are reported
 * as skipped, by name (jest lists skipped tests by name only in a file where something else ran:
 * the in-memory fallback below always runs).
 */
const describeRedis = process.env.REDIS_URL ? describe : describe.skip;

const LOGIN = `mutation($input: LoginInput!) { login(input: $input) { accessToken } }`;

describeRedis('with Redis: two API nodes', () => {
  let a: TestApp;
  let b: TestApp;
  const keys: string[] = [];

  beforeAll(async () => {
    const config = {
      redisUrl: process.env.REDIS_URL ?? null,
      failedLoginLimit: { limit: 2, windowSeconds: 60 },
    };
    a = await startTestApp(config);
    b = await startTestApp(config, { databaseUrl: a.databaseUrl });
  });

  afterAll(async () => {
    if (a && keys.length > 0) await a.app.get<RedisClient>(REDIS_CLIENT).del(keys);
    // B uses A's database: close it first, A then drops the database.
    await b?.close();
    await a?.close();
  });

  it('two nodes share /live rooms: an emit on node A reaches the socket on node B', async () => {
    const member = await a.signUp();
    const onA = a.live(member.accessToken);
    const onB = b.live(member.accessToken);
    await Promise.all([whenConnected(onA), whenConnected(onB)]);

    const serverA = a.app.get(LiveGateway).server;
    // The room spans both nodes: node A lists node B's socket in it too.
    const inRoom = await serverA.in(memberRoom(member.id)).fetchSockets();
    expect(inRoom.map((s) => s.id).sort()).toEqual([onA.id, onB.id].sort());

    const marker = randomBytes(8).toString('hex');
    const receivedOnA = nextEvent<{ marker: string }>(onA, 'test.cross-node');
    const receivedOnB = nextEvent<{ marker: string }>(onB, 'test.cross-node');
    serverA.to(memberRoom(member.id)).emit('test.cross-node', { marker });
    expect(await receivedOnB).toEqual({ marker });
    expect(await receivedOnA).toEqual({ marker });
  });

  it('two nodes share the failed-login limit: two failures on A, then B refuses', async () => {
    const member = await a.signUp();
    keys.push(`rl:login-failed:${member.email.toLowerCase()}`);
    for (let i = 0; i < 2; i++) {
      const wrong = await a.gql(LOGIN, {
        input: { email: member.email, password: 'not the password' },
      });
      expect(wrong.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    }
    // The right password, on the other node: refused all the same.
    const onB = await b.gql(LOGIN, { input: { email: member.email, password: member.password } });
    expect(onB.errors?.[0].extensions?.code).toBe('RATE_LIMITED');
    expect(onB.errors?.[0].extensions?.retryAfter).toEqual(expect.any(Number));
    expect(onB.errors?.[0].extensions?.retryAfter as number).toBeGreaterThan(1);
    expect(onB.data).toBeNull();
  });

  it('counts in Redis: a hit on one node is seen by the other, with the time left', async () => {
    const key = `test:${process.pid}:${randomBytes(6).toString('hex')}`;
    keys.push(`rl:${key}`);
    const limiterA = a.app.get(RateLimiter);
    const limiterB = b.app.get(RateLimiter);
    const first = await limiterA.hit(key, 60_000);
    expect(first.count).toBe(1);
    expect(first.resetInMs).toBeGreaterThan(50_000);
    expect(first.resetInMs).toBeLessThanOrEqual(60_000);
    const second = await limiterB.hit(key, 60_000);
    expect(second.count).toBe(2);
    expect(second.resetInMs).toBeGreaterThan(50_000);
    expect((await limiterA.peek(key)).count).toBe(2);
    await limiterB.reset(key);
    expect((await limiterA.peek(key)).count).toBe(0);
  });
});

describe('without Redis: one node, in memory', () => {
  it('the rate limiter counts in this process, with the time left', async () => {
    const limiter = new RateLimiter(null);
    try {
      const key = `test:${randomBytes(6).toString('hex')}`;
      expect(await limiter.hit(key, 60_000)).toEqual({ count: 1, resetInMs: expect.any(Number) });
      const second = await limiter.hit(key, 60_000);
      expect(second.count).toBe(2);
      expect(second.resetInMs).toBeGreaterThan(50_000);
      expect(second.resetInMs).toBeLessThanOrEqual(60_000);
      await expect(limiter.consume(key, 2, 60_000, 'tries')).rejects.toMatchObject({
        publicCode: 'RATE_LIMITED',
        retryAfterSeconds: 60,
      });
      await limiter.reset(key);
      expect((await limiter.peek(key)).count).toBe(0);
    } finally {
      limiter.onModuleDestroy();
    }
  });
});
