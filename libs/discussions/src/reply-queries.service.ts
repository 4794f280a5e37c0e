import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import DataLoader from 'dataloader';
import { DataSource } from 'typeorm';
import {
  Connection,
  MemberModel,
  byKeys,
  decodeCursor,
  encodeCursor,
  memberColumns,
  requestLoader,
  toConnection,
} from '@app/core';
import { DiscussionsError, DiscussionsErrorCode } from './discussions.errors';
import { Reader, childCountSql, replyShownSql, threadReadableSql } from './reader';
import { isPath } from './reply-path';
import { ReplyModel } from './reply.model';
import { REPLY_COLUMNS, REPLY_COLUMNS_WITHOUT_HTML, ReplyRow, toReplyModel } from './rows';
import { reactionsFromRow, replyReactionColumns, replyReactionRowsSql } from './reactions.service';

/** A page of the replies directly under a thread (parentId null) or a reply. */
export interface ChildPageKey {
  threadId: string;
  parentId: string | null;
  first: number;
  after: string | null;
}

type PageRow = ReplyRow & { ord: string; total: number; id: string | null };
type TreeRow = ReplyRow & { open_child_count: number | null };

/** What the reply tree's statement also carries, when the client asked for it. */
export interface TreeIncludes {
  authors?: boolean;
  reactions?: boolean;
  /** False leaves `bodyHtml` null: the rendered HTML doubles the bytes read. */
  bodyHtml?: boolean;
}

const TREE_AUTHOR = memberColumns('a', 'member_');

/** Reading replies: the whole tree in one statement, pages of children, single replies. */
@Injectable()
export class ReplyQueries {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The replies this reader is shown, in pre-order, after the reply `after` (by id), at most
   * `limit`: ONE statement whatever the size. The thread itself must already be readable. With
   * `include.authors` / `include.reactions` the same statement also carries each reply's author
   * and reaction counts (set as `preloadedAuthor` / `preloadedReactions`), so that a 2,000-reply
   * tree answers those fields without a loader, a promise or a statement more.
   */
  async tree(
    threadId: string,
    reader: Reader,
    limit: number,
    after?: string | null,
    include: TreeIncludes = {},
  ): Promise<ReplyModel[]> {
    const params: unknown[] = [threadId, limit];
    const param = (value: unknown) => `$${params.push(value)}`;
    const slice = after
      ? `AND r.path > (SELECT path FROM discussion_reply WHERE id = ${param(after)} AND thread_id = $1)`
      : '';
    const columns: string[] = [];
    const joins: string[] = [];
    if (include.authors) {
      columns.push(TREE_AUTHOR.sql);
      joins.push('LEFT JOIN account a ON a.id = p.author_id');
    }
    if (include.reactions) {
      columns.push(replyReactionColumns('x'));
      const rows = replyReactionRowsSql(
        '$1',
        `${param(reader?.id ?? null)}::uuid`,
        'SELECT id FROM page',
      );
      joins.push(`LEFT JOIN ${rows} x ON x.reply_id = p.id`);
    }
    // The page walks the (thread_id, path) index in order. Child counts come from the page itself
    // (a reply's subtree follows it in pre-order), except for the replies whose subtree runs past
    // a full page's end: the last reply and its ancestors, counted here.
    const rows = await this.dataSource.query<TreeRow[]>(
      `WITH page AS (
              SELECT ${include.bodyHtml === false ? REPLY_COLUMNS_WITHOUT_HTML : REPLY_COLUMNS}
                FROM discussion_reply r
               WHERE r.thread_id = $1 AND ${replyShownSql('r', reader)} ${slice}
               ORDER BY r.path LIMIT $2),
            last AS MATERIALIZED (SELECT max(path) AS path, count(*) AS n FROM page)
       SELECT p.*,
              CASE WHEN l.n = $2 AND starts_with(l.path, p.path)
                   THEN ${childCountSql('p', reader)} END AS open_child_count,
              p.id = (SELECT accepted_reply_id FROM discussion_thread WHERE id = $1) AS accepted
              ${columns.map((c) => `, ${c}`).join('')}
         FROM page p CROSS JOIN last l ${joins.join(' ')}
        ORDER BY p.path`,
      params,
    );
    const children = new Map<string, number>();
    for (const row of rows) {
      if (row.parent_reply_id) {
        children.set(row.parent_reply_id, (children.get(row.parent_reply_id) ?? 0) + 1);
      }
    }
    if (after && rows.length === 0) await this.checkAfter(threadId, after);
    const authors = new Map<string, MemberModel>();
    return rows.map((row) => {
      row.child_count = row.open_child_count ?? children.get(row.id) ?? 0;
      const reply = toReplyModel(row, reader);
      if (include.authors) {
        let author = reply.authorId ? (authors.get(reply.authorId) ?? null) : null;
        if (reply.authorId && !author) {
          author = TREE_AUTHOR.read(row);
          if (author) authors.set(author.id, author);
        }
        reply.preloadedAuthor = author;
      }
      // Placeholders show no reactions: `Reply.reactions` answers them without a row.
      if (include.reactions && !reply.removed) reply.preloadedReactions = reactionsFromRow(row);
      return reply;
    });
  }

  private async checkAfter(threadId: string, after: string): Promise<void> {
    const found = await this.dataSource.query<unknown[]>(
      'SELECT 1 FROM discussion_reply WHERE id = $1 AND thread_id = $2',
      [after, threadId],
    );
    if (found.length === 0) {
      throw new DiscussionsError(
        DiscussionsErrorCode.INVALID_CURSOR,
        '`after` must be the id of a reply in this thread: the last one of the previous slice.',
        { fields: { after: ['is not a reply of this thread'] } },
      );
    }
  }

  /** One reply as this reader is shown it, or null (for mutations' answers). */
  async find(id: string, reader: Reader): Promise<ReplyModel | null> {
    const [row] = await this.dataSource.query<ReplyRow[]>(
      `${this.byIdSql(reader)} WHERE r.id = $1 AND ${this.readableSql(reader)}`,
      [id],
    );
    return row ? toReplyModel(row, reader) : null;
  }

  private byIdSql(reader: Reader): string {
    return `SELECT ${REPLY_COLUMNS}, ${childCountSql('r', reader)} AS child_count,
                   t.accepted_reply_id = r.id AS accepted
              FROM discussion_reply r
              JOIN discussion_thread t ON t.id = r.thread_id
              JOIN discussion_space s ON s.id = t.space_id`;
  }

  private readableSql(reader: Reader): string {
    return `${threadReadableSql('t', 's', reader)} AND ${replyShownSql('r', reader)}`;
  }

  /** Replies by id, shown to this reader (placeholders included), batched per request. */
  loader(request: object, reader: Reader): DataLoader<string, ReplyModel | null> {
    return requestLoader<string, ReplyModel | null>(request, 'discussions.reply', async (ids) => {
      const rows = await this.dataSource.query<ReplyRow[]>(
        `${this.byIdSql(reader)} WHERE r.id = ANY($1::uuid[]) AND ${this.readableSql(reader)}`,
        [ids],
      );
      return byKeys(
        ids,
        rows.map((row) => toReplyModel(row, reader)),
        (reply) => reply.id,
        null,
      );
    });
  }

  /** Pages of children (or of a thread's top level), every key of the request in one statement. */
  childrenLoader(
    request: object,
    reader: Reader,
  ): DataLoader<ChildPageKey, Connection<ReplyModel>> {
    return requestLoader<ChildPageKey, Connection<ReplyModel>>(
      request,
      'discussions.children',
      (keys) => this.childPages(keys, reader),
    );
  }

  private async childPages(
    keys: readonly ChildPageKey[],
    reader: Reader,
  ): Promise<Connection<ReplyModel>[]> {
    const afters = keys.map((key) => (key.after ? decodePathCursor(key.after) : null));
    // Top-level and nested pages use different indexes: one statement for each kind asked.
    const topLevel = keys.some((key) => key.parentId === null);
    const nested = keys.some((key) => key.parentId !== null);
    const [top, under] = await Promise.all([
      topLevel ? this.pageRows(keys, afters, reader, true) : [],
      nested ? this.pageRows(keys, afters, reader, false) : [],
    ]);
    const byOrd = new Map<number, PageRow[]>();
    for (const row of [...top, ...under]) {
      const ord = Number(row.ord);
      byOrd.set(ord, [...(byOrd.get(ord) ?? []), row]);
    }
    return keys.map((key, index) => {
      const rows = byOrd.get(index + 1) ?? [];
      const page = rows.filter((row): row is ReplyRow & PageRow => row.id !== null);
      return toConnection(
        page,
        key.first,
        rows[0]?.total ?? 0,
        (row) => encodeCursor([row.path]),
        (row) => toReplyModel(row, reader),
        !!key.after,
      );
    });
  }

  private pageRows(
    keys: readonly ChildPageKey[],
    afters: (string | null)[],
    reader: Reader,
    topLevel: boolean,
  ): Promise<PageRow[]> {
    const under = topLevel
      ? 'r.thread_id = k.thread_id AND r.parent_reply_id IS NULL'
      : 'r.parent_reply_id = k.parent_id';
    const which = topLevel ? 'k.parent_id IS NULL' : 'k.parent_id IS NOT NULL';
    return this.dataSource.query<PageRow[]>(
      `SELECT k.ord, cnt.total, x.*
         FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::int[])
              WITH ORDINALITY AS k(thread_id, parent_id, after_path, lim, ord)
        CROSS JOIN LATERAL (
              SELECT count(*)::int AS total FROM discussion_reply r
               WHERE ${under} AND ${replyShownSql('r', reader)}) cnt
         LEFT JOIN LATERAL (
              SELECT ${REPLY_COLUMNS}, ${childCountSql('r', reader)} AS child_count,
                     t.accepted_reply_id = r.id AS accepted
                FROM discussion_reply r JOIN discussion_thread t ON t.id = r.thread_id
               WHERE ${under} AND (k.after_path IS NULL OR r.path > k.after_path)
                 AND ${replyShownSql('r', reader)}
               ORDER BY r.path LIMIT k.lim) x ON true
        WHERE ${which}
        ORDER BY k.ord, x.path`,
      [
        keys.map((key) => key.threadId),
        keys.map((key) => key.parentId),
        afters,
        keys.map((key) => key.first + 1),
      ],
    );
  }
}

function decodePathCursor(cursor: string): string {
  const [path] = decodeCursor(cursor, 1);
  if (!isPath(path)) {
    throw new DiscussionsError(
      DiscussionsErrorCode.INVALID_CURSOR,
      'The `after` cursor is not valid here: use an endCursor or edge cursor from this same list.',
      { fields: { after: ['is not a cursor from this list'] } },
    );
  }
  return path;
}
