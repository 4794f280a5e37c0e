import { DomainError, DomainErrorOptions, FieldErrors, PublicErrorCode } from '@app/core';

/** Refusals of what happens in a live room (queue, floor, agenda, Q&A, takeaways, polls, reactions). */
export enum RoomActivityErrorCode {
  NOT_LIVE = 'NOT_LIVE',
  INVALID_INPUT = 'INVALID_INPUT',
  QUEUE_EMPTY = 'QUEUE_EMPTY',
  NO_SPEAKER = 'NO_SPEAKER',
  ALREADY_SPEAKING = 'ALREADY_SPEAKING',
  SPEAKER_NOT_IN_ROOM = 'SPEAKER_NOT_IN_ROOM',
  AGENDA_FINISHED = 'AGENDA_FINISHED',
  AGENDA_MOVED = 'AGENDA_MOVED',
  QUESTION_NOT_FOUND = 'QUESTION_NOT_FOUND',
  ALREADY_UPVOTED = 'ALREADY_UPVOTED',
  TAKEAWAY_NOT_FOUND = 'TAKEAWAY_NOT_FOUND',
  POLL_NOT_FOUND = 'POLL_NOT_FOUND',
  POLL_CLOSED = 'POLL_CLOSED',
  ALREADY_VOTED = 'ALREADY_VOTED',
  MESSAGE_NOT_FOUND = 'MESSAGE_NOT_FOUND',
}

export class RoomActivityError extends DomainError<RoomActivityErrorCode> {
  protected readonly publicCodes: Record<RoomActivityErrorCode, PublicErrorCode> = {
    // A lobby takes chat and presence only: asking for more is a bad request, not a rights issue.
    NOT_LIVE: 'BAD_USER_INPUT',
    INVALID_INPUT: 'BAD_USER_INPUT',
    QUEUE_EMPTY: 'BAD_USER_INPUT',
    NO_SPEAKER: 'BAD_USER_INPUT',
    ALREADY_SPEAKING: 'BAD_USER_INPUT',
    SPEAKER_NOT_IN_ROOM: 'BAD_USER_INPUT',
    AGENDA_FINISHED: 'BAD_USER_INPUT',
    // Another facilitator advanced first: retrying blindly would skip an item.
    AGENDA_MOVED: 'CONFLICT',
    QUESTION_NOT_FOUND: 'NOT_FOUND',
    ALREADY_UPVOTED: 'CONFLICT',
    TAKEAWAY_NOT_FOUND: 'NOT_FOUND',
    POLL_NOT_FOUND: 'NOT_FOUND',
    POLL_CLOSED: 'BAD_USER_INPUT',
    ALREADY_VOTED: 'CONFLICT',
    MESSAGE_NOT_FOUND: 'NOT_FOUND',
  };

  constructor(code: RoomActivityErrorCode, message: string, options?: DomainErrorOptions) {
    super(code, message, options);
  }

  static invalid(fields: FieldErrors): RoomActivityError {
    const message = Object.entries(fields)
      .map(([path, messages]) => `${path} ${messages[0]}`)
      .join('; ');
    return new RoomActivityError(RoomActivityErrorCode.INVALID_INPUT, `${message}.`, { fields });
  }
}
