import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuthenticatedMember, isSuspended } from '@app/core';
import { ReportInput } from './dto/report.input';
import { ModerationItemStatus, ReportReason } from './moderation.enums';
import { ModerationError, ModerationErrorCode } from './moderation.errors';
import { ModerationReportModel } from './moderation.models';
import { ModerationTargets, ResolvedTarget, TargetRef, targetModel } from './moderation-targets';

interface ReportRow {
  id: string;
  item_id: string;
  reporter_id: string;
  reason: ReportReason;
  note: string | null;
  created_at: Date;
}

const OPEN_ITEM_WHERE = `i.status = 'OPEN' AND i.target_kind = $1 AND i.target_id = $2
  AND COALESCE(i.target_seq, 0) = COALESCE($3::int, 0)`;

/**
 * Reports and the queue items they group into: filing a report, and resolving the open items of
 * a target when a moderator acts on it.
 */
@Injectable()
export class ReportsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly targets: ModerationTargets,
  ) {}

  /**
   * Files a report: the target's open item is found or opened (its content kept as it is now),
   * and the count goes up. A second open report by the same member is CONFLICT.
   */
  async report(reporter: AuthenticatedMember, input: ReportInput): Promise<ModerationReportModel> {
    if (isSuspended(reporter)) {
      throw new ModerationError(
        ModerationErrorCode.SUSPENDED,
        'Your account is suspended: you cannot file reports until it ends.',
      );
    }
    const target = await this.targets.resolve(input, reporter);
    if (target.authorId === reporter.id) {
      throw ModerationError.invalid(
        ModerationErrorCode.REPORTING_YOURSELF,
        'input',
        'is you or your own content',
        'You cannot report yourself or your own content: edit or delete it instead.',
      );
    }
    const row = await this.dataSource.transaction(async (manager) => {
      const itemId = await this.openItem(target, manager);
      try {
        const [report] = await manager.query<ReportRow[]>(
          `INSERT INTO moderation_report (item_id, reporter_id, reason, note)
           VALUES ($1, $2, $3, $4) RETURNING id, item_id, reporter_id, reason, note, created_at`,
          [itemId, reporter.id, input.reason, input.note || null],
        );
        return report;
      } catch (error) {
        if (isUniqueViolation(error, 'moderation_report_open_key')) {
          throw new ModerationError(
            ModerationErrorCode.ALREADY_REPORTED,
            'You already reported this and moderators have not dealt with it yet.',
          );
        }
        throw error;
      }
    });
    return toReportModel(row, target, target.threadId);
  }

  /** The target's open item, opened with its snapshot on the first report (race-free upsert). */
  private async openItem(target: ResolvedTarget, manager: EntityManager): Promise<string> {
    const [item] = await manager.query<Array<{ id: string }>>(
      `INSERT INTO moderation_item (target_kind, target_id, target_seq, author_id, reported, report_count)
       VALUES ($1, $2, $3, $4, $5::jsonb, 1)
       ON CONFLICT (target_kind, target_id, (COALESCE(target_seq, 0))) WHERE status = 'OPEN'
       DO UPDATE SET report_count = moderation_item.report_count + 1,
                     last_reported_at = now(), updated_at = now()
       RETURNING id`,
      [target.kind, target.id, target.seq, target.authorId, JSON.stringify(target.snapshot)],
    );
    return item.id;
  }

  /** Who filed the open reports on the target (the open item locked until commit). */
  async openReporters(ref: TargetRef, manager: EntityManager): Promise<string[]> {
    const rows = await manager.query<Array<{ reporter_id: string }>>(
      `SELECT r.reporter_id FROM moderation_item i
         JOIN moderation_report r ON r.item_id = i.id AND r.resolved_at IS NULL
        WHERE ${OPEN_ITEM_WHERE} FOR UPDATE OF i`,
      [ref.kind, ref.id, ref.seq],
    );
    return rows.map((row) => row.reporter_id);
  }

  /** Resolves the target's open item (if any) with the action that dealt with it. */
  async resolveTarget(
    ref: TargetRef,
    resolution: { actorId: string; action: string; reason: string },
    manager: EntityManager,
  ): Promise<string[]> {
    const items = await manager.query<Array<{ id: string }>>(
      `SELECT i.id FROM moderation_item i WHERE ${OPEN_ITEM_WHERE} FOR UPDATE`,
      [ref.kind, ref.id, ref.seq],
    );
    await this.resolve(
      items.map((item) => item.id),
      resolution,
      manager,
    );
    return items.map((item) => item.id);
  }

  /** An item by id, locked; ITEM_NOT_FOUND or, when already resolved, ITEM_RESOLVED. */
  async lockOpenItem(itemId: string, manager: EntityManager) {
    const [item] = await manager.query<
      Array<{
        id: string;
        target_kind: TargetRef['kind'];
        target_id: string;
        target_seq: number | null;
        author_id: string | null;
        status: ModerationItemStatus;
        report_count: number;
      }>
    >(
      `SELECT id, target_kind, target_id, target_seq, author_id, status, report_count
         FROM moderation_item WHERE id = $1 FOR UPDATE`,
      [itemId],
    );
    if (!item) {
      throw new ModerationError(
        ModerationErrorCode.ITEM_NOT_FOUND,
        'No such moderation queue item: take the id from moderationQueue.',
      );
    }
    if (item.status !== ModerationItemStatus.OPEN) {
      throw new ModerationError(
        ModerationErrorCode.ITEM_RESOLVED,
        'This item was already resolved; new reports on the target open a new one.',
      );
    }
    return item;
  }

  async resolve(
    itemIds: string[],
    resolution: { actorId: string; action: string; reason: string },
    manager: EntityManager,
  ): Promise<void> {
    if (itemIds.length === 0) return;
    await manager.query(
      `UPDATE moderation_item
          SET status = 'RESOLVED', resolved_at = now(), resolved_by_id = $2, resolution = $3,
              resolution_reason = $4, updated_at = now()
        WHERE id = ANY($1::uuid[])`,
      [itemIds, resolution.actorId, resolution.action, resolution.reason],
    );
    await manager.query(
      `UPDATE moderation_report SET resolved_at = now()
        WHERE item_id = ANY($1::uuid[]) AND resolved_at IS NULL`,
      [itemIds],
    );
  }
}

export function toReportModel(
  row: ReportRow,
  ref: TargetRef,
  threadId: string | null,
): ModerationReportModel {
  return {
    id: row.id,
    itemId: row.item_id,
    reporterId: row.reporter_id,
    reason: row.reason,
    note: row.note,
    createdAt: row.created_at,
    target: targetModel(ref, threadId),
  };
}

export type { ReportRow };

function isUniqueViolation(error: unknown, constraint: string): boolean {
  const driverError = (error as { driverError?: { code?: string; constraint?: string } })
    .driverError;
  return driverError?.code === '23505' && driverError.constraint === constraint;
}
