import { DomainError, DomainErrorOptions, PublicErrorCode } from '@app/core';

export enum NotificationsErrorCode {
  KIND_ALWAYS_ON = 'KIND_ALWAYS_ON',
  INVALID_CURSOR = 'INVALID_CURSOR',
}

export class NotificationsError extends DomainError<NotificationsErrorCode> {
  protected readonly publicCodes: Record<NotificationsErrorCode, PublicErrorCode> = {
    KIND_ALWAYS_ON: 'BAD_USER_INPUT',
    INVALID_CURSOR: 'BAD_USER_INPUT',
  };

  constructor(code: NotificationsErrorCode, message: string, options?: DomainErrorOptions) {
    super(code, message, options);
  }
}
