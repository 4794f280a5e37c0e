import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import DataLoader from 'dataloader';
import { DataSource } from 'typeorm';
import {
  AccountsService,
  Connection,
  byKeys,
  decodeCursor,
  encodeCursor,
  requestLoader,
  toConnection,
} from '@app/core';
import { TagsService } from '@app/members';
import { DiscussionsError, DiscussionsErrorCode } from './discussions.errors';
import { emptyConnection } from './empty-connection';
import { ThreadFilter, ThreadOrder } from './dto/thread-filter.input';
import { Reader, threadReadableSql } from './reader';
import { THREAD_COLUMNS, ThreadRow, toThreadModel } from './rows';
import { ThreadModel } from './thread.model';

/** Sort keys of each order, all descending; cursors carry them as SQL text. */
const ORDERS: Record<ThreadOrder, Array<{ column: string; cast: string }>> = {
  LATEST_ACTIVITY: [
    { column: 't.last_activity_at', cast: 'timestamptz' },
    { column: 't.id', cast: 'uuid' },
  ],
  NEWEST: [
    { column: 't.created_at', cast: 'timestamptz' },
    { column: 't.id', cast: 'uuid' },
  ],
  TOP: [
    { column: 't.score', cast: 'int' },
    { column: 't.created_at', cast: 'timestamptz' },
    { column: 't.id', cast: 'uuid' },
  ],
  UNANSWERED: [
    { column: 't.created_at', cast: 'timestamptz' },
    { column: 't.id', cast: 'uuid' },
  ],
};

const PINNED_FIRST = { column: '(t.pinned_at IS NOT NULL)', cast: 'boolean' };

type KeyedRow = ThreadRow & { [key: `k${number}`]: string };

/** Reading threads: the `threads` connection and per-request loaders. */
@Injectable()
export class ThreadQueries {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly accounts: AccountsService,
    private readonly tags: TagsService,
  ) {}

  /** Two statements (page and count) whatever `first` is; authors and spaces come by loader. */
  async page(
    reader: Reader,
    filter: ThreadFilter | undefined,
    orderBy: ThreadOrder,
    first: number,
    after?: string | null,
  ): Promise<Connection<ThreadModel>> {
    const params: unknown[] = [];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const where = [threadReadableSql('t', 's', reader)];
    if (filter?.spaceSlug) where.push(`s.slug = ${param(filter.spaceSlug)}`);
    if (filter?.tag !== undefined && filter.tag !== null) {
      const [tag] = this.tags.normalise([filter.tag], 'filter.tag', 1);
      where.push(`t.tags @> ARRAY[${param(tag)}]::text[]`);
    }
    if (filter?.authorHandle) {
      const author = await this.accounts.findByHandle(filter.authorHandle);
      if (!author) return emptyConnection(!!after);
      where.push(`t.author_id = ${param(author.id)}`);
    }
    if (filter?.solved === true) where.push('t.accepted_reply_id IS NOT NULL');
    if (filter?.solved === false) where.push(`t.kind = 'QUESTION' AND t.accepted_reply_id IS NULL`);
    if (filter?.kind) where.push(`t.kind = ${param(filter.kind)}`);
    if (orderBy === ThreadOrder.UNANSWERED) where.push('t.reply_count = 0');
    // A merged thread only redirects (moderation): its replies are listed under the other one.
    where.push('t.merged_into_id IS NULL');

    const from = `FROM discussion_thread t JOIN discussion_space s ON s.id = t.space_id`;
    const countSql = `SELECT count(*)::int AS n ${from} WHERE ${where.join(' AND ')}`;
    const countParams = [...params];
    // Within a space, threads pinned by moderators come first (then the chosen order).
    const keys = filter?.spaceSlug ? [PINNED_FIRST, ...ORDERS[orderBy]] : ORDERS[orderBy];
    if (after) {
      const values = decodeCursor(after, keys.length + 1);
      if (values[0] !== orderBy) {
        throw new DiscussionsError(
          DiscussionsErrorCode.INVALID_CURSOR,
          `This cursor is from another order than ${orderBy}: start again without \`after\`.`,
          { fields: { after: ['is from another order'] } },
        );
      }
      const tuple = keys.map((key, i) => `${param(values[i + 1])}::${key.cast}`);
      where.push(`(${keys.map((key) => key.column).join(', ')}) < (${tuple.join(', ')})`);
    }
    const keyColumns = keys.map((key, i) => `${key.column}::text AS k${i}`).join(', ');
    const order = keys.map((key) => `${key.column} DESC`).join(', ');
    const [rows, count] = await Promise.all([
      this.dataSource.query<KeyedRow[]>(
        `SELECT ${THREAD_COLUMNS}, ${keyColumns} ${from} WHERE ${where.join(' AND ')}
          ORDER BY ${order} LIMIT ${param(first + 1)}`,
        params,
      ),
      this.dataSource.query<Array<{ n: number }>>(countSql, countParams),
    ]).catch((error: unknown) => {
      throw badCursorOr(error);
    });
    return toConnection(
      rows,
      first,
      count[0]?.n ?? 0,
      (row) => encodeCursor([orderBy, ...keys.map((_key, i) => row[`k${i}`])]),
      toThreadModel,
      !!after,
    );
  }

  /** One thread as this reader may see it (for mutations' answers). */
  async find(id: string, reader: Reader): Promise<ThreadModel | null> {
    const [row] = await this.dataSource.query<ThreadRow[]>(
      `SELECT ${THREAD_COLUMNS}
         FROM discussion_thread t JOIN discussion_space s ON s.id = t.space_id
        WHERE t.id = $1 AND ${threadReadableSql('t', 's', reader)}`,
      [id],
    );
    return row ? toThreadModel(row) : null;
  }

  /** Threads by id as this reader may see them (null otherwise), batched per request. */
  loader(request: object, reader: Reader): DataLoader<string, ThreadModel | null> {
    return requestLoader<string, ThreadModel | null>(request, 'discussions.thread', async (ids) => {
      const rows = await this.dataSource.query<ThreadRow[]>(
        `SELECT ${THREAD_COLUMNS}
           FROM discussion_thread t JOIN discussion_space s ON s.id = t.space_id
          WHERE t.id = ANY($1::uuid[]) AND ${threadReadableSql('t', 's', reader)}`,
        [ids],
      );
      return byKeys(ids, rows.map(toThreadModel), (thread) => thread.id, null);
    });
  }
}

/** A forged cursor that decodes but does not cast (not a time, not a uuid) is the client's mistake. */
export function badCursorOr(error: unknown): unknown {
  const code = (error as { driverError?: { code?: string } }).driverError?.code;
  // 22P02 invalid text representation, 22007/22008 bad datetime, 22003 out of range.
  if (code && ['22P02', '22007', '22008', '22003'].includes(code)) {
    return new DiscussionsError(
      DiscussionsErrorCode.INVALID_CURSOR,
      'The `after` cursor is not valid here: use an endCursor or edge cursor from this same list.',
      { fields: { after: ['is not a cursor from this list'] } },
    );
  }
  return error;
}
