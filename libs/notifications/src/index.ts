export { NotificationsModule } from './notifications.module';
export { NotificationsService } from './notifications.service';
export { NotificationKind } from './notification-kind';
export type { NotificationPayload } from './notification-payload';
export { NOTIFICATION_EVENT } from './notifications.gateway';
export type { LiveNotification, NotificationsServerEvents } from './notifications.gateway';
export { NotificationRetention } from './notification-retention';
