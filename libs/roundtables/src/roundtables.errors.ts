import { DomainError, DomainErrorOptions, FieldErrors, PublicErrorCode } from '@app/core';

export enum RoundtablesErrorCode {
  ROUNDTABLE_NOT_FOUND = 'ROUNDTABLE_NOT_FOUND',
  QUESTION_NOT_FOUND = 'QUESTION_NOT_FOUND',
  INVALID_INPUT = 'INVALID_INPUT',
  INVALID_CURSOR = 'INVALID_CURSOR',
  NOT_A_FACILITATOR = 'NOT_A_FACILITATOR',
  NOT_REGISTERED = 'NOT_REGISTERED',
  WRONG_STATE = 'WRONG_STATE',
  FACILITATORS_NEED_NO_SEAT = 'FACILITATORS_NEED_NO_SEAT',
  TOO_MANY_QUESTIONS = 'TOO_MANY_QUESTIONS',
  ALREADY_VOTED = 'ALREADY_VOTED',
  CALENDAR_NOT_FOUND = 'CALENDAR_NOT_FOUND',
}

export class RoundtablesError extends DomainError<RoundtablesErrorCode> {
  protected readonly publicCodes: Record<RoundtablesErrorCode, PublicErrorCode> = {
    ROUNDTABLE_NOT_FOUND: 'NOT_FOUND',
    QUESTION_NOT_FOUND: 'NOT_FOUND',
    INVALID_INPUT: 'BAD_USER_INPUT',
    INVALID_CURSOR: 'BAD_USER_INPUT',
    NOT_A_FACILITATOR: 'FORBIDDEN',
    NOT_REGISTERED: 'FORBIDDEN',
    // Acting on a session in the wrong state (cancelling an ended one, say) is a bad request,
    // as the live room answers joining an ended session.
    WRONG_STATE: 'BAD_USER_INPUT',
    FACILITATORS_NEED_NO_SEAT: 'BAD_USER_INPUT',
    TOO_MANY_QUESTIONS: 'BAD_USER_INPUT',
    ALREADY_VOTED: 'CONFLICT',
    CALENDAR_NOT_FOUND: 'NOT_FOUND',
  };

  constructor(code: RoundtablesErrorCode, message: string, options?: DomainErrorOptions) {
    super(code, message, options);
  }

  /** Input refused by a rule that needs more than one field or the database. */
  static invalid(fields: FieldErrors): RoundtablesError {
    const entries = Object.entries(fields);
    const message = entries.map(([path, messages]) => `${path} ${messages[0]}`).join('; ');
    return new RoundtablesError(RoundtablesErrorCode.INVALID_INPUT, `${message}.`, { fields });
  }

  static notFound(id: string): RoundtablesError {
    return new RoundtablesError(
      RoundtablesErrorCode.ROUNDTABLE_NOT_FOUND,
      `No roundtable has the id "${id}". Find one with the \`roundtables\` query.`,
    );
  }
}
