import { DomainError, DomainErrorOptions, PublicErrorCode } from '@app/core';

export enum ArchiveErrorCode {
  NOT_A_CURATOR = 'NOT_A_CURATOR',
  ADMINS_ONLY = 'ADMINS_ONLY',
  NOT_A_FACILITATOR = 'NOT_A_FACILITATOR',
  COLLECTION_NOT_FOUND = 'COLLECTION_NOT_FOUND',
  ENTRY_NOT_FOUND = 'ENTRY_NOT_FOUND',
  TARGET_NOT_FOUND = 'TARGET_NOT_FOUND',
  RECAP_NOT_FOUND = 'RECAP_NOT_FOUND',
  ROUNDTABLE_NOT_FOUND = 'ROUNDTABLE_NOT_FOUND',
  ONE_TARGET = 'ONE_TARGET',
  SLUG_TAKEN = 'SLUG_TAKEN',
  ALREADY_IN_COLLECTION = 'ALREADY_IN_COLLECTION',
  COLLECTION_FULL = 'COLLECTION_FULL',
  INVALID_POSITION = 'INVALID_POSITION',
  INVALID_REVIEW_BY = 'INVALID_REVIEW_BY',
  NO_CHANGE = 'NO_CHANGE',
  NOT_A_QUESTION = 'NOT_A_QUESTION',
  ALREADY_CANONICAL = 'ALREADY_CANONICAL',
  THREAD_HAS_CANONICAL = 'THREAD_HAS_CANONICAL',
  NOT_CANONICAL = 'NOT_CANONICAL',
  SESSION_NOT_ENDED = 'SESSION_NOT_ENDED',
  NO_RECORD = 'NO_RECORD',
  RECAP_EXISTS = 'RECAP_EXISTS',
  RECAP_NOT_PUBLISHED = 'RECAP_NOT_PUBLISHED',
  QUESTION_NOT_OPEN = 'QUESTION_NOT_OPEN',
  INVALID_IMPORT = 'INVALID_IMPORT',
  INVALID_CURSOR = 'INVALID_CURSOR',
}

/** The archive's refusals; each code maps to exactly one public code (the compiler checks). */
export class ArchiveError extends DomainError<ArchiveErrorCode> {
  protected readonly publicCodes: Record<ArchiveErrorCode, PublicErrorCode> = {
    NOT_A_CURATOR: 'FORBIDDEN',
    ADMINS_ONLY: 'FORBIDDEN',
    NOT_A_FACILITATOR: 'FORBIDDEN',
    COLLECTION_NOT_FOUND: 'NOT_FOUND',
    ENTRY_NOT_FOUND: 'NOT_FOUND',
    TARGET_NOT_FOUND: 'NOT_FOUND',
    RECAP_NOT_FOUND: 'NOT_FOUND',
    ROUNDTABLE_NOT_FOUND: 'NOT_FOUND',
    ONE_TARGET: 'BAD_USER_INPUT',
    SLUG_TAKEN: 'CONFLICT',
    ALREADY_IN_COLLECTION: 'CONFLICT',
    COLLECTION_FULL: 'BAD_USER_INPUT',
    INVALID_POSITION: 'BAD_USER_INPUT',
    INVALID_REVIEW_BY: 'BAD_USER_INPUT',
    NO_CHANGE: 'CONFLICT',
    NOT_A_QUESTION: 'BAD_USER_INPUT',
    ALREADY_CANONICAL: 'CONFLICT',
    THREAD_HAS_CANONICAL: 'CONFLICT',
    NOT_CANONICAL: 'CONFLICT',
    SESSION_NOT_ENDED: 'BAD_USER_INPUT',
    NO_RECORD: 'BAD_USER_INPUT',
    RECAP_EXISTS: 'CONFLICT',
    RECAP_NOT_PUBLISHED: 'BAD_USER_INPUT',
    QUESTION_NOT_OPEN: 'BAD_USER_INPUT',
    INVALID_IMPORT: 'BAD_USER_INPUT',
    INVALID_CURSOR: 'BAD_USER_INPUT',
  };

  constructor(code: ArchiveErrorCode, message: string, options?: DomainErrorOptions) {
    super(code, message, options);
  }

  static field(code: ArchiveErrorCode, field: string, problem: string, message: string) {
    return new ArchiveError(code, message, { fields: { [field]: [problem] } });
  }

  static notACurator(): ArchiveError {
    return new ArchiveError(
      ArchiveErrorCode.NOT_A_CURATOR,
      'Only moderators and admins curate the archive.',
    );
  }

  static collectionNotFound(slug: string): ArchiveError {
    return new ArchiveError(
      ArchiveErrorCode.COLLECTION_NOT_FOUND,
      `No collection "${slug}" that you can see.`,
    );
  }

  static entryNotFound(): ArchiveError {
    return new ArchiveError(
      ArchiveErrorCode.ENTRY_NOT_FOUND,
      'No such collection entry (it may have been removed).',
    );
  }

  static recapNotFound(): ArchiveError {
    return new ArchiveError(ArchiveErrorCode.RECAP_NOT_FOUND, 'No such recap that you can see.');
  }
}
