import { Reader, isStaff } from './reader';
import { ReplyModel } from './reply.model';
import { ThreadKind } from './thread.entity';
import { ThreadModel } from './thread.model';

/** Columns of a thread row (`t`), the same in every thread query. */
export const THREAD_COLUMNS = `t.id, t.space_id, t.author_id, t.kind, t.title, t.body, t.body_html,
  t.tags, t.mention_ids, t.reply_count, t.score, t.accepted_reply_id, t.last_activity_at,
  t.edited_at, t.locked_at, t.hidden_at, t.deleted_at, t.created_at`;

export interface ThreadRow {
  id: string;
  space_id: string;
  author_id: string;
  kind: ThreadKind;
  title: string;
  body: string;
  body_html: string;
  tags: string[];
  mention_ids: string[];
  reply_count: number;
  score: number;
  accepted_reply_id: string | null;
  last_activity_at: Date;
  edited_at: Date | null;
  locked_at: Date | null;
  hidden_at: Date | null;
  deleted_at: Date | null;
  created_at: Date;
}

export function toThreadModel(row: ThreadRow): ThreadModel {
  return {
    id: row.id,
    spaceId: row.space_id,
    authorId: row.author_id,
    kind: row.kind,
    title: row.title,
    body: row.body,
    bodyHtml: row.body_html,
    tags: row.tags,
    mentionIds: row.mention_ids,
    replyCount: row.reply_count,
    score: row.score,
    solved: row.accepted_reply_id !== null,
    acceptedReplyId: row.accepted_reply_id,
    lastActivityAt: row.last_activity_at,
    editedAt: row.edited_at,
    lockedAt: row.locked_at,
    hiddenAt: row.hidden_at,
    hidden: row.hidden_at !== null,
    deletedAt: row.deleted_at,
    createdAt: row.created_at,
  };
}

/** Columns of a reply row (`r`); `accepted` needs its thread joined as `t`. */
export const REPLY_COLUMNS = `r.id, r.thread_id, r.parent_reply_id, r.author_id, r.path, r.depth,
  r.body, r.body_html, r.feedback_worked, r.feedback_would_change, r.feedback_risks,
  r.mention_ids, r.created_at, r.edited_at, r.locked_at, r.hidden_at, r.deleted_at`;

/** REPLY_COLUMNS with `body_html` left null: for a read whose client did not ask for HTML. */
export const REPLY_COLUMNS_WITHOUT_HTML = REPLY_COLUMNS.replace(
  'r.body_html',
  'NULL::text AS body_html',
);

export interface ReplyRow {
  id: string;
  thread_id: string;
  parent_reply_id: string | null;
  author_id: string;
  path: string;
  depth: number;
  body: string;
  body_html: string;
  feedback_worked: string | null;
  feedback_would_change: string | null;
  feedback_risks: string | null;
  mention_ids: string[];
  created_at: Date;
  edited_at: Date | null;
  locked_at: Date | null;
  hidden_at: Date | null;
  deleted_at: Date | null;
  child_count: number;
  accepted: boolean | null;
}

/** A row as this reader sees it: removed replies lose body, author and feedback. */
export function toReplyModel(row: ReplyRow, reader: Reader): ReplyModel {
  const staff = isStaff(reader);
  const removed = row.deleted_at !== null || (!staff && row.hidden_at !== null);
  const feedback =
    !removed && (row.feedback_worked || row.feedback_would_change || row.feedback_risks)
      ? {
          worked: row.feedback_worked,
          wouldChange: row.feedback_would_change,
          risks: row.feedback_risks,
        }
      : null;
  return {
    id: row.id,
    threadId: row.thread_id,
    parentReplyId: row.parent_reply_id,
    depth: row.depth,
    path: row.path,
    childCount: row.child_count,
    body: removed ? null : row.body,
    bodyHtml: removed ? null : row.body_html,
    feedback,
    accepted: !removed && row.accepted === true,
    removed,
    hidden: staff && row.hidden_at !== null,
    createdAt: row.created_at,
    editedAt: removed ? null : row.edited_at,
    lockedAt: row.locked_at,
    hiddenAt: staff ? row.hidden_at : null,
    authorId: removed ? null : row.author_id,
    mentionIds: removed ? [] : row.mention_ids,
  };
}
