import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, IsNull, QueryRunner, Repository } from 'typeorm';
import { AccountsService, Connection, PageArgs, toConnection } from '@app/core';
import { AfterCommitQueue } from './after-commit.queue';
import {
  NotificationPosition,
  decodeNotificationCursor,
  encodeNotificationCursor,
} from './notification-cursor';
import { NOTIFICATION_KINDS, NotificationKind, isAlwaysOn } from './notification-kind';
import {
  NotificationPayload,
  PendingNotification,
  toPendingNotification,
} from './notification-payload';
import { NotificationPreferenceEntity } from './notification-preference.entity';
import { NotificationEntity } from './notification.entity';
import {
  NotificationModel,
  NotificationPreferenceModel,
  NotificationsReadResult,
} from './notification.model';
import { NotificationsError, NotificationsErrorCode } from './notifications.errors';
import { NotificationsGateway } from './notifications.gateway';

interface StoredNotification extends PendingNotification {
  id: string;
  createdAt: Date;
}

interface NotificationRow {
  id: string;
  kind: NotificationKind;
  title: string;
  link: string | null;
  actorId: string | null;
  readAt: Date | null;
  createdAt: Date;
  /** created_at as microsecond UTC text, for the cursor. */
  position: string;
}

/** Row-value comparison on the inbox index's own order; each variant is planned on its own. */
const PAGE_SQL = (afterCursor: boolean) => `
  SELECT id, kind, title, link, actor_id AS "actorId", read_at AS "readAt",
         created_at AS "createdAt",
         to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS position
    FROM notification
   WHERE recipient_id = $1
     ${afterCursor ? 'AND (created_at, id) < ($3::timestamptz, $4::uuid)' : ''}
   ORDER BY created_at DESC, id DESC
   LIMIT $2`;

/** Stores unless the recipient switched the kind off, in one statement (no read-then-write race). */
const INSERT_SQL = `
  INSERT INTO notification (recipient_id, kind, actor_id, title, link)
  SELECT $1::uuid, $2::varchar, $3::uuid, $4::varchar, $5::varchar
   WHERE $6::boolean OR NOT EXISTS (
         SELECT 1 FROM notification_preference
          WHERE account_id = $1::uuid AND kind = $2::varchar AND NOT enabled)
  RETURNING id, created_at AS "createdAt"`;

/**
 * The inbox. Other libraries call `notify`; the resolver serves the member's own notifications
 * and preferences.
 */
@Injectable()
export class NotificationsService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(NotificationsService.name);
  private readonly afterCommit = new AfterCommitQueue<PendingNotification>((items, runner) =>
    this.deliverAfterCommit(items, runner),
  );
  /** Pushes not awaited by anyone (after a commit), awaited at shutdown. */
  private readonly pushing = new Set<Promise<void>>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(NotificationEntity)
    private readonly notifications: Repository<NotificationEntity>,
    @InjectRepository(NotificationPreferenceEntity)
    private readonly preferences: Repository<NotificationPreferenceEntity>,
    private readonly accounts: AccountsService,
    private readonly gateway: NotificationsGateway,
  ) {}

  onModuleInit(): void {
    this.dataSource.subscribers.push(this.afterCommit);
  }

  async onModuleDestroy(): Promise<void> {
    const index = this.dataSource.subscribers.indexOf(this.afterCommit);
    if (index >= 0) this.dataSource.subscribers.splice(index, 1);
    await Promise.all(this.pushing);
  }

  /**
   * Notifies a member: stores the notification and pushes it on /live as `member.notification`.
   * Inside a transaction (`manager` from `dataSource.transaction`), only once it commits (stored
   * before the `transaction()` call resolves, pushed just after), and never if it rolls back.
   * Skipped when the member switched the kind off, or when they are the actor themselves.
   * Ids, kind and link are checked at once: a bad one throws here, in the caller.
   */
  async notify(
    memberId: string,
    kind: NotificationKind,
    payload: NotificationPayload,
    manager?: EntityManager,
  ): Promise<void> {
    const pending = toPendingNotification(memberId, kind, payload);
    if (pending.actorId === pending.recipientId) return;
    if (this.afterCommit.defer(manager?.queryRunner, pending)) return;
    const stored = await this.store(pending, manager ?? this.dataSource.manager);
    if (stored) await this.push(stored);
  }

  async list(memberId: string, page: PageArgs): Promise<Connection<NotificationModel>> {
    const after: NotificationPosition | null = page.after
      ? decodeNotificationCursor(page.after)
      : null;
    const first = page.first ?? 20;
    const params: unknown[] = [memberId, first + 1];
    if (after) params.push(after.createdAt, after.id);
    const [rows, totalCount] = await Promise.all([
      this.dataSource.query<NotificationRow[]>(PAGE_SQL(after !== null), params),
      this.notifications.countBy({ recipientId: memberId }),
    ]);
    return toConnection(
      rows,
      first,
      totalCount,
      (row) => encodeNotificationCursor({ createdAt: row.position, id: row.id }),
      ({ position: _position, ...node }): NotificationModel => node,
      after !== null,
    );
  }

  unreadCount(memberId: string): Promise<number> {
    return this.notifications.countBy({ recipientId: memberId, readAt: IsNull() });
  }

  /** Marks the given ids (or, with none given, all) of the member's own notifications read. */
  markRead(memberId: string, ids?: readonly string[] | null): Promise<NotificationsReadResult> {
    return this.dataSource.transaction(async (manager) => {
      let markedCount = 0;
      if (!ids || ids.length > 0) {
        const result = await manager.update(
          NotificationEntity,
          {
            recipientId: memberId,
            readAt: IsNull(),
            ...(ids ? { id: In([...new Set(ids)]) } : {}),
          },
          { readAt: () => 'now()' },
        );
        markedCount = result.affected ?? 0;
      }
      const unreadCount = await manager.countBy(NotificationEntity, {
        recipientId: memberId,
        readAt: IsNull(),
      });
      return { markedCount, unreadCount };
    });
  }

  /** Every kind, on unless the member switched it off. */
  async preferencesOf(memberId: string): Promise<NotificationPreferenceModel[]> {
    const rows = await this.preferences.findBy({ accountId: memberId, enabled: false });
    const off = new Set(rows.map((row) => row.kind));
    return NOTIFICATION_KINDS.map((kind) => ({
      kind,
      enabled: isAlwaysOn(kind) || !off.has(kind),
    }));
  }

  async setPreference(
    memberId: string,
    kind: NotificationKind,
    enabled: boolean,
  ): Promise<NotificationPreferenceModel> {
    if (isAlwaysOn(kind)) {
      if (!enabled) {
        throw new NotificationsError(
          NotificationsErrorCode.KIND_ALWAYS_ON,
          `${kind} notifications cannot be switched off: they tell you when your password changes or is reset, so you can act if it was not you.`,
          { fields: { kind: ['cannot be switched off'] } },
        );
      }
      return { kind, enabled: true };
    }
    await this.preferences.upsert({ accountId: memberId, kind, enabled }, ['accountId', 'kind']);
    return { kind, enabled };
  }

  private async store(
    pending: PendingNotification,
    manager: EntityManager,
  ): Promise<StoredNotification | null> {
    const rows = await manager.query<{ id: string; createdAt: Date }[]>(INSERT_SQL, [
      pending.recipientId,
      pending.kind,
      pending.actorId,
      pending.title,
      pending.link,
      isAlwaysOn(pending.kind),
    ]);
    return rows[0] ? { ...pending, ...rows[0] } : null;
  }

  /**
   * Stores on the committed transaction's own connection; pushes without waiting, so that
   * connection goes back to the pool before the actor lookup needs one.
   */
  private async deliverAfterCommit(
    items: PendingNotification[],
    runner: QueryRunner,
  ): Promise<void> {
    for (const pending of items) {
      try {
        const stored = await this.store(pending, runner.manager);
        if (stored) this.track(this.push(stored));
      } catch (error) {
        this.logger.error(
          { err: error, recipientId: pending.recipientId, kind: pending.kind },
          'Could not store a notification after its transaction committed',
        );
      }
    }
  }

  /** Best effort: a member offline or a failed lookup never fails the notify. */
  private async push(notification: StoredNotification): Promise<void> {
    try {
      const actor = notification.actorId
        ? await this.accounts.findById(notification.actorId)
        : null;
      this.gateway.send(notification.recipientId, {
        id: notification.id,
        kind: notification.kind,
        title: notification.title,
        link: notification.link,
        createdAt: notification.createdAt.toISOString(),
        actor: actor
          ? { id: actor.id, handle: actor.handle, displayName: actor.displayName }
          : null,
      });
    } catch (error) {
      this.logger.error(
        { err: error, notificationId: notification.id },
        'Could not push a notification on /live',
      );
    }
  }

  private track(promise: Promise<void>): void {
    this.pushing.add(promise);
    void promise.finally(() => this.pushing.delete(promise));
  }
}
