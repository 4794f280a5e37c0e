import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AccountsService, AuditLog, AuditRecord, AuthenticatedMember } from '@app/core';
import { NotificationKind, NotificationsService } from '@app/notifications';
import { ModerationActionKind } from './moderation.enums';
import { ModerationActionModel } from './moderation.models';
import { assertMayActAgainst, assertModerator, assertNotOnlyOwnReports } from './moderation-rules';
import { TargetRef, auditTargetId } from './moderation-targets';
import { ReportsService } from './reports.service';

export type State = Record<string, unknown>;

/** One moderation action, described for `ModerationRecorder.act`. */
export interface ActionPlan {
  action: ModerationActionKind;
  target: TargetRef;
  /** Whom it is against (the author, the member); null when nobody. */
  subjectId: string | null;
  reason: string;
  /** The notification's title for the subject; null: nobody is told. */
  notice: string | null;
  link: string | null;
  /** Does it inside the transaction and answers the states before and after. */
  change(manager: EntityManager): Promise<{ before: State; after: State }>;
  /** Runs once committed (disconnecting sockets, say). */
  afterCommit?(): void;
  /** The transaction to run in (the room log's, for live messages); a plain one by default. */
  transaction?<T>(work: (manager: EntityManager) => Promise<T>): Promise<T>;
}

export function toActionModel(record: AuditRecord): ModerationActionModel {
  return {
    id: record.id,
    action: record.action,
    targetKind: record.targetKind,
    targetId: record.targetId,
    reason: record.reason,
    at: record.createdAt,
    before: record.before,
    after: record.after,
    actorId: record.actorId,
    subjectId: record.subjectId,
  };
}

/**
 * Every action goes through `act`, so none can skip a step: the rights (moderator; not against
 * staff unless admin; not alone on one's own reports), the change, resolving the target's queue
 * items, the audit record and the author's notification, all in one transaction.
 */
@Injectable()
export class ModerationRecorder {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly accounts: AccountsService,
    private readonly audit: AuditLog,
    private readonly reports: ReportsService,
    private readonly notifications: NotificationsService,
  ) {}

  async act(actor: AuthenticatedMember, plan: ActionPlan): Promise<ModerationActionModel> {
    assertModerator(actor);
    const subject = plan.subjectId ? await this.accounts.findById(plan.subjectId) : null;
    assertMayActAgainst(actor, subject);
    const transaction =
      plan.transaction?.bind(plan) ??
      (<T>(work: (manager: EntityManager) => Promise<T>) => this.dataSource.transaction(work));
    const record = await transaction(async (manager) => {
      assertNotOnlyOwnReports(actor, await this.reports.openReporters(plan.target, manager));
      const { before, after } = await plan.change(manager);
      const resolution = { actorId: actor.id, action: plan.action, reason: plan.reason };
      await this.reports.resolveTarget(plan.target, resolution, manager);
      const stored = await this.audit.record(
        {
          actorId: actor.id,
          action: plan.action,
          targetKind: plan.target.kind,
          targetId: auditTargetId(plan.target),
          subjectId: plan.subjectId,
          reason: plan.reason,
          before,
          after,
        },
        manager,
      );
      if (plan.notice && plan.subjectId) {
        // Sent after commit; no actor: moderators act as the team, not as individuals.
        await this.notifications.notify(
          plan.subjectId,
          NotificationKind.MODERATION_ACTION,
          { title: `${plan.notice} Reason: ${plan.reason}`, link: plan.link, actorId: null },
          manager,
        );
      }
      return stored;
    });
    plan.afterCommit?.();
    return toActionModel(record);
  }
}
