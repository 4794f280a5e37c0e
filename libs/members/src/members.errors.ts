import { DomainError, DomainErrorOptions, PublicErrorCode } from '@app/core';

export enum MembersErrorCode {
  INVALID_TAG = 'INVALID_TAG',
  TOO_MANY_TAGS = 'TOO_MANY_TAGS',
  NOT_ALLOWED = 'NOT_ALLOWED',
  MEMBER_NOT_FOUND = 'MEMBER_NOT_FOUND',
  WRONG_PASSWORD = 'WRONG_PASSWORD',
}

export class MembersError extends DomainError<MembersErrorCode> {
  protected readonly publicCodes: Record<MembersErrorCode, PublicErrorCode> = {
    INVALID_TAG: 'BAD_USER_INPUT',
    TOO_MANY_TAGS: 'BAD_USER_INPUT',
    NOT_ALLOWED: 'FORBIDDEN',
    MEMBER_NOT_FOUND: 'NOT_FOUND',
    WRONG_PASSWORD: 'BAD_USER_INPUT',
  };

  constructor(code: MembersErrorCode, message: string, options?: DomainErrorOptions) {
    super(code, message, options);
  }
}
