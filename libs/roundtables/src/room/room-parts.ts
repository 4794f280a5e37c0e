import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuthenticatedMember } from '@app/core';
import type { RoomTx } from './room-log';

export type SnapshotPartBuilder = (
  sessionId: string,
  viewer: AuthenticatedMember,
) => Promise<unknown>;
/** What a room feature does when a member is removed (`participant.remove`). */
export type RemovalHook = (
  tx: RoomTx,
  sessionId: string,
  memberId: string,
  actorId: string,
) => Promise<void>;
export type RecordPartBuilder = (
  sessionId: string,
  manager: EntityManager,
  chathamHouse: boolean,
) => Promise<unknown>;

/** Keys the room itself puts in the join ack; `agenda` may be replaced by a registered part. */
const SNAPSHOT_KEYS = [
  'sessionId',
  'state',
  'startsAt',
  'locked',
  'me',
  'roster',
  'messages',
  'lastSeq',
];
/** Keys the record itself has. */
const RECORD_KEYS = [
  'roundtableId',
  'chathamHouse',
  'startedAt',
  'endedAt',
  'agenda',
  'transcript',
  'attendance',
];

class Parts<B> {
  private readonly builders = new Map<string, B>();

  constructor(private readonly reserved: string[]) {}

  register(name: string, build: B): void {
    if (this.reserved.includes(name) || this.builders.has(name)) {
      throw new Error(`the room part "${name}" is taken`);
    }
    this.builders.set(name, build);
  }

  entries(): Array<[string, B]> {
    return [...this.builders.entries()];
  }
}

/**
 * What other room features add to the `session.join` / `session.resume` ack: `{[name]: await
 * build(sessionId, viewer)}` for each part. Register in `onModuleInit`.
 */
@Injectable()
export class RoomSnapshotParts {
  private readonly parts = new Parts<SnapshotPartBuilder>(SNAPSHOT_KEYS);

  register(name: string, build: SnapshotPartBuilder): void {
    this.parts.register(name, build);
  }

  has(name: string): boolean {
    return this.parts.entries().some(([key]) => key === name);
  }

  async build(sessionId: string, viewer: AuthenticatedMember): Promise<Record<string, unknown>> {
    const entries = this.parts.entries();
    const values = await Promise.all(entries.map(([, build]) => build(sessionId, viewer)));
    return Object.fromEntries(entries.map(([name], i) => [name, values[i]]));
  }
}

/**
 * What other room features add to the record written when the session ends, inside the
 * record's transaction (the log is closed by then). With `chathamHouse`, publish no names.
 */
@Injectable()
export class RoomRecordParts {
  private readonly parts = new Parts<RecordPartBuilder>(RECORD_KEYS);

  register(name: string, build: RecordPartBuilder): void {
    this.parts.register(name, build);
  }

  async build(
    sessionId: string,
    manager: EntityManager,
    chathamHouse: boolean,
  ): Promise<Record<string, unknown>> {
    const result: Record<string, unknown> = {};
    // One after the other: they share the transaction's connection.
    for (const [name, build] of this.parts.entries()) {
      result[name] = await build(sessionId, manager, chathamHouse);
    }
    return result;
  }
}

/**
 * What other room features do when a member is removed from the room, inside the removal's
 * transaction, after its `participant.removed` event: the floor ends their turn, the queue
 * drops their hand, each storing and broadcasting its own event. Register in `onModuleInit`.
 */
@Injectable()
export class RoomRemovalHooks {
  private readonly hooks: Array<[string, RemovalHook]> = [];

  register(name: string, hook: RemovalHook): void {
    if (this.hooks.some(([taken]) => taken === name)) {
      throw new Error(`the removal hook "${name}" is taken`);
    }
    this.hooks.push([name, hook]);
  }

  async run(tx: RoomTx, sessionId: string, memberId: string, actorId: string): Promise<void> {
    // One after the other: they share the transaction's connection, and the order of their
    // events is the order of registration.
    for (const [, hook] of this.hooks) await hook(tx, sessionId, memberId, actorId);
  }
}
