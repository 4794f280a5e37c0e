import { DomainError, DomainErrorOptions, PublicErrorCode } from '@app/core';

/** Refusals of part B of discussions: reactions, feedback ratings, invitations, live threads. */
export enum EngagementErrorCode {
  TARGET_REQUIRED = 'TARGET_REQUIRED',
  OWN_POST = 'OWN_POST',
  NOT_ASKER = 'NOT_ASKER',
  NO_FEEDBACK = 'NO_FEEDBACK',
  NOT_A_QUESTION = 'NOT_A_QUESTION',
  THREAD_LOCKED = 'THREAD_LOCKED',
  MEMBER_NOT_FOUND = 'MEMBER_NOT_FOUND',
  SELF_INVITATION = 'SELF_INVITATION',
  ALREADY_INVITED = 'ALREADY_INVITED',
  INVITATION_LIMIT = 'INVITATION_LIMIT',
  THREAD_HIDDEN = 'THREAD_HIDDEN',
  WATCH_LIMIT = 'WATCH_LIMIT',
}

export class EngagementError extends DomainError<EngagementErrorCode> {
  protected readonly publicCodes: Record<EngagementErrorCode, PublicErrorCode> = {
    TARGET_REQUIRED: 'BAD_USER_INPUT',
    OWN_POST: 'FORBIDDEN',
    NOT_ASKER: 'FORBIDDEN',
    NO_FEEDBACK: 'BAD_USER_INPUT',
    NOT_A_QUESTION: 'BAD_USER_INPUT',
    THREAD_LOCKED: 'FORBIDDEN',
    MEMBER_NOT_FOUND: 'NOT_FOUND',
    SELF_INVITATION: 'BAD_USER_INPUT',
    ALREADY_INVITED: 'CONFLICT',
    INVITATION_LIMIT: 'CONFLICT',
    THREAD_HIDDEN: 'FORBIDDEN',
    WATCH_LIMIT: 'CONFLICT',
  };

  constructor(code: EngagementErrorCode, message: string, options?: DomainErrorOptions) {
    super(code, message, options);
  }

  static notAsker(what: string): EngagementError {
    return new EngagementError(
      EngagementErrorCode.NOT_ASKER,
      `Only the member who started the thread may ${what}.`,
    );
  }
}
