import { DomainError, DomainErrorOptions, PublicErrorCode } from '@app/core';

export enum RoomErrorCode {
  SESSION_NOT_FOUND = 'SESSION_NOT_FOUND',
  NOT_A_PARTICIPANT = 'NOT_A_PARTICIPANT',
  NOT_IN_ROOM = 'NOT_IN_ROOM',
  NOT_OPEN_YET = 'NOT_OPEN_YET',
  SESSION_CLOSED = 'SESSION_CLOSED',
  REMOVED = 'REMOVED',
  MUTED = 'MUTED',
  ROOM_LOCKED = 'ROOM_LOCKED',
  NOT_A_FACILITATOR = 'NOT_A_FACILITATOR',
  MEMBER_NOT_FOUND = 'MEMBER_NOT_FOUND',
  RECORD_FORBIDDEN = 'RECORD_FORBIDDEN',
  INVALID_INPUT = 'INVALID_INPUT',
}

/** Refusals of the live room; `reason` in the ack's error is the code below. */
export class RoomError extends DomainError<RoomErrorCode> {
  protected readonly publicCodes: Record<RoomErrorCode, PublicErrorCode> = {
    SESSION_NOT_FOUND: 'NOT_FOUND',
    NOT_A_PARTICIPANT: 'FORBIDDEN',
    NOT_IN_ROOM: 'FORBIDDEN',
    // Joining too early or after the end is a bad request, as in the roundtables library.
    NOT_OPEN_YET: 'BAD_USER_INPUT',
    SESSION_CLOSED: 'BAD_USER_INPUT',
    REMOVED: 'FORBIDDEN',
    MUTED: 'FORBIDDEN',
    ROOM_LOCKED: 'FORBIDDEN',
    NOT_A_FACILITATOR: 'FORBIDDEN',
    MEMBER_NOT_FOUND: 'NOT_FOUND',
    RECORD_FORBIDDEN: 'FORBIDDEN',
    INVALID_INPUT: 'BAD_USER_INPUT',
  };

  constructor(code: RoomErrorCode, message: string, options?: DomainErrorOptions) {
    super(code, message, options);
  }

  static notFound(sessionId: string): RoomError {
    return new RoomError(
      RoomErrorCode.SESSION_NOT_FOUND,
      `No roundtable has the id "${sessionId}".`,
    );
  }

  static closed(state: string): RoomError {
    return new RoomError(
      RoomErrorCode.SESSION_CLOSED,
      `This session is ${state}: its room is closed (read its record instead).`,
    );
  }
}
