/** The only codes a client ever sees in `extensions.code` (GraphQL) or `error.code` (/live acks). */
export const PUBLIC_ERROR_CODES = [
  'BAD_USER_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'RATE_LIMITED',
] as const;
export type PublicErrorCode = (typeof PUBLIC_ERROR_CODES)[number];

/** Field path (e.g. `input.email`) to the messages that say what is wrong with it. */
export type FieldErrors = Record<string, string[]>;

export interface DomainErrorOptions {
  fields?: FieldErrors;
  retryAfterSeconds?: number;
}

/**
 * Base of every domain's error class. A domain declares its own code enum and an exhaustive
 * `Record<Code, PublicErrorCode>`: the compiler then rejects a code that is not mapped.
 */
export abstract class DomainError<C extends string = string> extends Error {
  readonly fields?: FieldErrors;
  readonly retryAfterSeconds?: number;

  protected constructor(
    readonly code: C,
    message: string,
    options: DomainErrorOptions = {},
  ) {
    super(message);
    this.name = new.target.name;
    this.fields = options.fields;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }

  protected abstract readonly publicCodes: Record<C, PublicErrorCode>;

  get publicCode(): PublicErrorCode {
    return this.publicCodes[this.code];
  }
}

export enum CoreErrorCode {
  VALIDATION_FAILED = 'VALIDATION_FAILED',
  QUERY_TOO_COMPLEX = 'QUERY_TOO_COMPLEX',
  NOT_SIGNED_IN = 'NOT_SIGNED_IN',
  INVALID_CREDENTIALS = 'INVALID_CREDENTIALS',
  INVALID_TOKEN = 'INVALID_TOKEN',
  ROLE_REQUIRED = 'ROLE_REQUIRED',
  SUSPENDED = 'SUSPENDED',
  NOT_FOUND = 'NOT_FOUND',
  EMAIL_TAKEN = 'EMAIL_TAKEN',
  HANDLE_TAKEN = 'HANDLE_TAKEN',
  WRONG_PASSWORD = 'WRONG_PASSWORD',
  RESET_TOKEN_INVALID = 'RESET_TOKEN_INVALID',
  RATE_LIMITED = 'RATE_LIMITED',
}

export class CoreError extends DomainError<CoreErrorCode> {
  protected readonly publicCodes: Record<CoreErrorCode, PublicErrorCode> = {
    VALIDATION_FAILED: 'BAD_USER_INPUT',
    QUERY_TOO_COMPLEX: 'BAD_USER_INPUT',
    NOT_SIGNED_IN: 'UNAUTHENTICATED',
    INVALID_CREDENTIALS: 'UNAUTHENTICATED',
    INVALID_TOKEN: 'UNAUTHENTICATED',
    ROLE_REQUIRED: 'FORBIDDEN',
    SUSPENDED: 'FORBIDDEN',
    NOT_FOUND: 'NOT_FOUND',
    EMAIL_TAKEN: 'CONFLICT',
    HANDLE_TAKEN: 'CONFLICT',
    WRONG_PASSWORD: 'BAD_USER_INPUT',
    RESET_TOKEN_INVALID: 'BAD_USER_INPUT',
    RATE_LIMITED: 'RATE_LIMITED',
  };

  constructor(code: CoreErrorCode, message: string, options?: DomainErrorOptions) {
    super(code, message, options);
  }

  static invalid(fields: FieldErrors, message?: string): CoreError {
    const first = Object.entries(fields)[0];
    return new CoreError(
      CoreErrorCode.VALIDATION_FAILED,
      message ?? (first ? `${first[0]}: ${first[1][0]}` : 'The input is not valid.'),
      { fields },
    );
  }
}
