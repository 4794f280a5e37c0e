import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import DataLoader from 'dataloader';
import { DataSource } from 'typeorm';
import {
  AccountsService,
  AuditLog,
  AuthenticatedMember,
  Connection,
  decodeCursor,
  encodeCursor,
  requestLoader,
  toConnection,
} from '@app/core';
import { ModerationLogFilter, ModerationQueueFilter } from './dto/moderation-queue.args';
import { ContentSnapshot } from './moderation-item.entity';
import { ModerationItemStatus, ModerationTargetKind } from './moderation.enums';
import { ModerationError, ModerationErrorCode } from './moderation.errors';
import {
  ModerationActionModel,
  ModerationItemModel,
  ModerationReportModel,
} from './moderation.models';
import { toActionModel } from './moderation-recorder';
import { assertModerator } from './moderation-rules';
import { targetModel } from './moderation-targets';
import { ReportRow, toReportModel } from './reports.service';

/** Earlier actions against an author shown with each queue item. */
export const AUTHOR_HISTORY_LIMIT = 10;

interface ItemRow {
  id: string;
  target_kind: ModerationTargetKind;
  target_id: string;
  target_seq: number | null;
  author_id: string | null;
  status: ModerationItemStatus;
  report_count: number;
  reported: ContentSnapshot;
  last_reported_at: Date;
  resolved_at: Date | null;
  resolved_by_id: string | null;
  resolution: string | null;
  resolution_reason: string | null;
  created_at: Date;
  position: string;
}

/** Each status has its own order: open items oldest first, resolved ones latest first. */
const ORDER = {
  OPEN: { column: 'i.created_at', direction: 'ASC', compare: '>' },
  RESOLVED: { column: 'i.resolved_at', direction: 'DESC', compare: '<' },
} as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Reading the queue and the log: pages in two statements, item details by per-request loaders. */
@Injectable()
export class ModerationQueue {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly accounts: AccountsService,
    private readonly audit: AuditLog,
  ) {}

  async page(
    viewer: AuthenticatedMember,
    filter: ModerationQueueFilter | null | undefined,
    first: number,
    after?: string | null,
  ): Promise<Connection<ModerationItemModel>> {
    assertModerator(viewer);
    const status = filter?.status ?? ModerationItemStatus.OPEN;
    const order = ORDER[status];
    const params: unknown[] = [status];
    const param = (value: unknown) => `$${params.push(value)}`;
    const where = ['i.status = $1'];
    if (filter?.targetKind) where.push(`i.target_kind = ${param(filter.targetKind)}`);
    if (filter?.reason) {
      where.push(
        `EXISTS (SELECT 1 FROM moderation_report r WHERE r.item_id = i.id AND r.reason = ${param(filter.reason)})`,
      );
    }
    const countSql = `SELECT count(*)::int AS n FROM moderation_item i WHERE ${where.join(' AND ')}`;
    const countParams = [...params];
    if (after) {
      const [cursorStatus, at, id] = decodeCursor(after, 3);
      if (
        cursorStatus !== status ||
        typeof at !== 'string' ||
        typeof id !== 'string' ||
        !UUID.test(id) ||
        isNaN(Date.parse(at))
      ) {
        throw ModerationError.invalid(
          ModerationErrorCode.INVALID_CURSOR,
          'after',
          'is not a cursor from this list',
          'The `after` cursor is not from this list (or from another status): start without it.',
        );
      }
      where.push(
        `(${order.column}, i.id) ${order.compare} (${param(at)}::timestamptz, ${param(id)}::uuid)`,
      );
    }
    const [rows, count] = await Promise.all([
      this.dataSource.query<ItemRow[]>(
        `SELECT i.*, to_char(${order.column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS position
           FROM moderation_item i WHERE ${where.join(' AND ')}
          ORDER BY ${order.column} ${order.direction}, i.id ${order.direction}
          LIMIT ${param(first + 1)}`,
        params,
      ),
      this.dataSource.query<Array<{ n: number }>>(countSql, countParams),
    ]);
    return toConnection(
      rows,
      first,
      count[0]?.n ?? 0,
      (row) => encodeCursor([status, row.position, row.id]),
      toItemModel,
      !!after,
    );
  }

  /** The reports of items, oldest first, every item of the request in one statement. */
  reportsLoader(request: object): DataLoader<string, ModerationReportModel[]> {
    return requestLoader<string, ModerationReportModel[]>(
      request,
      'moderation.reports',
      async (itemIds) => {
        const rows = await this.dataSource.query<
          Array<ReportRow & Pick<ItemRow, 'target_kind' | 'target_id' | 'target_seq' | 'reported'>>
        >(
          `SELECT r.id, r.item_id, r.reporter_id, r.reason, r.note, r.created_at,
                  i.target_kind, i.target_id, i.target_seq, i.reported
             FROM moderation_report r JOIN moderation_item i ON i.id = r.item_id
            WHERE r.item_id = ANY($1::uuid[]) ORDER BY r.created_at, r.id`,
          [itemIds],
        );
        const byItem = new Map<string, ModerationReportModel[]>(itemIds.map((id) => [id, []]));
        for (const row of rows) {
          const ref = { kind: row.target_kind, id: row.target_id, seq: row.target_seq };
          byItem.get(row.item_id)?.push(toReportModel(row, ref, row.reported.threadId ?? null));
        }
        return itemIds.map((id) => byItem.get(id) ?? []);
      },
    );
  }

  /** The latest actions against each author, every author of the request in one statement. */
  historyLoader(request: object): DataLoader<string, ModerationActionModel[]> {
    return requestLoader<string, ModerationActionModel[]>(
      request,
      'moderation.author-history',
      async (authorIds) => {
        const history = await this.audit.historyOf(authorIds, AUTHOR_HISTORY_LIMIT);
        return authorIds.map((id) => (history.get(id) ?? []).map(toActionModel));
      },
    );
  }

  /** The audit log, newest first; an unknown handle in the filter matches nothing. */
  async log(
    viewer: AuthenticatedMember,
    filter: ModerationLogFilter | null | undefined,
    first: number,
    after?: string | null,
  ): Promise<Connection<ModerationActionModel>> {
    assertModerator(viewer);
    const [actor, subject] = await Promise.all([
      filter?.actorHandle ? this.accounts.findByHandle(filter.actorHandle) : undefined,
      filter?.subjectHandle ? this.accounts.findByHandle(filter.subjectHandle) : undefined,
    ]);
    if (actor === null || subject === null) {
      return {
        edges: [],
        totalCount: 0,
        pageInfo: {
          hasNextPage: false,
          hasPreviousPage: !!after,
          startCursor: null,
          endCursor: null,
        },
      };
    }
    const page = await this.audit.page(
      {
        actorId: actor?.id,
        subjectId: subject?.id,
        action: filter?.action ?? undefined,
        targetKind: filter?.targetKind ?? undefined,
        targetId: filter?.targetId ?? undefined,
        from: filter?.from ?? undefined,
        to: filter?.to ?? undefined,
      },
      first,
      after,
    );
    return {
      ...page,
      edges: page.edges.map((edge) => ({ cursor: edge.cursor, node: toActionModel(edge.node) })),
    };
  }
}

function toItemModel(row: ItemRow): ModerationItemModel {
  const ref = { kind: row.target_kind, id: row.target_id, seq: row.target_seq };
  return {
    id: row.id,
    target: targetModel(ref, row.reported.threadId ?? null),
    status: row.status,
    reportCount: row.report_count,
    reported: toContent(row.reported),
    createdAt: row.created_at,
    lastReportedAt: row.last_reported_at,
    resolvedAt: row.resolved_at,
    resolution: row.resolution,
    resolutionReason: row.resolution_reason,
    authorId: row.author_id,
    resolvedById: row.resolved_by_id,
  };
}

export function toContent(snapshot: ContentSnapshot) {
  return {
    title: snapshot.title ?? null,
    body: snapshot.body ?? null,
    tags: snapshot.tags ?? [],
    hidden: snapshot.hidden ?? false,
    locked: snapshot.locked ?? false,
    removed: snapshot.removed ?? false,
    handle: snapshot.handle ?? null,
    suspendedUntil: snapshot.suspendedUntil ? new Date(snapshot.suspendedUntil) : null,
    link: snapshot.link ?? null,
  };
}
