import { Injectable, OnModuleInit } from '@nestjs/common';
import { ServerEvents } from '@app/core';
import { NotificationKind } from './notification-kind';
import { NotificationsService } from './notifications.service';

/** Tells members about changes to how they sign in (core emits; core cannot import us). */
@Injectable()
export class AccountSecurityListener implements OnModuleInit {
  constructor(
    private readonly events: ServerEvents,
    private readonly notifications: NotificationsService,
  ) {}

  onModuleInit(): void {
    this.events.on('account.password-changed', ({ accountId }) =>
      this.notifications.notify(accountId, NotificationKind.ACCOUNT_SECURITY, {
        title: 'Your password was changed and your other sessions were signed out.',
      }),
    );
    this.events.on('account.password-reset-issued', ({ accountId, issuedBy }) =>
      this.notifications.notify(accountId, NotificationKind.ACCOUNT_SECURITY, {
        title: 'An admin issued a password reset link for your account.',
        actorId: issuedBy,
      }),
    );
    this.events.on('account.password-reset', ({ accountId }) =>
      this.notifications.notify(accountId, NotificationKind.ACCOUNT_SECURITY, {
        title: 'Your password was reset and every session was signed out.',
      }),
    );
  }
}
