import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountSecurityListener } from './account-security.listener';
import { NotificationPreferenceEntity } from './notification-preference.entity';
import { NotificationEntity } from './notification.entity';
import { NotificationsGateway } from './notifications.gateway';
import { NotificationsResolver } from './notifications.resolver';
import { NotificationRetention } from './notification-retention';
import { NotificationsService } from './notifications.service';

/** The notification inbox: other libraries call NotificationsService.notify. */
@Module({
  imports: [TypeOrmModule.forFeature([NotificationEntity, NotificationPreferenceEntity])],
  providers: [
    NotificationsService,
    NotificationsResolver,
    NotificationsGateway,
    AccountSecurityListener,
    NotificationRetention,
  ],
  exports: [NotificationsService],
})
export class NotificationsModule {}
