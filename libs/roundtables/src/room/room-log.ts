import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { RoomBroadcaster } from './room-broadcaster';
import { RoomError } from './room.errors';

/** One event of a session's sequence log, as stored. */
export interface StoredRoomEvent {
  seq: number;
  /** The server event's name, e.g. `message.new`. */
  type: string;
  /** As appended: without `sessionId` and `seq`, which the wire form adds. */
  payload: Record<string, unknown>;
  /** ISO 8601: when it was stored. */
  at: string;
}

/** What `RoomLog.transact` hands to its work. */
export interface RoomTx {
  manager: EntityManager;
  /** Stores the event with the session's next seq; it is broadcast once the transaction commits. */
  append(
    type: string,
    payload: Record<string, unknown>,
    actorId?: string | null,
  ): Promise<StoredRoomEvent>;
  /** Several events in one statement: consecutive seqs, in the order given. */
  appendMany(events: NewRoomEvent[]): Promise<StoredRoomEvent[]>;
}

export interface NewRoomEvent {
  type: string;
  payload: Record<string, unknown>;
  actorId?: string | null;
}

/** The counter row as read under its lock. */
export interface RoomStateRow {
  lastSeq: number;
  locked: boolean;
  closedAt: Date | null;
}

export function sessionRoom(sessionId: string): string {
  return `session:${sessionId}`;
}

/** What clients receive for a stored event (broadcast, and in `session.resume`'s ack). */
export function wirePayload(sessionId: string, event: StoredRoomEvent): Record<string, unknown> {
  return { ...event.payload, sessionId, seq: event.seq };
}

const FOREIGN_KEY_VIOLATION = '23503';

/**
 * The session's sequence log: every stored room event gets the next gap-free seq in the
 * transaction that stores it (the per-session `room_state` row is locked for the whole
 * transaction), and is broadcast only after COMMIT, in seq order.
 */
@Injectable()
export class RoomLog {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly broadcaster: RoomBroadcaster,
  ) {}

  /** Per session: transactions that hold or held the lock, in lock order, not yet broadcast. */
  private readonly slots = new Map<string, Slot[]>();

  transact<T>(sessionId: string, work: (tx: RoomTx) => Promise<T>): Promise<T> {
    return this.run(sessionId, false, (tx) => work(tx));
  }

  /**
   * `transact` for the room's own use: `work` also sees the locked counter row, and with
   * `closing` it may run on a closed session (the record writer closes it).
   */
  async run<T>(
    sessionId: string,
    closing: boolean,
    work: (tx: RoomTx, state: RoomStateRow) => Promise<T>,
  ): Promise<T> {
    let slot: Slot | null = null;
    try {
      return await this.dataSource.transaction(async (manager) => {
        const state = await this.lock(manager, sessionId);
        slot = this.takeSlot(sessionId);
        if (state.closedAt && !closing) throw RoomError.closed('ENDED');
        const events = slot.events;
        const tx: RoomTx = {
          manager,
          append: async (type, payload, actorId = null) => {
            const event = await this.insert(manager, sessionId, type, payload, actorId);
            events.push(event);
            return event;
          },
          appendMany: async (batch) => {
            const stored = await this.insertMany(manager, sessionId, batch);
            events.push(...stored);
            return stored;
          },
        };
        return work(tx, state);
      });
    } catch (error) {
      // Rolled back: nothing was stored, so nothing is sent.
      if (slot) (slot as Slot).events.length = 0;
      throw error;
    } finally {
      if (slot) {
        (slot as Slot).done = true;
        this.flush(sessionId);
      }
    }
  }

  /**
   * Transactions of one session hold its lock one after another: each takes a slot in that
   * order once it has the lock, and slots are broadcast strictly in order, so this node sends
   * events in seq order even when commits resolve out of order. (Across nodes, clients order by
   * seq; see docs/live-room.md.)
   */
  private takeSlot(sessionId: string): Slot {
    const slot: Slot = { events: [], done: false };
    const queue = this.slots.get(sessionId) ?? [];
    queue.push(slot);
    this.slots.set(sessionId, queue);
    return slot;
  }

  private flush(sessionId: string): void {
    const queue = this.slots.get(sessionId) ?? [];
    while (queue.length > 0 && queue[0].done) {
      for (const event of queue.shift()?.events ?? []) {
        this.broadcaster.emit(sessionRoom(sessionId), event.type, wirePayload(sessionId, event));
      }
    }
    if (queue.length === 0) this.slots.delete(sessionId);
  }

  emitEphemeral(sessionId: string, event: string, payload: Record<string, unknown>): void {
    this.broadcaster.emit(sessionRoom(sessionId), event, { ...payload, sessionId });
  }

  async eventsAfter(
    sessionId: string,
    afterSeq: number,
    limit: number,
  ): Promise<StoredRoomEvent[]> {
    const rows = await this.dataSource.query<EventRow[]>(
      `SELECT seq, type, payload, created_at FROM room_event
        WHERE roundtable_id = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
      [sessionId, afterSeq, limit],
    );
    return rows.map(toStored);
  }

  /** The last seq stored (0 when none), read without a lock. */
  async lastSeq(sessionId: string, manager: EntityManager = this.dataSource.manager) {
    const [row] = await manager.query<Array<{ last_seq: number }>>(
      'SELECT last_seq FROM room_state WHERE roundtable_id = $1',
      [sessionId],
    );
    return row?.last_seq ?? 0;
  }

  /** Locks the session's counter row, creating it on first use. */
  private async lock(manager: EntityManager, sessionId: string): Promise<RoomStateRow> {
    const select = () =>
      manager.query<Array<{ last_seq: number; locked: boolean; closed_at: Date | null }>>(
        `SELECT last_seq, locked, closed_at FROM room_state WHERE roundtable_id = $1 FOR UPDATE`,
        [sessionId],
      );
    let [row] = await select();
    if (!row) {
      try {
        await manager.query(
          `INSERT INTO room_state (roundtable_id) VALUES ($1) ON CONFLICT DO NOTHING`,
          [sessionId],
        );
      } catch (error) {
        if ((error as { code?: string }).code === FOREIGN_KEY_VIOLATION) {
          throw RoomError.notFound(sessionId);
        }
        throw error;
      }
      [row] = await select();
    }
    return { lastSeq: row.last_seq, locked: row.locked, closedAt: row.closed_at };
  }

  private async insertMany(
    manager: EntityManager,
    sessionId: string,
    batch: NewRoomEvent[],
  ): Promise<StoredRoomEvent[]> {
    if (batch.length === 0) return [];
    const rows = await manager.query<EventRow[]>(
      `WITH next AS (
         UPDATE room_state SET last_seq = last_seq + $2 WHERE roundtable_id = $1 RETURNING last_seq)
       INSERT INTO room_event (roundtable_id, seq, type, payload, actor_id, created_at)
       SELECT $1, (next.last_seq - $2 + u.ord)::int, u.type, u.payload, u.actor, clock_timestamp()
         FROM next, unnest($3::text[], $4::jsonb[], $5::uuid[]) WITH ORDINALITY AS u(type, payload, actor, ord)
       RETURNING seq, type, payload, created_at`,
      [
        sessionId,
        batch.length,
        batch.map((event) => event.type),
        batch.map((event) => JSON.stringify(event.payload)),
        batch.map((event) => event.actorId ?? null),
      ],
    );
    return rows.map(toStored).sort((a, b) => a.seq - b.seq);
  }

  private async insert(
    manager: EntityManager,
    sessionId: string,
    type: string,
    payload: Record<string, unknown>,
    actorId: string | null,
  ): Promise<StoredRoomEvent> {
    // The UPDATE ... RETURNING allocates the seq on the row this transaction already holds.
    const [row] = await manager.query<EventRow[]>(
      `WITH next AS (
         UPDATE room_state SET last_seq = last_seq + 1 WHERE roundtable_id = $1 RETURNING last_seq)
       INSERT INTO room_event (roundtable_id, seq, type, payload, actor_id, created_at)
       SELECT $1, last_seq, $2, $3::jsonb, $4, clock_timestamp() FROM next
       RETURNING seq, type, payload, created_at`,
      [sessionId, type, JSON.stringify(payload), actorId],
    );
    return toStored(row);
  }
}

interface Slot {
  events: StoredRoomEvent[];
  done: boolean;
}

interface EventRow {
  seq: number;
  type: string;
  payload: Record<string, unknown>;
  created_at: Date;
}

function toStored(row: EventRow): StoredRoomEvent {
  return { seq: row.seq, type: row.type, payload: row.payload, at: row.created_at.toISOString() };
}
