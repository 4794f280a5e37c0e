import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import DataLoader from 'dataloader';
import { DataSource } from 'typeorm';
import { AuthenticatedMember } from '@app/core';
import { DiscussionsError } from './discussions.errors';
import { singleBatchLoader } from './engagement-loaders';
import { ThreadModel } from './thread.model';
import { ThreadQueries } from './thread-queries.service';

/**
 * Following threads and read marks. The asker follows their own thread until they unfollow it
 * (no row is needed for that). Unread replies are the visible replies by others whose REPLY
 * event comes after the reader's mark: event numbers follow commit order, so a reply that
 * commits late is never mistaken for read, as a timestamp could be.
 */
@Injectable()
export class ThreadReadersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly threads: ThreadQueries,
  ) {}

  async setFollowing(
    actor: AuthenticatedMember,
    threadId: string,
    following: boolean,
  ): Promise<ThreadModel> {
    const thread = await this.readable(actor, threadId);
    await this.dataSource.query(
      `INSERT INTO discussion_thread_reader (thread_id, member_id, following) VALUES ($1, $2, $3)
       ON CONFLICT (thread_id, member_id) DO UPDATE SET following = EXCLUDED.following, updated_at = now()`,
      [threadId, actor.id, following],
    );
    return thread;
  }

  /** Marks everything up to the thread's latest event read. */
  async markRead(actor: AuthenticatedMember, threadId: string): Promise<ThreadModel> {
    const thread = await this.readable(actor, threadId);
    await this.dataSource.query(
      `INSERT INTO discussion_thread_reader (thread_id, member_id, last_read_event_id)
       SELECT $1, $2, coalesce(
         (SELECT last_event_id FROM discussion_thread_event_counter WHERE thread_id = $1), 0)
       ON CONFLICT (thread_id, member_id) DO UPDATE
         SET last_read_event_id = EXCLUDED.last_read_event_id, updated_at = now()`,
      [threadId, actor.id],
    );
    return thread;
  }

  private async readable(actor: AuthenticatedMember, threadId: string): Promise<ThreadModel> {
    const thread = await this.threads.find(threadId, actor);
    if (!thread) throw DiscussionsError.threadNotFound();
    return thread;
  }

  /** Whether the reader follows each thread, by thread; batched per request. */
  followingLoader(
    request: object,
    reader: AuthenticatedMember,
  ): DataLoader<Pick<ThreadModel, 'id' | 'authorId'>, boolean> {
    return singleBatchLoader(
      request,
      'discussions.following',
      async (threads: readonly Pick<ThreadModel, 'id' | 'authorId'>[]) => {
        const rows = await this.dataSource.query<Array<{ thread_id: string; following: boolean }>>(
          `SELECT thread_id, following FROM discussion_thread_reader
            WHERE member_id = $2 AND thread_id = ANY($1::uuid[]) AND following IS NOT NULL`,
          [threads.map((thread) => thread.id), reader.id],
        );
        const chosen = new Map(rows.map((row) => [row.thread_id, row.following]));
        return threads.map((thread) => chosen.get(thread.id) ?? thread.authorId === reader.id);
      },
    );
  }

  /** Unread replies for the reader, by thread id; batched per request. */
  unreadLoader(request: object, reader: AuthenticatedMember): DataLoader<string, number> {
    return singleBatchLoader(request, 'discussions.unread', async (ids: readonly string[]) => {
      const rows = await this.dataSource.query<Array<{ id: string; unread: number }>>(
        `SELECT k.id, count(r.id)::int AS unread
           FROM unnest($1::uuid[]) AS k(id)
           LEFT JOIN discussion_thread_reader rd ON rd.thread_id = k.id AND rd.member_id = $2
           LEFT JOIN discussion_thread_event e
             ON e.thread_id = k.id AND e.kind = 'REPLY'
            AND e.event_id > coalesce(rd.last_read_event_id, 0)
           LEFT JOIN discussion_reply r
             ON r.id = e.reply_id AND r.deleted_at IS NULL AND r.hidden_at IS NULL
            AND r.author_id <> $2
          GROUP BY k.id`,
        [ids, reader.id],
      );
      const byId = new Map(rows.map((row) => [row.id, row.unread]));
      return ids.map((id) => byId.get(id) ?? 0);
    });
  }
}
