import { Injectable, Logger } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { runJob } from '@app/core';
import { RoundtablesService } from './roundtables.service';

/**
 * Every minute, on every node: each job is one claim-and-update statement that re-checks its
 * condition, so nodes running it at the same time do the work once. Tests call the service.
 */
@Injectable()
export class RoundtablesJobs {
  private readonly logger = new Logger(RoundtablesJobs.name);

  constructor(private readonly roundtables: RoundtablesService) {}

  @Cron(CronExpression.EVERY_MINUTE, { name: 'roundtables.missed', waitForCompletion: true })
  async markMissed(): Promise<void> {
    await runJob(this.logger, 'roundtables.missed', () => this.roundtables.markMissed());
  }

  @Cron(CronExpression.EVERY_MINUTE, { name: 'roundtables.reminders', waitForCompletion: true })
  async sendReminders(): Promise<void> {
    await runJob(this.logger, 'roundtables.reminders', () => this.roundtables.sendReminders());
  }
}
