import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { DiscussionsError } from './discussions.errors';
import { DiscussionsSearch } from './discussions-search';
import { Reader } from './reader';
import { ReplyModel } from './reply.model';
import { ReplyQueries } from './reply-queries.service';
import { ThreadModel } from './thread.model';
import { ThreadQueries } from './thread-queries.service';

export type DiscussionTarget = 'THREAD' | 'REPLY';

/**
 * What other libraries (moderation, archive) use: hiding, locking and reading threads and
 * replies. Hiding goes through `setHidden` only, which keeps reply counts and search in step.
 * Rights are the caller's business (moderation checks and audits); pass your transaction's
 * `manager` to act inside it.
 */
@Injectable()
export class DiscussionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly search: DiscussionsSearch,
    private readonly threads: ThreadQueries,
    private readonly replies: ReplyQueries,
  ) {}

  /** Hides or restores a thread or reply; false when it already was so. NOT_FOUND if deleted. */
  setHidden(
    kind: DiscussionTarget,
    id: string,
    hidden: boolean,
    manager?: EntityManager,
  ): Promise<boolean> {
    return this.run(manager, (m) =>
      kind === 'THREAD' ? this.hideThread(id, hidden, m) : this.hideReply(id, hidden, m),
    );
  }

  /** Locks or unlocks: a locked thread takes no replies, a locked reply none under it. */
  setLocked(
    kind: DiscussionTarget,
    id: string,
    locked: boolean,
    manager?: EntityManager,
  ): Promise<boolean> {
    const table = kind === 'THREAD' ? 'discussion_thread' : 'discussion_reply';
    return this.run(manager, async (m) => {
      const [rows] = await m.query<[Array<{ id: string }>, number]>(
        `UPDATE ${table} SET locked_at = CASE WHEN $2 THEN now() END, updated_at = now()
          WHERE id = $1 AND deleted_at IS NULL AND (locked_at IS NULL) = $2 RETURNING id`,
        [id, locked],
      );
      if (rows.length === 0) await this.requireExisting(table, id, m);
      return rows.length > 0;
    });
  }

  /** A thread as `reader` may see it (pass a moderator to see hidden ones). */
  findThread(id: string, reader: Reader): Promise<ThreadModel | null> {
    return this.threads.find(id, reader);
  }

  findReply(id: string, reader: Reader): Promise<ReplyModel | null> {
    return this.replies.find(id, reader);
  }

  private async hideThread(id: string, hidden: boolean, m: EntityManager): Promise<boolean> {
    const [rows] = await m.query<[Array<{ id: string }>, number]>(
      `UPDATE discussion_thread SET hidden_at = CASE WHEN $2 THEN now() END, updated_at = now()
        WHERE id = $1 AND deleted_at IS NULL AND (hidden_at IS NULL) = $2 RETURNING id`,
      [id, hidden],
    );
    if (rows.length === 0) {
      await this.requireExisting('discussion_thread', id, m);
      return false;
    }
    const replies = await m.query<Array<{ id: string; hidden: boolean }>>(
      `SELECT id, hidden_at IS NOT NULL AS hidden FROM discussion_reply
        WHERE thread_id = $1 AND deleted_at IS NULL`,
      [id],
    );
    await this.search.setThreadHidden(id, hidden, replies, m);
    return true;
  }

  private async hideReply(id: string, hidden: boolean, m: EntityManager): Promise<boolean> {
    // Thread row first, as every writer does.
    const [thread] = await m.query<Array<{ id: string; hidden: boolean }>>(
      `SELECT id, hidden_at IS NOT NULL AS hidden FROM discussion_thread
        WHERE id = (SELECT thread_id FROM discussion_reply WHERE id = $1) FOR UPDATE`,
      [id],
    );
    const [rows] = await m.query<[Array<{ id: string }>, number]>(
      `UPDATE discussion_reply SET hidden_at = CASE WHEN $2 THEN now() END, updated_at = now()
        WHERE id = $1 AND deleted_at IS NULL AND (hidden_at IS NULL) = $2 RETURNING id`,
      [id, hidden],
    );
    if (!thread || rows.length === 0) {
      await this.requireExisting('discussion_reply', id, m);
      return false;
    }
    const delta = hidden ? -1 : 1;
    await m.query(
      `UPDATE discussion_thread SET reply_count = reply_count + $2, score = score + $2 WHERE id = $1`,
      [thread.id, delta],
    );
    await this.search.setReplyHidden(id, hidden || thread.hidden, m);
    return true;
  }

  private async requireExisting(table: string, id: string, m: EntityManager): Promise<void> {
    const found = await m.query<unknown[]>(
      `SELECT 1 FROM ${table} WHERE id = $1 AND deleted_at IS NULL`,
      [id],
    );
    if (found.length === 0) {
      throw table === 'discussion_thread'
        ? DiscussionsError.threadNotFound()
        : DiscussionsError.replyNotFound();
    }
  }

  private run<T>(manager: EntityManager | undefined, work: (m: EntityManager) => Promise<T>) {
    return manager ? work(manager) : this.dataSource.transaction(work);
  }
}
