import { NotificationKind, isNotificationKind } from './notification-kind';

/** What a library passes to `notify`: the text shown, where it leads, and who caused it. */
export interface NotificationPayload {
  title: string;
  /** An in-app path such as `/threads/<id>`; null when there is nowhere to go. */
  link?: string | null;
  /** The member whose action caused it; null for system notices. */
  actorId?: string | null;
}

export const TITLE_MAX_LENGTH = 300;
export const LINK_MAX_LENGTH = 2000;

/** A notification ready to store: validated, title shortened to fit its column. */
export interface PendingNotification {
  recipientId: string;
  kind: NotificationKind;
  title: string;
  link: string | null;
  actorId: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

/**
 * Checks what a calling library sent. Bad ids, kinds or links are programming errors in the
 * caller (plain errors, logged as unexpected); a long title is user text and is shortened.
 */
export function toPendingNotification(
  recipientId: string,
  kind: NotificationKind,
  payload: NotificationPayload,
): PendingNotification {
  if (!isUuid(recipientId)) throw new TypeError(`notify: recipient "${recipientId}" is not a uuid`);
  if (!isNotificationKind(kind)) throw new TypeError(`notify: unknown kind "${String(kind)}"`);
  const actorId = payload.actorId ?? null;
  if (actorId !== null && !isUuid(actorId)) {
    throw new TypeError(`notify: actor "${actorId}" is not a uuid`);
  }
  const title = payload.title.replace(/\s+/g, ' ').trim();
  if (!title) throw new TypeError('notify: the title is empty');
  const link = payload.link?.trim() || null;
  if (link !== null && link.length > LINK_MAX_LENGTH) {
    throw new TypeError(`notify: the link is longer than ${LINK_MAX_LENGTH} characters`);
  }
  return {
    recipientId: recipientId.toLowerCase(),
    kind,
    title: shorten(title, TITLE_MAX_LENGTH),
    link,
    // Lower-case like PostgreSQL's own output, so "is this my own action?" compares like with like.
    actorId: actorId?.toLowerCase() ?? null,
  };
}

/** Cuts at a code point boundary and marks the cut with an ellipsis. */
export function shorten(text: string, max: number): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  return `${chars
    .slice(0, max - 1)
    .join('')
    .trimEnd()}…`;
}
