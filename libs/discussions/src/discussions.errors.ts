import { DomainError, DomainErrorOptions, PublicErrorCode } from '@app/core';

export enum DiscussionsErrorCode {
  SPACE_NOT_FOUND = 'SPACE_NOT_FOUND',
  SPACE_SLUG_TAKEN = 'SPACE_SLUG_TAKEN',
  THREAD_NOT_FOUND = 'THREAD_NOT_FOUND',
  REPLY_NOT_FOUND = 'REPLY_NOT_FOUND',
  NOT_ALLOWED = 'NOT_ALLOWED',
  NOT_AUTHOR = 'NOT_AUTHOR',
  NOT_ASKER = 'NOT_ASKER',
  THREAD_LOCKED = 'THREAD_LOCKED',
  REPLY_LOCKED = 'REPLY_LOCKED',
  PARENT_IN_OTHER_THREAD = 'PARENT_IN_OTHER_THREAD',
  PARENT_REMOVED = 'PARENT_REMOVED',
  TOO_DEEP = 'TOO_DEEP',
  TOO_MANY_REPLIES = 'TOO_MANY_REPLIES',
  FEEDBACK_EMPTY = 'FEEDBACK_EMPTY',
  NOT_A_QUESTION = 'NOT_A_QUESTION',
  INVALID_TEXT = 'INVALID_TEXT',
  NOTHING_TO_CHANGE = 'NOTHING_TO_CHANGE',
  INVALID_CURSOR = 'INVALID_CURSOR',
}

export class DiscussionsError extends DomainError<DiscussionsErrorCode> {
  protected readonly publicCodes: Record<DiscussionsErrorCode, PublicErrorCode> = {
    SPACE_NOT_FOUND: 'NOT_FOUND',
    SPACE_SLUG_TAKEN: 'CONFLICT',
    THREAD_NOT_FOUND: 'NOT_FOUND',
    REPLY_NOT_FOUND: 'NOT_FOUND',
    NOT_ALLOWED: 'FORBIDDEN',
    NOT_AUTHOR: 'FORBIDDEN',
    NOT_ASKER: 'FORBIDDEN',
    THREAD_LOCKED: 'FORBIDDEN',
    REPLY_LOCKED: 'FORBIDDEN',
    PARENT_IN_OTHER_THREAD: 'BAD_USER_INPUT',
    PARENT_REMOVED: 'BAD_USER_INPUT',
    TOO_DEEP: 'BAD_USER_INPUT',
    TOO_MANY_REPLIES: 'CONFLICT',
    FEEDBACK_EMPTY: 'BAD_USER_INPUT',
    NOT_A_QUESTION: 'BAD_USER_INPUT',
    INVALID_TEXT: 'BAD_USER_INPUT',
    NOTHING_TO_CHANGE: 'BAD_USER_INPUT',
    INVALID_CURSOR: 'BAD_USER_INPUT',
  };

  constructor(code: DiscussionsErrorCode, message: string, options?: DomainErrorOptions) {
    super(code, message, options);
  }

  static threadNotFound(): DiscussionsError {
    return new DiscussionsError(
      DiscussionsErrorCode.THREAD_NOT_FOUND,
      'No such thread, or you cannot see it: check the id, or sign in if it is in a members-only space.',
    );
  }

  static replyNotFound(): DiscussionsError {
    return new DiscussionsError(
      DiscussionsErrorCode.REPLY_NOT_FOUND,
      'No such reply, or you cannot see it: check the id (it may have been deleted).',
    );
  }

  static notAuthor(what: 'thread' | 'reply'): DiscussionsError {
    return new DiscussionsError(
      DiscussionsErrorCode.NOT_AUTHOR,
      `Only the author may change or delete this ${what}; flag it to a moderator instead.`,
    );
  }

  static invalid(code: DiscussionsErrorCode, field: string, problem: string, message: string) {
    return new DiscussionsError(code, message, { fields: { [field]: [problem] } });
  }
}

/** A unique index refused the write (PostgreSQL 23505 on `constraint`). */
export function isUniqueViolation(error: unknown, constraint: string): boolean {
  const driverError = (error as { driverError?: { code?: string; constraint?: string } })
    .driverError;
  return driverError?.code === '23505' && driverError.constraint === constraint;
}
