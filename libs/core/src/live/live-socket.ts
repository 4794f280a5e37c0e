import type { Socket } from 'socket.io';
import { AuthenticatedMember } from '../auth/authenticated-member';

export interface LiveSocketData {
  member: AuthenticatedMember;
}

// Events are typed per domain (their payload classes); the socket itself stays open-ended.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Socket.IO's own EventsMap default
type AnyEvents = Record<string, (...args: any[]) => void>;

export type LiveSocket = Socket<AnyEvents, AnyEvents, Record<string, never>, LiveSocketData>;

export const LIVE_NAMESPACE = '/live';

export function memberRoom(memberId: string): string {
  return `member:${memberId}`;
}
