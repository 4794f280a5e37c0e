import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { CoreError } from '../errors/domain-error';
import { Connection, decodeCursor, encodeCursor, toConnection } from '../pagination/connection';

/** What a domain records: who, what, on which target, against whom, why, before and after. */
export interface AuditEntry {
  /** Null for the system itself. */
  actorId: string | null;
  action: string;
  targetKind: string;
  targetId: string;
  /** The member the action was against, if any (for their history). */
  subjectId?: string | null;
  reason: string;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

export interface AuditRecord {
  id: string;
  actorId: string | null;
  action: string;
  targetKind: string;
  targetId: string;
  subjectId: string | null;
  reason: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  createdAt: Date;
}

export interface AuditFilter {
  actorId?: string;
  subjectId?: string;
  action?: string;
  targetKind?: string;
  targetId?: string;
  from?: Date;
  to?: Date;
}

const COLUMNS = `id, actor_id AS "actorId", action, target_kind AS "targetKind",
  target_id AS "targetId", subject_id AS "subjectId", reason, before, after,
  created_at AS "createdAt"`;

/** created_at as microsecond UTC text: cursors keep the exact value, not a rounded JS Date. */
const POSITION = `to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

type PagedRow = AuditRecord & { position: string };

/**
 * The append-only audit log any domain writes to: there is deliberately no update or delete here
 * (and the table refuses both). `record` joins the caller's transaction when given its manager.
 */
@Injectable()
export class AuditLog {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async record(entry: AuditEntry, manager?: EntityManager): Promise<AuditRecord> {
    const reason = entry.reason.trim();
    if (!reason)
      throw CoreError.invalid({ reason: ['is required'] }, 'Say why: a reason is required.');
    const [row] = await (manager ?? this.dataSource.manager).query<AuditRecord[]>(
      `INSERT INTO audit_log (actor_id, action, target_kind, target_id, subject_id, reason, before, after)
       VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb) RETURNING ${COLUMNS}`,
      [
        entry.actorId,
        entry.action,
        entry.targetKind,
        entry.targetId,
        entry.subjectId ?? null,
        reason,
        entry.before ? JSON.stringify(entry.before) : null,
        entry.after ? JSON.stringify(entry.after) : null,
      ],
    );
    return row;
  }

  /** Newest first, keyset-paginated on (created_at, id); two statements. */
  async page(
    filter: AuditFilter,
    first: number,
    after?: string | null,
  ): Promise<Connection<AuditRecord>> {
    const params: unknown[] = [];
    const param = (value: unknown) => `$${params.push(value)}`;
    const where: string[] = [];
    if (filter.actorId) where.push(`actor_id = ${param(filter.actorId)}::uuid`);
    if (filter.subjectId) where.push(`subject_id = ${param(filter.subjectId)}::uuid`);
    if (filter.action) where.push(`action = ${param(filter.action)}`);
    if (filter.targetKind) where.push(`target_kind = ${param(filter.targetKind)}`);
    if (filter.targetId) where.push(`target_id = ${param(filter.targetId)}`);
    if (filter.from) where.push(`created_at >= ${param(filter.from)}`);
    if (filter.to) where.push(`created_at < ${param(filter.to)}`);
    const countSql = `SELECT count(*)::int AS n FROM audit_log ${clause(where)}`;
    const countParams = [...params];
    if (after) {
      const [at, id] = decodeCursor(after, 2);
      if (
        typeof at !== 'string' ||
        typeof id !== 'string' ||
        !UUID.test(id) ||
        isNaN(Date.parse(at))
      ) {
        throw CoreError.invalid({ after: ['is not a cursor from this list'] });
      }
      where.push(`(created_at, id) < (${param(at)}::timestamptz, ${param(id)}::uuid)`);
    }
    const [rows, count] = await Promise.all([
      this.dataSource.query<PagedRow[]>(
        `SELECT ${COLUMNS}, ${POSITION} AS position FROM audit_log ${clause(where)}
          ORDER BY created_at DESC, id DESC LIMIT ${param(first + 1)}`,
        params,
      ),
      this.dataSource.query<Array<{ n: number }>>(countSql, countParams),
    ]);
    return toConnection(
      rows,
      first,
      count[0]?.n ?? 0,
      (row) => encodeCursor([row.position, row.id]),
      ({ position: _position, ...record }) => record,
      !!after,
    );
  }

  /** The latest `limit` records against each member, newest first, in one statement. */
  async historyOf(
    subjectIds: readonly string[],
    limit: number,
  ): Promise<Map<string, AuditRecord[]>> {
    const history = new Map<string, AuditRecord[]>(subjectIds.map((id) => [id, []]));
    if (subjectIds.length === 0) return history;
    const rows = await this.dataSource.query<AuditRecord[]>(
      `SELECT a.* FROM unnest($1::uuid[]) s(id)
         CROSS JOIN LATERAL (SELECT ${COLUMNS} FROM audit_log
                              WHERE subject_id = s.id ORDER BY created_at DESC, id DESC LIMIT $2) a`,
      [[...new Set(subjectIds)], limit],
    );
    for (const row of rows) history.get(row.subjectId as string)?.push(row);
    return history;
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function clause(where: string[]): string {
  return where.length ? `WHERE ${where.join(' AND ')}` : '';
}
