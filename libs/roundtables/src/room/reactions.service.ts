import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { RateLimiter } from '@app/core';
import { RoomActivityError, RoomActivityErrorCode } from './room-activities.errors';
import { Actor, assertLive } from './room-activity';
import { RoomAccess } from './room-access';
import { RoomLog } from './room-log';
import {
  REACTIONS_PER_SECOND,
  REACTION_WINDOW_MS,
  ROOM_TARGET,
  ReactionTally,
  ReactionWindow,
} from './reactions.rules';

export const REACTION_BURST = 'reaction.burst';
/** Messages known to exist, per process (a seq never changes its event). */
const KNOWN_MESSAGES_MAX = 10_000;
const MESSAGE_EVENT = 'message.new';

/**
 * Reactions: throttled per member (across nodes, through the rate limiter), gathered per session
 * for a short window, then sent as one ephemeral `reaction.burst` and added to the per-message
 * counters. They never go through the log: one event per reaction would swamp it.
 */
@Injectable()
export class ReactionsService implements OnModuleDestroy {
  private readonly logger = new Logger(ReactionsService.name);
  private readonly windows = new Map<string, { window: ReactionWindow; timer: NodeJS.Timeout }>();
  private readonly knownMessages = new Set<string>();
  private readonly writes = new Set<Promise<void>>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly log: RoomLog,
    private readonly access: RoomAccess,
    private readonly limiter: RateLimiter,
  ) {}

  async send(member: Actor, sessionId: string, emoji: string, seq?: number): Promise<void> {
    await assertLive(this.access, sessionId, member, this.dataSource.manager);
    await this.limiter.consume(
      `room-reaction:${sessionId}:${member.id}`,
      REACTIONS_PER_SECOND,
      1000,
      'reactions',
    );
    if (seq !== undefined) await this.assertMessage(sessionId, seq);
    let open = this.windows.get(sessionId);
    if (!open) {
      open = {
        window: new ReactionWindow(),
        timer: setTimeout(() => this.flush(sessionId), REACTION_WINDOW_MS),
      };
      this.windows.set(sessionId, open);
    }
    open.window.add(emoji, seq ?? null);
  }

  /** Sends the window's burst now and stores its counts (the record's builder awaits this). */
  flush(sessionId: string, manager?: EntityManager): Promise<void> {
    const open = this.windows.get(sessionId);
    if (!open) return Promise.resolve();
    clearTimeout(open.timer);
    this.windows.delete(sessionId);
    const reactions = open.window.drain();
    this.log.emitEphemeral(sessionId, REACTION_BURST, {
      reactions,
      windowMs: REACTION_WINDOW_MS,
    });
    const write = this.count(sessionId, reactions, manager).catch((error: unknown) =>
      this.logger.error({ err: error, sessionId }, 'Could not store reaction counts'),
    );
    this.writes.add(write);
    void write.finally(() => this.writes.delete(write));
    return write;
  }

  /** The record: counts per message (`seq` null: the room), most first. */
  async record(manager: EntityManager, sessionId: string): Promise<ReactionTally[]> {
    // Windows already sent may still be storing their counts on another connection.
    await Promise.all([...this.writes]);
    await this.flush(sessionId, manager);
    const rows = await manager.query<Array<{ seq: number; emoji: string; count: number }>>(
      `SELECT seq, emoji, count FROM roundtable_reaction_count
        WHERE roundtable_id = $1 ORDER BY seq, count DESC, emoji`,
      [sessionId],
    );
    return rows.map((row) => ({
      seq: row.seq === ROOM_TARGET ? null : row.seq,
      emoji: row.emoji,
      count: row.count,
    }));
  }

  async onModuleDestroy(): Promise<void> {
    for (const sessionId of [...this.windows.keys()]) void this.flush(sessionId);
    await Promise.all([...this.writes]);
  }

  private async count(
    sessionId: string,
    reactions: ReactionTally[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    if (!reactions.length) return;
    await manager.query(
      `INSERT INTO roundtable_reaction_count AS c (roundtable_id, seq, emoji, count)
       SELECT $1, seq, emoji, count
         FROM unnest($2::integer[], $3::varchar[], $4::integer[]) AS r(seq, emoji, count)
       ON CONFLICT (roundtable_id, seq, emoji) DO UPDATE SET count = c.count + EXCLUDED.count`,
      [
        sessionId,
        reactions.map((r) => r.seq ?? ROOM_TARGET),
        reactions.map((r) => r.emoji),
        reactions.map((r) => r.count),
      ],
    );
  }

  /** A reaction on a message names its seq: it must be a message of this session. */
  private async assertMessage(sessionId: string, seq: number): Promise<void> {
    const key = `${sessionId}:${seq}`;
    if (this.knownMessages.has(key)) return;
    const [event] = await this.log.eventsAfter(sessionId, seq - 1, 1);
    if (!event || event.seq !== seq || event.type !== MESSAGE_EVENT) {
      throw new RoomActivityError(
        RoomActivityErrorCode.MESSAGE_NOT_FOUND,
        `Event ${seq} of this session is not a message: react to a message's seq, or leave seq out to react to the room.`,
      );
    }
    if (this.knownMessages.size >= KNOWN_MESSAGES_MAX) this.knownMessages.clear();
    this.knownMessages.add(key);
  }
}
