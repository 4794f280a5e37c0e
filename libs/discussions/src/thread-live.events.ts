import { ThreadEventKind } from './thread-event.entity';

/** Server → client events of live threads on /live, and how rows become them. */
export const THREAD_REPLY_EVENT = 'thread.reply';
export const THREAD_EDIT_EVENT = 'thread.edit';
export const THREAD_REACTION_EVENT = 'thread.reaction';

/** Members watching a thread; staff (moderators, admins) watch in their own room. */
export const threadRoom = (threadId: string) => `thread:${threadId}`;
export const threadStaffRoom = (threadId: string) => `thread:${threadId}:staff`;

export interface LiveAuthor {
  id: string;
  handle: string;
  displayName: string;
}

/** A reply as live events show it: a removed one (deleted, or hidden from members) has no content. */
export interface LiveReply {
  id: string;
  parentReplyId: string | null;
  depth: number;
  body: string | null;
  bodyHtml: string | null;
  feedback: { worked: string | null; wouldChange: string | null; risks: string | null } | null;
  author: LiveAuthor | null;
  accepted: boolean;
  removed: boolean;
  hidden: boolean;
  createdAt: string;
  editedAt: string | null;
  lockedAt: string | null;
}

export interface LiveThread {
  id: string;
  title: string | null;
  body: string | null;
  bodyHtml: string | null;
  tags: string[];
  solved: boolean;
  acceptedReplyId: string | null;
  removed: boolean;
  hidden: boolean;
  editedAt: string | null;
  lockedAt: string | null;
}

interface ThreadEventBase {
  threadId: string;
  /** Increases with every event of the thread, in commit order. */
  eventId: number;
}

export interface ThreadReplyEvent extends ThreadEventBase {
  reply: LiveReply;
}

/** The thread (`replyId` null) or one reply changed: edited, deleted, hidden, locked, accepted. */
export interface ThreadEditEvent extends ThreadEventBase {
  replyId: string | null;
  thread: LiveThread | null;
  reply: LiveReply | null;
}

export interface ThreadReactionEvent extends ThreadEventBase {
  /** Null: a reaction to the thread itself. */
  replyId: string | null;
  reactions: Array<{ kind: string; count: number }>;
}

/** What this library sends to clients on /live. */
export interface ThreadLiveServerEvents {
  [THREAD_REPLY_EVENT]: (event: ThreadReplyEvent) => void;
  [THREAD_EDIT_EVENT]: (event: ThreadEditEvent) => void;
  [THREAD_REACTION_EVENT]: (event: ThreadReactionEvent) => void;
}

export type LiveThreadEvent =
  | { event: typeof THREAD_REPLY_EVENT; data: ThreadReplyEvent }
  | { event: typeof THREAD_EDIT_EVENT; data: ThreadEditEvent }
  | { event: typeof THREAD_REACTION_EVENT; data: ThreadReactionEvent };

/** One stored event with the current state of what it is about (thread-events.service). */
export interface ThreadEventRow {
  thread_id: string;
  event_id: number;
  kind: ThreadEventKind;
  reply_id: string | null;
  data: { reactions: Array<{ kind: string; count: number }> } | null;
  t_author_id: string;
  t_title: string;
  t_body: string;
  t_body_html: string;
  t_tags: string[];
  t_accepted_reply_id: string | null;
  t_edited_at: Date | null;
  t_locked_at: Date | null;
  t_hidden_at: Date | null;
  t_deleted_at: Date | null;
  r_parent_reply_id: string | null;
  r_parent_author_id: string | null;
  r_depth: number | null;
  r_body: string | null;
  r_body_html: string | null;
  r_feedback_worked: string | null;
  r_feedback_would_change: string | null;
  r_feedback_risks: string | null;
  r_mention_ids: string[] | null;
  r_created_at: Date | null;
  r_edited_at: Date | null;
  r_locked_at: Date | null;
  r_hidden_at: Date | null;
  r_deleted_at: Date | null;
  a_id: string | null;
  a_handle: string | null;
  a_display_name: string | null;
}

const iso = (date: Date | null) => (date ? date.toISOString() : null);

function liveReply(row: ThreadEventRow, staff: boolean): LiveReply {
  const removed = row.r_deleted_at !== null || (!staff && row.r_hidden_at !== null);
  const hasFeedback = row.r_feedback_worked || row.r_feedback_would_change || row.r_feedback_risks;
  return {
    id: row.reply_id as string,
    parentReplyId: row.r_parent_reply_id,
    depth: row.r_depth ?? 0,
    body: removed ? null : row.r_body,
    bodyHtml: removed ? null : row.r_body_html,
    feedback:
      removed || !hasFeedback
        ? null
        : {
            worked: row.r_feedback_worked,
            wouldChange: row.r_feedback_would_change,
            risks: row.r_feedback_risks,
          },
    author:
      removed || !row.a_id
        ? null
        : { id: row.a_id, handle: row.a_handle ?? '', displayName: row.a_display_name ?? '' },
    accepted: !removed && row.t_accepted_reply_id === row.reply_id,
    removed,
    hidden: staff && row.r_hidden_at !== null,
    createdAt: iso(row.r_created_at) ?? '',
    editedAt: removed ? null : iso(row.r_edited_at),
    lockedAt: iso(row.r_locked_at),
  };
}

function liveThread(row: ThreadEventRow, removed: boolean, staff: boolean): LiveThread {
  return {
    id: row.thread_id,
    title: removed ? null : row.t_title,
    body: removed ? null : row.t_body,
    bodyHtml: removed ? null : row.t_body_html,
    tags: removed ? [] : row.t_tags,
    solved: row.t_accepted_reply_id !== null,
    acceptedReplyId: removed ? null : row.t_accepted_reply_id,
    removed,
    hidden: staff && row.t_hidden_at !== null,
    editedAt: removed ? null : iso(row.t_edited_at),
    lockedAt: iso(row.t_locked_at),
  };
}

/**
 * An event as one audience may see it, from the current rows: content that is deleted, or
 * hidden from members, is never in it. Null: this audience gets nothing (a reaction to a removed
 * reply; anything but the removal notice of a thread they can no longer see).
 */
export function toLiveEvent(row: ThreadEventRow, staff: boolean): LiveThreadEvent | null {
  const base = { threadId: row.thread_id, eventId: row.event_id };
  const threadGone = row.t_deleted_at !== null || (!staff && row.t_hidden_at !== null);
  if (threadGone) {
    if (row.kind !== ThreadEventKind.EDIT || row.reply_id !== null) return null;
    return {
      event: THREAD_EDIT_EVENT,
      data: { ...base, replyId: null, thread: liveThread(row, true, staff), reply: null },
    };
  }
  switch (row.kind) {
    case ThreadEventKind.REPLY:
      if (!row.reply_id) return null;
      return { event: THREAD_REPLY_EVENT, data: { ...base, reply: liveReply(row, staff) } };
    case ThreadEventKind.EDIT:
      return {
        event: THREAD_EDIT_EVENT,
        data: row.reply_id
          ? { ...base, replyId: row.reply_id, thread: null, reply: liveReply(row, staff) }
          : { ...base, replyId: null, thread: liveThread(row, false, staff), reply: null },
      };
    case ThreadEventKind.REACTION: {
      if (row.reply_id && liveReply(row, staff).removed) return null;
      return {
        event: THREAD_REACTION_EVENT,
        data: { ...base, replyId: row.reply_id, reactions: row.data?.reactions ?? [] },
      };
    }
  }
}
