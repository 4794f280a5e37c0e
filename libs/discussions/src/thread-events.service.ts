import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuthenticatedMember } from '@app/core';
import { DiscussionsError } from './discussions.errors';
import { EngagementError, EngagementErrorCode } from './engagement.errors';
import { isStaff } from './reader';
import { LiveThreadEvent, ThreadEventRow, toLiveEvent } from './thread-live.events';

/** Most events one `thread.resume` answers; ask again from `upToEventId` for more. */
export const RESUME_LIMIT = 500;

export interface EventKey {
  threadId: string;
  eventId: number;
}

export interface ResumeAnswer {
  threadId: string;
  events: LiveThreadEvent[];
  /** The last event this answer covers (some may be left out for you); resume after it. */
  upToEventId: number;
  hasMore: boolean;
}

const EVENT_SQL = (where: string) => `
  SELECT e.thread_id, e.event_id, e.kind, e.reply_id, e.data,
         t.author_id AS t_author_id, t.title AS t_title, t.body AS t_body,
         t.body_html AS t_body_html, t.tags AS t_tags, t.accepted_reply_id AS t_accepted_reply_id,
         t.edited_at AS t_edited_at, t.locked_at AS t_locked_at, t.hidden_at AS t_hidden_at,
         t.deleted_at AS t_deleted_at,
         r.parent_reply_id AS r_parent_reply_id, p.author_id AS r_parent_author_id,
         r.depth AS r_depth, r.body AS r_body, r.body_html AS r_body_html,
         r.feedback_worked AS r_feedback_worked, r.feedback_would_change AS r_feedback_would_change,
         r.feedback_risks AS r_feedback_risks, r.mention_ids AS r_mention_ids,
         r.created_at AS r_created_at, r.edited_at AS r_edited_at, r.locked_at AS r_locked_at,
         r.hidden_at AS r_hidden_at, r.deleted_at AS r_deleted_at,
         a.id AS a_id, a.handle AS a_handle, a.display_name AS a_display_name
    FROM discussion_thread_event e
    JOIN discussion_thread t ON t.id = e.thread_id
    LEFT JOIN discussion_reply r ON r.id = e.reply_id
    LEFT JOIN discussion_reply p ON p.id = r.parent_reply_id
    LEFT JOIN account a ON a.id = r.author_id
   WHERE ${where}
   ORDER BY e.thread_id, e.event_id`;

/** The stored events of threads: who may watch, what was missed, and rows for broadcasting. */
@Injectable()
export class ThreadEventsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Whether this member may follow the thread live: FORBIDDEN if it is hidden from them,
   * NOT_FOUND if it does not exist (or was deleted). Answers its latest event number.
   */
  async checkWatch(member: AuthenticatedMember, threadId: string): Promise<number> {
    const [thread] = await this.dataSource.query<
      Array<{ hidden: boolean; deleted: boolean; last_event_id: number }>
    >(
      `SELECT t.hidden_at IS NOT NULL AS hidden, t.deleted_at IS NOT NULL AS deleted,
              coalesce(c.last_event_id, 0) AS last_event_id
         FROM discussion_thread t
         LEFT JOIN discussion_thread_event_counter c ON c.thread_id = t.id
        WHERE t.id = $1`,
      [threadId],
    );
    if (!thread || thread.deleted) throw DiscussionsError.threadNotFound();
    if (thread.hidden && !isStaff(member)) {
      throw new EngagementError(
        EngagementErrorCode.THREAD_HIDDEN,
        'A moderator hid this thread: it cannot be followed live.',
      );
    }
    return thread.last_event_id;
  }

  /** The events after `afterEventId`, in order, as this member may see them. */
  async resume(
    member: AuthenticatedMember,
    threadId: string,
    afterEventId: number,
  ): Promise<ResumeAnswer> {
    await this.checkWatch(member, threadId);
    const rows = await this.dataSource.query<ThreadEventRow[]>(
      `${EVENT_SQL('e.thread_id = $1 AND e.event_id > $2')} LIMIT $3`,
      [threadId, afterEventId, RESUME_LIMIT + 1],
    );
    const page = rows.slice(0, RESUME_LIMIT);
    const staff = isStaff(member);
    return {
      threadId,
      events: page.flatMap((row) => toLiveEvent(row, staff) ?? []),
      upToEventId: page.length ? page[page.length - 1].event_id : afterEventId,
      hasMore: rows.length > RESUME_LIMIT,
    };
  }

  /** Events by key with the current state of their targets, in (thread, event) order. */
  load(keys: readonly EventKey[]): Promise<ThreadEventRow[]> {
    return this.dataSource.query<ThreadEventRow[]>(
      EVENT_SQL('(e.thread_id, e.event_id) IN (SELECT * FROM unnest($1::uuid[], $2::int[]))'),
      [keys.map((key) => key.threadId), keys.map((key) => key.eventId)],
    );
  }
}
