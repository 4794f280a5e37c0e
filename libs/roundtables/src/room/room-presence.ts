import { randomUUID } from 'node:crypto';
import { Logger, Provider } from '@nestjs/common';
import { REDIS_CLIENT, RedisClient } from '@app/core';

/** Who is in a room, as shown in the roster. */
export interface RosterMember {
  id: string;
  handle: string;
  displayName: string;
}

/** One socket in one room, on one node. */
export interface PresenceEntry extends RosterMember {
  socketId: string;
  nodeId: string;
}

export interface PresenceRemoval {
  entry: PresenceEntry;
  /** The member's last socket in the room went: they left. */
  last: boolean;
}

/**
 * The room's roster, by socket: a member with several tabs (on any nodes) counts once. With
 * Redis it is shared by every node; otherwise this process keeps it.
 */
export abstract class RoomPresence {
  readonly nodeId = randomUUID();

  /** Adds a socket; true when it is the member's first in the room (they arrived). */
  abstract add(sessionId: string, entry: PresenceEntry): Promise<boolean>;
  /** Removes a socket; null when it was not there (already removed). */
  abstract remove(sessionId: string, socketId: string): Promise<PresenceRemoval | null>;
  abstract entries(sessionId: string): Promise<PresenceEntry[]>;
  /** Removes what dead nodes left behind; each removal is reported by one node only. */
  abstract sweep(): Promise<Array<{ sessionId: string } & PresenceRemoval>>;
  /** Keeps this node marked alive (Redis); a no-op in memory. */
  abstract heartbeat(): Promise<void>;
  abstract shutdown(): Promise<void>;

  async roster(sessionId: string): Promise<RosterMember[]> {
    const byMember = new Map<string, RosterMember>();
    for (const { id, handle, displayName } of await this.entries(sessionId)) {
      byMember.set(id, { id, handle, displayName });
    }
    return [...byMember.values()].sort((a, b) => a.handle.localeCompare(b.handle));
  }

  /** Every socket the member has in the room, removed (for `participant.remove`). */
  async removeMember(sessionId: string, memberId: string): Promise<PresenceRemoval[]> {
    const mine = (await this.entries(sessionId)).filter((entry) => entry.id === memberId);
    const removed = await Promise.all(mine.map((entry) => this.remove(sessionId, entry.socketId)));
    return removed.filter((removal): removal is PresenceRemoval => removal !== null);
  }
}

export class MemoryPresence extends RoomPresence {
  private readonly rooms = new Map<string, Map<string, PresenceEntry>>();

  async add(sessionId: string, entry: PresenceEntry): Promise<boolean> {
    const room = this.rooms.get(sessionId) ?? new Map<string, PresenceEntry>();
    this.rooms.set(sessionId, room);
    const first = ![...room.values()].some((other) => other.id === entry.id);
    room.set(entry.socketId, entry);
    return first;
  }

  async remove(sessionId: string, socketId: string): Promise<PresenceRemoval | null> {
    const room = this.rooms.get(sessionId);
    const entry = room?.get(socketId);
    if (!room || !entry) return null;
    room.delete(socketId);
    if (room.size === 0) this.rooms.delete(sessionId);
    return { entry, last: ![...room.values()].some((other) => other.id === entry.id) };
  }

  async entries(sessionId: string): Promise<PresenceEntry[]> {
    return [...(this.rooms.get(sessionId)?.values() ?? [])];
  }

  async sweep() {
    return [];
  }

  async heartbeat(): Promise<void> {}

  async shutdown(): Promise<void> {}
}

/** A node unheard of for this long is dead; its sockets leave the rosters. */
export const NODE_TTL_SECONDS = 15;
const ROOM_TTL_SECONDS = 24 * 3600;
const SESSIONS_KEY = 'room:presence-sessions';
const roomKey = (sessionId: string) => `room:presence:${sessionId}`;
const nodeKey = (nodeId: string) => `room:node:${nodeId}`;

/**
 * Redis: a hash per room (socket id → entry with its node id), a key per live node with a TTL
 * renewed by its heartbeat, and a set of rooms for the sweeper. Each change and the read that
 * decides "first"/"last" run in one MULTI, so two tabs on two nodes never both count as first.
 */
export class RedisPresence extends RoomPresence {
  private readonly logger = new Logger(RedisPresence.name);

  constructor(private readonly redis: RedisClient) {
    super();
  }

  async add(sessionId: string, entry: PresenceEntry): Promise<boolean> {
    const [, , , values] = (await this.redis
      .multi()
      .hSet(roomKey(sessionId), entry.socketId, JSON.stringify(entry))
      .expire(roomKey(sessionId), ROOM_TTL_SECONDS)
      .sAdd(SESSIONS_KEY, sessionId)
      .hVals(roomKey(sessionId))
      .exec()) as unknown as [number, number, number, string[]];
    return parseAll(values).filter((other) => other.id === entry.id).length === 1;
  }

  async remove(sessionId: string, socketId: string): Promise<PresenceRemoval | null> {
    const [raw, deleted, values] = (await this.redis
      .multi()
      .hGet(roomKey(sessionId), socketId)
      .hDel(roomKey(sessionId), socketId)
      .hVals(roomKey(sessionId))
      .exec()) as unknown as [string | null, number, string[]];
    // Another node (or a concurrent call) removed it first: it reports the change.
    if (!raw || deleted === 0) return null;
    const entry = JSON.parse(raw) as PresenceEntry;
    return { entry, last: !parseAll(values).some((other) => other.id === entry.id) };
  }

  async entries(sessionId: string): Promise<PresenceEntry[]> {
    return parseAll(await this.redis.hVals(roomKey(sessionId)));
  }

  async sweep(): Promise<Array<{ sessionId: string } & PresenceRemoval>> {
    const removed: Array<{ sessionId: string } & PresenceRemoval> = [];
    for (const sessionId of await this.redis.sMembers(SESSIONS_KEY)) {
      const entries = await this.entries(sessionId);
      if (entries.length === 0) {
        await this.redis.sRem(SESSIONS_KEY, sessionId);
        continue;
      }
      const nodes = [...new Set(entries.map((entry) => entry.nodeId))];
      const alive = await Promise.all(nodes.map((node) => this.redis.exists(nodeKey(node))));
      const dead = new Set(nodes.filter((_node, i) => alive[i] === 0));
      for (const entry of entries.filter((e) => dead.has(e.nodeId))) {
        const removal = await this.remove(sessionId, entry.socketId);
        if (removal) removed.push({ sessionId, ...removal });
      }
    }
    return removed;
  }

  async heartbeat(): Promise<void> {
    await this.redis.set(nodeKey(this.nodeId), '1', { EX: NODE_TTL_SECONDS });
  }

  async shutdown(): Promise<void> {
    try {
      if (this.redis.isOpen) await this.redis.del(nodeKey(this.nodeId));
    } catch (error) {
      this.logger.warn({ err: error }, 'Could not unmark this node');
    }
  }
}

function parseAll(values: string[]): PresenceEntry[] {
  return values.map((value) => JSON.parse(value) as PresenceEntry);
}

export const roomPresenceProvider: Provider = {
  provide: RoomPresence,
  inject: [REDIS_CLIENT],
  useFactory: (redis: RedisClient | null): RoomPresence =>
    redis ? new RedisPresence(redis) : new MemoryPresence(),
};
