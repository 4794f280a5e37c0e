/** Row shapes and row-level helpers of the reply writes (replies.service.ts). */
import { EntityManager } from 'typeorm';
import { DiscussionsError, DiscussionsErrorCode } from './discussions.errors';
import { ThreadContext } from './discussions-search';
import { FeedbackInput } from './dto/reply.inputs';
import { Actor, isStaff } from './reader';
import { REPLY_COLUMNS, ReplyRow, ThreadRow } from './rows';
import { SpaceVisibility } from './space.entity';

export type ThreadForReply = ThreadRow & {
  next_position: number;
  space_slug: string;
  space_visibility: SpaceVisibility;
};
export type ReplyForUpdate = ReplyRow & {
  next_position: number;
  t_title: string;
  t_tags: string[];
  t_author_id: string;
  t_accepted_reply_id: string | null;
  t_hidden_at: Date | null;
  t_deleted_at: Date | null;
  space_slug: string;
  space_visibility: SpaceVisibility;
};

/** Checked feedback columns, or null when none was sent; all-blank feedback is refused. */
export function feedbackColumns(feedback: FeedbackInput | undefined) {
  if (!feedback) return null;
  const clean = (text?: string | null) => (text && text.trim() ? text.trim() : null);
  const columns = {
    worked: clean(feedback.worked),
    wouldChange: clean(feedback.wouldChange),
    risks: clean(feedback.risks),
  };
  if (!columns.worked && !columns.wouldChange && !columns.risks) {
    throw DiscussionsError.invalid(
      DiscussionsErrorCode.FEEDBACK_EMPTY,
      'input.feedback',
      'needs worked, wouldChange or risks',
      'Feedback needs at least one of worked, wouldChange or risks; leave feedback out otherwise.',
    );
  }
  return columns;
}

export function contextOf(row: ReplyForUpdate): ThreadContext {
  return {
    id: row.thread_id,
    title: row.t_title,
    tags: row.t_tags,
    hidden: row.t_hidden_at !== null,
    spaceSlug: row.space_slug,
    spaceVisibility: row.space_visibility,
  };
}

/** The reply locked for update, with what its thread contributes; null if this actor may not act on it. */
export async function lockReplyForUpdate(
  actor: Actor,
  id: string,
  manager: EntityManager,
): Promise<ReplyForUpdate | null> {
  // Thread row first, as every writer does, then the reply.
  await manager.query(
    `SELECT 1 FROM discussion_thread WHERE id = (SELECT thread_id FROM discussion_reply WHERE id = $1) FOR UPDATE`,
    [id],
  );
  const [reply] = await manager.query<ReplyForUpdate[]>(
    `SELECT ${REPLY_COLUMNS}, r.next_position, 0 AS child_count, false AS accepted,
            t.title AS t_title, t.tags AS t_tags, t.author_id AS t_author_id,
            t.accepted_reply_id AS t_accepted_reply_id, t.hidden_at AS t_hidden_at,
            t.deleted_at AS t_deleted_at, s.slug AS space_slug, s.visibility AS space_visibility
       FROM discussion_reply r
       JOIN discussion_thread t ON t.id = r.thread_id
       JOIN discussion_space s ON s.id = t.space_id
      WHERE r.id = $1 FOR UPDATE OF r`,
    [id],
  );
  if (!reply || reply.deleted_at || reply.t_deleted_at) return null;
  if (!isStaff(actor) && (reply.hidden_at || reply.t_hidden_at)) return null;
  return reply;
}
