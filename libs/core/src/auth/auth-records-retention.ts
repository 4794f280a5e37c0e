import { Inject, Injectable, Logger } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { deleteInBatches } from '../database/batched-delete';
import { runJob } from '../jobs/run-job';

/**
 * Sessions and password-reset links that are over (expired, signed out, used) are kept a while
 * (FINISHED_AUTH_RETENTION_DAYS) for support questions, then deleted: every hour, on every node
 * (each statement deletes what is still there). Tests call `prune`.
 */
@Injectable()
export class AuthRecordsRetention {
  private readonly logger = new Logger('AuthRecordsRetention');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Cron(CronExpression.EVERY_HOUR, { name: 'core.auth-records-retention', waitForCompletion: true })
  async pruneHourly(): Promise<void> {
    const pruned = await runJob(this.logger, 'core.auth-records-retention', () => this.prune());
    if (pruned && (pruned.sessions || pruned.resets)) {
      this.logger.log(pruned, 'Pruned finished auth records');
    }
  }

  /** Deletes what finished more than the retention ago; answers how many of each. */
  async prune(): Promise<{ sessions: number; resets: number }> {
    const days = this.config.retention.finishedAuthDays;
    const manager = this.dataSource.manager;
    // least() skips nulls: a session is over when it was signed out or its refresh token expired.
    const sessions = await deleteInBatches(
      manager,
      `DELETE FROM auth_session WHERE id IN (
         SELECT id FROM auth_session
          WHERE least(revoked_at, refresh_expires_at) < now() - make_interval(days => $1)
          LIMIT $2)`,
      [days],
    );
    const resets = await deleteInBatches(
      manager,
      `DELETE FROM password_reset WHERE id IN (
         SELECT id FROM password_reset
          WHERE least(used_at, expires_at) < now() - make_interval(days => $1)
          LIMIT $2)`,
      [days],
    );
    return { sessions, resets };
  }
}
