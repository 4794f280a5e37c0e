import { WebSocketGateway, WebSocketServer } from '@nestjs/websockets';
import type { Namespace } from 'socket.io';
import { LIVE_NAMESPACE, memberRoom } from '@app/core';
import { NotificationKind } from './notification-kind';

export const NOTIFICATION_EVENT = 'member.notification';

/** A new notification as pushed on /live; the same fields as the GraphQL `Notification`. */
export interface LiveNotification {
  id: string;
  kind: NotificationKind;
  title: string;
  link: string | null;
  /** ISO 8601, UTC. */
  createdAt: string;
  actor: { id: string; handle: string; displayName: string } | null;
}

/** What this library sends to clients on /live. */
export interface NotificationsServerEvents {
  [NOTIFICATION_EVENT]: (notification: LiveNotification) => void;
}

/**
 * Pushes to the recipient's room on /live (core authenticates the handshake and joins
 * `member:<id>`); this gateway only sends, clients send it nothing.
 */
@WebSocketGateway({ namespace: LIVE_NAMESPACE })
export class NotificationsGateway {
  @WebSocketServer()
  server: Namespace<Record<string, never>, NotificationsServerEvents>;

  send(recipientId: string, notification: LiveNotification): void {
    this.server.to(memberRoom(recipientId)).emit(NOTIFICATION_EVENT, notification);
  }
}
