import { registerEnumType } from '@nestjs/graphql';

/** What can be reported and acted on. */
export enum ModerationTargetKind {
  THREAD = 'THREAD',
  REPLY = 'REPLY',
  MEMBER = 'MEMBER',
  ROUNDTABLE_MESSAGE = 'ROUNDTABLE_MESSAGE',
}

export enum ModerationItemStatus {
  OPEN = 'OPEN',
  RESOLVED = 'RESOLVED',
}

export enum ReportReason {
  SPAM = 'SPAM',
  HARASSMENT = 'HARASSMENT',
  OFF_TOPIC = 'OFF_TOPIC',
  CONFIDENTIAL = 'CONFIDENTIAL',
  OTHER = 'OTHER',
}

/** The actions moderation writes to the audit log (its `action` column). */
export enum ModerationActionKind {
  HIDE_CONTENT = 'HIDE_CONTENT',
  RESTORE_CONTENT = 'RESTORE_CONTENT',
  LOCK_THREAD = 'LOCK_THREAD',
  UNLOCK_THREAD = 'UNLOCK_THREAD',
  PIN_THREAD = 'PIN_THREAD',
  UNPIN_THREAD = 'UNPIN_THREAD',
  MOVE_THREAD = 'MOVE_THREAD',
  MERGE_THREADS = 'MERGE_THREADS',
  EDIT_THREAD_TAGS = 'EDIT_THREAD_TAGS',
  DISMISS_REPORTS = 'DISMISS_REPORTS',
  SUSPEND_MEMBER = 'SUSPEND_MEMBER',
  LIFT_SUSPENSION = 'LIFT_SUSPENSION',
}

registerEnumType(ModerationTargetKind, {
  name: 'ModerationTargetKind',
  description: 'What a report or a moderation action is about.',
});
registerEnumType(ModerationItemStatus, {
  name: 'ModerationItemStatus',
  valuesMap: {
    OPEN: { description: 'Waiting for a moderator.' },
    RESOLVED: { description: 'Acted on or dismissed; new reports open a new item.' },
  },
});
registerEnumType(ReportReason, {
  name: 'ReportReason',
  valuesMap: {
    SPAM: { description: 'Advertising, scams, repeated junk.' },
    HARASSMENT: { description: 'Attacks, threats or abuse aimed at someone.' },
    OFF_TOPIC: { description: 'Does not belong here.' },
    CONFIDENTIAL: { description: 'Shares something private or under Chatham House rule.' },
    OTHER: { description: 'Anything else: say what in the note.' },
  },
});
