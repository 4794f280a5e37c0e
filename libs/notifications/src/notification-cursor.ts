import { decodeCursor, encodeCursor } from '@app/core';
import { isUuid } from './notification-payload';
import { NotificationsError, NotificationsErrorCode } from './notifications.errors';

/**
 * The keyset position (created_at DESC, id DESC). `createdAt` is PostgreSQL's own text in UTC
 * with microseconds: a JS Date keeps only milliseconds, and rows in one millisecond would be
 * skipped or repeated across pages.
 */
export interface NotificationPosition {
  createdAt: string;
  id: string;
}

const MICROSECOND_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

export function encodeNotificationCursor(position: NotificationPosition): string {
  return encodeCursor([position.createdAt, position.id]);
}

export function decodeNotificationCursor(cursor: string): NotificationPosition {
  const [createdAt, id] = decodeCursor(cursor, 2);
  if (typeof createdAt === 'string' && MICROSECOND_UTC.test(createdAt) && isUuid(id)) {
    return { createdAt, id };
  }
  throw new NotificationsError(
    NotificationsErrorCode.INVALID_CURSOR,
    'The `after` cursor is not from the notifications list: use an endCursor or edge cursor from it.',
    { fields: { after: ['is not a cursor from this list'] } },
  );
}
