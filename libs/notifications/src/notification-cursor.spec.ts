import { encodeCursor } from '@app/core';
import { decodeNotificationCursor, encodeNotificationCursor } from './notification-cursor';
import { NotificationsError } from './notifications.errors';

const POSITION = {
  createdAt: '2026-01-02T03:04:05.123456Z',
  id: '6f1c1a52-8d5e-4c55-9a3c-0b7c2b2a9e01',
};

describe('notification cursors', () => {
  it('round-trips a position with microseconds', () => {
    expect(decodeNotificationCursor(encodeNotificationCursor(POSITION))).toEqual(POSITION);
  });

  it.each([
    ['a millisecond time', encodeCursor(['2026-01-02T03:04:05.123Z', POSITION.id])],
    ['a non-uuid id', encodeCursor([POSITION.createdAt, 'DROP TABLE'])],
    ['a number', encodeCursor([1, POSITION.id])],
  ])('refuses %s as BAD_USER_INPUT', (_what, cursor) => {
    expect(() => decodeNotificationCursor(cursor)).toThrow(NotificationsError);
    try {
      decodeNotificationCursor(cursor);
    } catch (error) {
      expect((error as NotificationsError).publicCode).toBe('BAD_USER_INPUT');
    }
  });
});
