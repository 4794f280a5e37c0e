import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { NotificationKind, NotificationsService } from '@app/notifications';
import { replyLink } from './discussions-search';
import { ThreadEventKind } from './thread-event.entity';
import { ThreadEventRow } from './thread-live.events';

/**
 * FOLLOWED_THREAD_ACTIVITY: tells a thread's followers about new replies once they committed.
 * Every API node hears the events; the node that claims one (`notified_at`) sends for it. People
 * the discussions notifier already told about the reply (the parent's author, or the asker for a
 * top-level reply, and those mentioned) are skipped, and so is the reply's author.
 */
@Injectable()
export class ThreadFollowersNotifier {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly notifications: NotificationsService,
  ) {}

  async repliesPosted(rows: readonly ThreadEventRow[]): Promise<void> {
    const replies = rows.filter((row) => row.kind === ThreadEventKind.REPLY && row.a_id);
    if (!replies.length) return;
    await this.dataSource.transaction(async (manager) => {
      const claimed = await manager.query<Array<{ thread_id: string; event_id: number }>>(
        `WITH claimed AS (
           UPDATE discussion_thread_event SET notified_at = now()
            WHERE (thread_id, event_id) IN (SELECT * FROM unnest($1::uuid[], $2::int[]))
              AND notified_at IS NULL
           RETURNING thread_id, event_id)
         SELECT thread_id, event_id FROM claimed`,
        [replies.map((row) => row.thread_id), replies.map((row) => row.event_id)],
      );
      const mine = new Set(claimed.map((c) => `${c.thread_id} ${c.event_id}`));
      const shown = replies.filter(
        (row) =>
          mine.has(`${row.thread_id} ${row.event_id}`) &&
          [row.t_hidden_at, row.t_deleted_at, row.r_hidden_at, row.r_deleted_at].every(
            (at) => at === null,
          ),
      );
      if (!shown.length) return;
      const followers = await manager.query<Array<{ thread_id: string; member_id: string }>>(
        `SELECT thread_id, member_id FROM discussion_thread_reader
          WHERE thread_id = ANY($1::uuid[]) AND following
         UNION
         SELECT t.id, t.author_id FROM discussion_thread t
          WHERE t.id = ANY($1::uuid[]) AND NOT EXISTS (
                SELECT 1 FROM discussion_thread_reader x
                 WHERE x.thread_id = t.id AND x.member_id = t.author_id AND x.following = false)`,
        [[...new Set(shown.map((row) => row.thread_id))]],
      );
      for (const row of shown) {
        const authorId = row.a_id as string;
        const told = new Set<string>([
          authorId,
          row.r_parent_author_id ?? row.t_author_id,
          ...(row.r_mention_ids ?? []),
        ]);
        for (const follower of followers) {
          if (follower.thread_id !== row.thread_id || told.has(follower.member_id)) continue;
          await this.notifications.notify(
            follower.member_id,
            NotificationKind.FOLLOWED_THREAD_ACTIVITY,
            {
              title: `@${row.a_handle} replied in “${row.t_title}”, a thread you follow`,
              link: replyLink(row.thread_id, row.reply_id as string),
              actorId: authorId,
            },
            manager,
          );
        }
      }
    });
  }
}
