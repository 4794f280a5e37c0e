import { registerEnumType } from '@nestjs/graphql';

/** What a notification is about; each kind can be switched off except ACCOUNT_SECURITY. */
export enum NotificationKind {
  ACCOUNT_SECURITY = 'ACCOUNT_SECURITY',
  REPLY_TO_THREAD = 'REPLY_TO_THREAD',
  REPLY_TO_REPLY = 'REPLY_TO_REPLY',
  MENTION = 'MENTION',
  PEER_INVITATION = 'PEER_INVITATION',
  ANSWER_ACCEPTED = 'ANSWER_ACCEPTED',
  FOLLOWED_THREAD_ACTIVITY = 'FOLLOWED_THREAD_ACTIVITY',
  ROUNDTABLE_CANCELLED = 'ROUNDTABLE_CANCELLED',
  ROUNDTABLE_REMINDER = 'ROUNDTABLE_REMINDER',
  WAITLIST_PROMOTED = 'WAITLIST_PROMOTED',
  MODERATION_ACTION = 'MODERATION_ACTION',
}

registerEnumType(NotificationKind, {
  name: 'NotificationKind',
  description: 'What a notification is about.',
  valuesMap: {
    ACCOUNT_SECURITY: {
      description: 'Password changed or reset. Always on: it cannot be switched off.',
    },
    REPLY_TO_THREAD: { description: 'Someone replied to a thread you started.' },
    REPLY_TO_REPLY: { description: 'Someone replied to your reply.' },
    MENTION: { description: 'Someone mentioned you.' },
    PEER_INVITATION: { description: 'A peer invited you.' },
    ANSWER_ACCEPTED: { description: 'Your answer was accepted.' },
    FOLLOWED_THREAD_ACTIVITY: { description: 'New activity in a thread you follow.' },
    ROUNDTABLE_CANCELLED: { description: 'A roundtable you joined was cancelled.' },
    ROUNDTABLE_REMINDER: { description: 'A roundtable you joined starts soon.' },
    WAITLIST_PROMOTED: { description: 'You moved from the waitlist to a seat.' },
    MODERATION_ACTION: { description: 'A moderator acted on your content or account.' },
  },
});

export const NOTIFICATION_KINDS: readonly NotificationKind[] = Object.values(NotificationKind);

/** Kinds a member cannot switch off: security notices must always reach them. */
const ALWAYS_ON: ReadonlySet<NotificationKind> = new Set([NotificationKind.ACCOUNT_SECURITY]);

export function isAlwaysOn(kind: NotificationKind): boolean {
  return ALWAYS_ON.has(kind);
}

export function isNotificationKind(value: unknown): value is NotificationKind {
  return typeof value === 'string' && (NOTIFICATION_KINDS as readonly string[]).includes(value);
}
