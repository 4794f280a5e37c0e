import { DomainError, DomainErrorOptions, PublicErrorCode } from '@app/core';

export enum SearchErrorCode {
  QUERY_EMPTY = 'QUERY_EMPTY',
  QUERY_TOO_LONG = 'QUERY_TOO_LONG',
  INVALID_FILTER = 'INVALID_FILTER',
  INVALID_CURSOR = 'INVALID_CURSOR',
}

export class SearchError extends DomainError<SearchErrorCode> {
  protected readonly publicCodes: Record<SearchErrorCode, PublicErrorCode> = {
    QUERY_EMPTY: 'BAD_USER_INPUT',
    QUERY_TOO_LONG: 'BAD_USER_INPUT',
    INVALID_FILTER: 'BAD_USER_INPUT',
    INVALID_CURSOR: 'BAD_USER_INPUT',
  };

  constructor(code: SearchErrorCode, message: string, options?: DomainErrorOptions) {
    super(code, message, options);
  }
}
