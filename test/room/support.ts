import type { Socket } from 'socket.io-client';
import { emitWithAck, TestApp, whenConnected } from '../support/test-app';
import { START, QuickMember, quickMembers, register, schedule } from '../roundtables/support';

/** Shared by the live-room suites: a session with its people, sockets, acks. */

export type Ack<T extends object = Record<string, unknown>> =
  | ({ ok: true } & T)
  | {
      ok: false;
      error: { code: string; message: string; reason?: string; fields?: Record<string, string[]> };
    };

export interface Session {
  id: string;
  host: QuickMember;
  members: QuickMember[];
}

/**
 * A roundtable hosted by a fresh member with `registered` members holding seats; LIVE unless
 * `live: false` (then SCHEDULED, starting in 3 days).
 */
export async function session(
  t: TestApp,
  options: { registered?: number; live?: boolean; chathamHouse?: boolean; capacity?: number } = {},
): Promise<Session> {
  const [host, ...members] = await quickMembers(t, 1 + (options.registered ?? 2));
  const roundtable = await schedule(t, host, {
    chathamHouse: options.chathamHouse ?? false,
    capacity: options.capacity ?? 10,
  });
  for (const member of members) await register(t, roundtable.id, member);
  if (options.live !== false) {
    const started = await t.gql(START, { id: roundtable.id }, host.accessToken);
    if (started.errors) throw new Error(`start failed: ${JSON.stringify(started.errors)}`);
  }
  return { id: roundtable.id, host, members };
}

/** A connected /live socket for the member. */
export async function connect(t: TestApp, member: { accessToken: string }): Promise<Socket> {
  const socket = t.live(member.accessToken);
  await whenConnected(socket);
  return socket;
}

export function ack<T extends object = Record<string, unknown>>(
  socket: Socket,
  event: string,
  payload: unknown,
): Promise<Ack<T>> {
  return emitWithAck<Ack<T>>(socket, event, payload);
}

/** Acks ok, or fails the test with the error. */
export async function ok<T extends object = Record<string, unknown>>(
  socket: Socket,
  event: string,
  payload: unknown,
): Promise<{ ok: true } & T> {
  const result = await ack<T>(socket, event, payload);
  if (!result.ok) throw new Error(`${event} refused: ${JSON.stringify(result.error)}`);
  return result;
}

export function refusal(result: Ack<object>): {
  code: string;
  reason?: string;
  message: string;
  fields?: Record<string, string[]>;
} {
  if (result.ok) throw new Error(`expected a refusal, got ${JSON.stringify(result)}`);
  return result.error;
}

/** Connects and joins; returns the socket and the snapshot. */
export async function joined(t: TestApp, member: { accessToken: string }, sessionId: string) {
  const socket = await connect(t, member);
  const snapshot = await ok<Snapshot>(socket, 'session.join', { sessionId });
  return { socket, snapshot };
}

export interface Snapshot {
  sessionId: string;
  state: string;
  locked: boolean;
  me: { id: string; handle: string; isFacilitator: boolean; isModerator: boolean; muted: boolean };
  roster: Array<{ id: string; handle: string; displayName: string }>;
  agenda: unknown;
  messages: WireMessage[];
  lastSeq: number;
}

export interface WireMessage {
  sessionId: string;
  seq: number;
  clientId: string;
  author: { id: string; handle: string; displayName: string };
  text: string;
  sentAt: string;
}

/** Collects every `event` the socket receives from now on. */
export function collect<T>(socket: Socket, event: string): T[] {
  const seen: T[] = [];
  socket.on(event, (payload: T) => seen.push(payload));
  return seen;
}

/** Polls until `check` passes or `ms` run out. */
export async function eventually(
  check: () => boolean | Promise<boolean>,
  ms = 5000,
): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export { quickMembers, register };
export type { QuickMember };
