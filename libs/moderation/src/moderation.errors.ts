import { DomainError, DomainErrorOptions, PublicErrorCode } from '@app/core';

export enum ModerationErrorCode {
  ONE_TARGET = 'ONE_TARGET',
  TARGET_NOT_FOUND = 'TARGET_NOT_FOUND',
  ITEM_NOT_FOUND = 'ITEM_NOT_FOUND',
  ALREADY_REPORTED = 'ALREADY_REPORTED',
  REPORTING_YOURSELF = 'REPORTING_YOURSELF',
  NOT_A_MODERATOR = 'NOT_A_MODERATOR',
  SUSPENDED = 'SUSPENDED',
  OWN_REPORTS_ONLY = 'OWN_REPORTS_ONLY',
  PROTECTED_MEMBER = 'PROTECTED_MEMBER',
  ACTING_ON_YOURSELF = 'ACTING_ON_YOURSELF',
  NO_CHANGE = 'NO_CHANGE',
  ITEM_RESOLVED = 'ITEM_RESOLVED',
  INVALID_UNTIL = 'INVALID_UNTIL',
  INVALID_CURSOR = 'INVALID_CURSOR',
}

export class ModerationError extends DomainError<ModerationErrorCode> {
  protected readonly publicCodes: Record<ModerationErrorCode, PublicErrorCode> = {
    ONE_TARGET: 'BAD_USER_INPUT',
    TARGET_NOT_FOUND: 'NOT_FOUND',
    ITEM_NOT_FOUND: 'NOT_FOUND',
    ALREADY_REPORTED: 'CONFLICT',
    REPORTING_YOURSELF: 'BAD_USER_INPUT',
    NOT_A_MODERATOR: 'FORBIDDEN',
    SUSPENDED: 'FORBIDDEN',
    OWN_REPORTS_ONLY: 'FORBIDDEN',
    PROTECTED_MEMBER: 'FORBIDDEN',
    ACTING_ON_YOURSELF: 'FORBIDDEN',
    NO_CHANGE: 'CONFLICT',
    ITEM_RESOLVED: 'CONFLICT',
    INVALID_UNTIL: 'BAD_USER_INPUT',
    INVALID_CURSOR: 'BAD_USER_INPUT',
  };

  constructor(code: ModerationErrorCode, message: string, options?: DomainErrorOptions) {
    super(code, message, options);
  }

  static targetNotFound(what: string): ModerationError {
    return new ModerationError(
      ModerationErrorCode.TARGET_NOT_FOUND,
      `No such ${what}, or you cannot see it: check the id (it may have been deleted).`,
    );
  }

  static invalid(code: ModerationErrorCode, field: string, problem: string, message: string) {
    return new ModerationError(code, message, { fields: { [field]: [problem] } });
  }
}
