import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnModuleDestroy,
} from '@nestjs/common';
import { Client, Notification } from 'pg';
import { APP_CONFIG, AppConfig } from '@app/core';
import { EventKey, ThreadEventsService } from './thread-events.service';
import { ThreadEventKind } from './thread-event.entity';
import { ThreadFollowersNotifier } from './thread-followers.notifier';
import { ThreadLiveGateway } from './thread-live.gateway';

/** The channel `discussion_record_thread_event` notifies (see the DiscussionsEngagement migration). */
export const THREAD_EVENT_CHANNEL = 'discussion_thread_event';
const RECONNECT_MS = 1000;
const BATCH = 500;

interface HeardEvent extends EventKey {
  reply: boolean;
}

/**
 * Hears committed thread events from PostgreSQL (LISTEN/NOTIFY: a notification is delivered
 * only when its transaction commits, in commit order) and hands them on in that order: to this
 * node's watchers, and, for new replies, to the followers' notifier. A dropped connection is
 * re-opened; clients catch up on what they missed with `thread.resume`.
 */
@Injectable()
export class ThreadEventsListener implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(ThreadEventsListener.name);
  private client: Client | null = null;
  private stopped = false;
  private retry: NodeJS.Timeout | null = null;
  private readonly pending: HeardEvent[] = [];
  private draining: Promise<void> | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly events: ThreadEventsService,
    private readonly gateway: ThreadLiveGateway,
    private readonly followers: ThreadFollowersNotifier,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.connect();
  }

  /** Before the notifications and the database go (this module is torn down before them). */
  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
    await this.draining;
  }

  /** Resolves once everything heard so far has been handed on (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.draining) await this.draining;
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const client = new Client({
      connectionString: this.config.databaseUrl ?? undefined,
      application_name: 'roundtable-live-threads',
    });
    this.client = client;
    client.on('notification', (message) => this.heard(message));
    client.on('error', (error) => {
      this.logger.error({ err: error }, 'Live threads: the LISTEN connection failed');
      this.reconnect(client);
    });
    client.on('end', () => this.reconnect(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${THREAD_EVENT_CHANNEL}`);
    } catch (error) {
      this.logger.error({ err: error }, 'Live threads: could not LISTEN; retrying');
      this.reconnect(client);
    }
  }

  /** Replaces the current connection once; a stale client's late errors change nothing. */
  private reconnect(client: Client): void {
    client.removeAllListeners('end');
    void client.end().catch(() => undefined);
    if (client !== this.client) return;
    this.client = null;
    if (this.stopped) return;
    this.retry = setTimeout(() => {
      this.retry = null;
      void this.connect();
    }, RECONNECT_MS);
    this.retry.unref();
  }

  /** Payload: `<thread id> <event id> <kind>`. */
  private heard(message: Notification): void {
    const [threadId, eventId, kind] = (message.payload ?? '').split(' ');
    if (!threadId || !Number.isInteger(Number(eventId))) return;
    this.pending.push({
      threadId,
      eventId: Number(eventId),
      reply: kind === ThreadEventKind.REPLY,
    });
    this.drain();
  }

  /** One batch at a time, so events leave in the order they were heard. */
  private drain(): void {
    if (this.draining) return;
    this.draining = (async () => {
      while (this.pending.length) await this.handOn(this.pending.splice(0, BATCH));
    })().finally(() => {
      this.draining = null;
      if (this.pending.length) this.drain();
    });
  }

  private async handOn(keys: HeardEvent[]): Promise<void> {
    // Without watchers here, only new replies matter (their followers must be notified).
    const wanted = keys.filter((key) => key.reply || this.gateway.isWatchedHere(key.threadId));
    if (!wanted.length) return;
    try {
      const rows = await this.events.load(wanted);
      for (const row of rows) {
        if (this.gateway.isWatchedHere(row.thread_id)) this.gateway.broadcast(row);
      }
      await this.followers.repliesPosted(rows);
    } catch (error) {
      this.logger.error(
        { err: error, count: keys.length },
        'Live threads: could not hand on events',
      );
    }
  }
}
