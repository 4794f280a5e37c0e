import type { Socket } from 'socket.io-client';
import {
  QuickMember,
  START,
  inDays,
  makeModerator,
  quickMembers,
  register,
  schedule,
} from '../roundtables/support';
import { TestApp, emitWithAck, nextEvent, startTestApp, whenConnected } from '../support/test-app';

/** Shared by the live room's activity suites (queue, agenda, Q&A, takeaways, polls, reactions). */

export type Ack<T extends object = Record<string, unknown>> =
  | ({ ok: true } & T)
  | {
      ok: false;
      error: {
        code: string;
        message: string;
        reason?: string;
        fields?: Record<string, string[]>;
        retryAfter?: number;
      };
    };

export interface Wire {
  sessionId: string;
  seq: number;
  [key: string]: unknown;
}

export interface MemberRef {
  id: string;
  handle: string;
  displayName: string;
}

export interface InRoom extends QuickMember {
  socket: Socket;
  snapshot: Record<string, unknown> & { lastSeq: number };
}

export interface LiveRoom {
  id: string;
  host: InRoom;
  members: InRoom[];
}

export function expectOk<T extends object>(ack: Ack<T>): { ok: true } & T {
  if (!ack.ok) throw new Error(`expected ok, got ${JSON.stringify(ack)}`);
  return ack;
}

export function expectRefused(
  ack: Ack<object>,
  code: string,
  reason?: string,
): Extract<Ack, { ok: false }>['error'] {
  if (ack.ok) throw new Error(`expected ${code}, got ${JSON.stringify(ack)}`);
  expect(ack.error.code).toBe(code);
  if (reason) expect(ack.error.reason).toBe(reason);
  expect(typeof ack.error.message).toBe('string');
  return ack.error;
}

export function act<T extends object = Record<string, unknown>>(
  who: { socket: Socket },
  event: string,
  payload: unknown,
): Promise<Ack<T>> {
  return emitWithAck<Ack<T>>(who.socket, event, payload);
}

/** Connects and joins; the ack (the snapshot) must be ok. */
export async function enter(t: TestApp, member: QuickMember, sessionId: string): Promise<InRoom> {
  const socket = t.live(member.accessToken);
  await whenConnected(socket);
  const ack = await emitWithAck<Ack<{ lastSeq: number }>>(socket, 'session.join', { sessionId });
  const snapshot = expectOk(ack);
  return { ...member, socket, snapshot: snapshot as InRoom['snapshot'] };
}

export interface RoomOptions {
  members?: number;
  chathamHouse?: boolean;
  /** Leave it SCHEDULED, starting in 10 minutes: the lobby is open, the session is not LIVE. */
  lobby?: boolean;
  agenda?: Array<{ title: string; minutes: number }>;
  /** Members who register but do not join. */
  outside?: number;
  /** Runs while the roundtable is still SCHEDULED, everyone registered (questions, say). */
  beforeStart?: (id: string, host: QuickMember, registered: QuickMember[]) => Promise<void>;
}

/**
 * A roundtable hosted by a fresh member, `members` registered members, started (LIVE) unless
 * `lobby`, and everyone in the room.
 */
export async function liveRoom(
  t: TestApp,
  options: RoomOptions = {},
): Promise<LiveRoom & { outside: QuickMember[] }> {
  const count = options.members ?? 2;
  const [host, ...rest] = await quickMembers(t, 1 + count + (options.outside ?? 0));
  const roundtable = await schedule(t, host, {
    startsAt: options.lobby ? inDays(10 / 1440) : inDays(1),
    chathamHouse: options.chathamHouse ?? false,
    capacity: Math.max(2, count + (options.outside ?? 0)),
    ...(options.agenda ? { agenda: options.agenda } : {}),
  });
  for (const member of rest) await register(t, roundtable.id, member);
  await options.beforeStart?.(roundtable.id, host, rest);
  if (!options.lobby) {
    const started = await t.gql(START, { id: roundtable.id }, host.accessToken);
    if (!started.data) throw new Error(`start failed: ${JSON.stringify(started.errors)}`);
  }
  const inRoom = await Promise.all(
    [host, ...rest.slice(0, count)].map((member) => enter(t, member, roundtable.id)),
  );
  return {
    id: roundtable.id,
    host: inRoom[0],
    members: inRoom.slice(1),
    outside: rest.slice(count),
  };
}

export { makeModerator, nextEvent };

/** Collects every `event` a socket receives from now on, and waits for particular ones. */
export function collect<T extends Wire = Wire>(socket: Socket, event: string) {
  const items: T[] = [];
  const waiters: Array<() => void> = [];
  const listener = (payload: T) => {
    items.push(payload);
    for (const wake of waiters.splice(0)) wake();
  };
  socket.on(event, listener);
  return {
    items,
    stop: () => socket.off(event, listener),
    /** The first collected event matching `match` (by default: the one with that seq). */
    async find(match: number | ((item: T) => boolean), ms = 5000): Promise<T> {
      const test = typeof match === 'number' ? (item: T) => item.seq === match : match;
      const deadline = Date.now() + ms;
      for (;;) {
        const found = items.find(test);
        if (found) return found;
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`no matching "${event}" within ${ms} ms`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, left);
          waiters.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
    },
  };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** `session.resume`'s ack. */
export interface ResumeAck {
  truncated: boolean;
  events: Array<{ seq: number; type: string; payload: Wire }>;
  lastSeq: number;
}

export async function resume(t: TestApp, member: QuickMember, sessionId: string, afterSeq: number) {
  const socket = t.live(member.accessToken);
  await whenConnected(socket);
  const ack = await emitWithAck<Ack<ResumeAck>>(socket, 'session.resume', { sessionId, afterSeq });
  return expectOk(ack);
}

/** Runs only with REDIS_URL (several nodes share rooms through Redis); skipped by name otherwise. */
export const describeWithRedis = process.env.REDIS_URL ? describe : describe.skip;

/** Two API nodes in this process: one PostgreSQL database, one Redis. */
export async function twoNodes(): Promise<[TestApp, TestApp]> {
  const redisUrl = process.env.REDIS_URL ?? null;
  const first = await startTestApp({ redisUrl });
  const second = await startTestApp({ redisUrl }, { databaseUrl: first.databaseUrl });
  return [first, second];
}
