import { Inject, Injectable, Logger } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig, deleteInBatches, runJob } from '@app/core';

/**
 * Read notifications are deleted READ_NOTIFICATION_RETENTION_DAYS after they were read (unread
 * ones stay, however old): every hour, on every node (each statement deletes what is still
 * there). Tests call `prune`.
 */
@Injectable()
export class NotificationRetention {
  private readonly logger = new Logger('NotificationRetention');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Cron(CronExpression.EVERY_HOUR, { name: 'notifications.retention', waitForCompletion: true })
  async pruneHourly(): Promise<void> {
    const deleted = await runJob(this.logger, 'notifications.retention', () => this.prune());
    if (deleted) this.logger.log({ deleted }, 'Pruned read notifications');
  }

  /** Deletes the notifications read more than the retention ago; answers how many. */
  prune(): Promise<number> {
    return deleteInBatches(
      this.dataSource.manager,
      `DELETE FROM notification WHERE id IN (
         SELECT id FROM notification
          WHERE read_at < now() - make_interval(days => $1)
          LIMIT $2)`,
      [this.config.retention.readNotificationDays],
    );
  }
}
