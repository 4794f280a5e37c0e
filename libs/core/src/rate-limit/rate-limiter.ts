import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { CoreError, CoreErrorCode } from '../errors/domain-error';
import { REDIS_CLIENT, RedisClient } from '../redis/redis.provider';

export interface WindowState {
  count: number;
  resetInMs: number;
}

/**
 * Fixed-window counters: in Redis when REDIS_URL is set (shared by every node), otherwise in
 * this process. Used for the few limits that protect accounts (registration, failed logins).
 */
@Injectable()
export class RateLimiter implements OnModuleDestroy {
  private readonly memory = new Map<string, { count: number; resetAt: number }>();
  private sweep: NodeJS.Timeout | null = null;

  constructor(@Inject(REDIS_CLIENT) private readonly redis: RedisClient | null) {
    if (!redis) {
      this.sweep = setInterval(() => this.dropExpired(), 60_000);
      this.sweep.unref();
    }
  }

  onModuleDestroy(): void {
    if (this.sweep) clearInterval(this.sweep);
  }

  /** Counts one hit and returns the window's state after it. */
  async hit(key: string, windowMs: number): Promise<WindowState> {
    const fullKey = `rl:${key}`;
    if (this.redis) {
      // One reply per command: INCR's count, PEXPIRE's 0/1 (not a time), PTTL's time left.
      const [count, _expireSet, ttl] = (await this.redis
        .multi()
        .incr(fullKey)
        .pExpire(fullKey, windowMs, 'NX')
        .pTTL(fullKey)
        .exec()) as unknown as [number, number, number];
      return { count: Number(count), resetInMs: Math.max(Number(ttl), 0) };
    }
    const now = Date.now();
    let entry = this.memory.get(fullKey);
    if (!entry || entry.resetAt <= now) {
      entry = { count: 0, resetAt: now + windowMs };
      this.memory.set(fullKey, entry);
    }
    entry.count += 1;
    return { count: entry.count, resetInMs: entry.resetAt - now };
  }

  async peek(key: string): Promise<WindowState> {
    const fullKey = `rl:${key}`;
    if (this.redis) {
      const [count, ttl] = (await this.redis
        .multi()
        .get(fullKey)
        .pTTL(fullKey)
        .exec()) as unknown as [string | null, number];
      return { count: Number(count ?? 0), resetInMs: Math.max(Number(ttl), 0) };
    }
    const entry = this.memory.get(fullKey);
    if (!entry || entry.resetAt <= Date.now()) return { count: 0, resetInMs: 0 };
    return { count: entry.count, resetInMs: entry.resetAt - Date.now() };
  }

  async reset(key: string): Promise<void> {
    if (this.redis) await this.redis.del(`rl:${key}`);
    else this.memory.delete(`rl:${key}`);
  }

  /** Hits and refuses with RATE_LIMITED once past `limit` in the window. */
  async consume(key: string, limit: number, windowMs: number, what: string): Promise<void> {
    const state = await this.hit(key, windowMs);
    if (state.count > limit) throw RateLimiter.refusal(state, what);
  }

  static refusal(state: WindowState, what: string): CoreError {
    const retryAfterSeconds = Math.max(1, Math.ceil(state.resetInMs / 1000));
    return new CoreError(
      CoreErrorCode.RATE_LIMITED,
      `Too many ${what}. Try again in ${retryAfterSeconds} seconds.`,
      { retryAfterSeconds },
    );
  }

  private dropExpired(): void {
    const now = Date.now();
    for (const [key, entry] of this.memory) if (entry.resetAt <= now) this.memory.delete(key);
  }
}
