import { HttpException, HttpStatus } from '@nestjs/common';
import { GraphQLError } from 'graphql';
import { DomainError, FieldErrors, PUBLIC_ERROR_CODES, PublicErrorCode } from './domain-error';

/** What leaves the server for a failure: never a stack trace. */
export interface PublicError {
  code: PublicErrorCode | 'INTERNAL_SERVER_ERROR';
  message: string;
  reason?: string;
  fields?: FieldErrors;
  retryAfterSeconds?: number;
}

const HTTP_STATUS_CODES: Partial<Record<number, PublicErrorCode>> = {
  [HttpStatus.BAD_REQUEST]: 'BAD_USER_INPUT',
  [HttpStatus.UNAUTHORIZED]: 'UNAUTHENTICATED',
  [HttpStatus.FORBIDDEN]: 'FORBIDDEN',
  [HttpStatus.NOT_FOUND]: 'NOT_FOUND',
  [HttpStatus.CONFLICT]: 'CONFLICT',
  [HttpStatus.TOO_MANY_REQUESTS]: 'RATE_LIMITED',
};

export const STATUS_FOR_CODE: Record<PublicError['code'], number> = {
  BAD_USER_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  INTERNAL_SERVER_ERROR: 500,
};

function isPublicCode(code: unknown): code is PublicErrorCode {
  return typeof code === 'string' && (PUBLIC_ERROR_CODES as readonly string[]).includes(code);
}

/** Maps any thrown value to what a client may see; `null` means an unexpected failure. */
export function toPublicError(error: unknown): PublicError | null {
  if (error instanceof DomainError) {
    return {
      code: error.publicCode,
      message: error.message,
      reason: error.code,
      fields: error.fields,
      retryAfterSeconds: error.retryAfterSeconds,
    };
  }
  if (error instanceof HttpException) {
    const code = HTTP_STATUS_CODES[error.getStatus()];
    if (!code) return null;
    return { code, message: error.message };
  }
  if (error instanceof GraphQLError && isPublicCode(error.extensions?.code)) {
    return { code: error.extensions.code, message: error.message };
  }
  return null;
}

export const GENERIC_ERROR_MESSAGE =
  'Something went wrong on our side. Please try again; if it keeps happening, report the request id.';
