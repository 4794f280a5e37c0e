import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { POLL_OPTIONS, POLL_OPTION_MAX, POLL_QUESTION_MAX } from './polls.rules';
import { REACTION_EMOJI } from './reactions.rules';

/** What clients send for the room's activities; validated like GraphQL inputs (unknown fields refused). */

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const trimEach = ({ value }: { value: unknown }) =>
  Array.isArray(value)
    ? value.map((item) => (typeof item === 'string' ? item.trim() : item))
    : value;
const MAX_SEQ = 2_147_483_647;

/** `hand.raise`, `floor.end`: the session only. */
export class SessionPayload {
  @IsUUID('all', { message: 'must be a roundtable id' })
  sessionId: string;
}

/** A member's handle, as written after the @ (or with it). */
class HandlePayload extends SessionPayload {
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.trim().replace(/^@/, '') : value,
  )
  @IsString()
  @Matches(/^[a-z0-9][a-z0-9-]{0,39}$/i, { message: 'must be a member handle' })
  handle?: string;
}

/** `hand.lower`: your own hand, or (facilitators) the member named. */
export class HandLowerPayload extends HandlePayload {}

/** `floor.give`: the next in line, or the member named. */
export class FloorGivePayload extends HandlePayload {}

/** `agenda.advance`: `from`, when sent, must be the current item's index. */
export class AgendaAdvancePayload extends SessionPayload {
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100)
  from?: number;
}

/** 3–500 characters, as for questions sent before the session. */
export class QuestionAskPayload extends SessionPayload {
  @Transform(trim)
  @IsString()
  @MinLength(3, { message: 'must be at least 3 characters long' })
  @MaxLength(500)
  text: string;
}

export class QuestionPayload extends SessionPayload {
  @IsUUID('all', { message: 'must be a question id' })
  questionId: string;
}

export class QuestionAnswerPayload extends QuestionPayload {
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'must not be empty (leave it out to mark the question answered)' })
  @MaxLength(2000)
  answer?: string;
}

export class TakeawayAddPayload extends SessionPayload {
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'must not be empty' })
  @MaxLength(500)
  text: string;
}

export class TakeawayPayload extends SessionPayload {
  @IsUUID('all', { message: 'must be a takeaway id' })
  takeawayId: string;
}

/** `takeaway.pin`; `pinned: false` unpins. */
export class TakeawayPinPayload extends TakeawayPayload {
  @IsOptional()
  @IsBoolean()
  pinned?: boolean;
}

export class PollOpenPayload extends SessionPayload {
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'must not be empty' })
  @MaxLength(POLL_QUESTION_MAX)
  question: string;

  @Transform(trimEach)
  @IsArray()
  @ArrayMinSize(POLL_OPTIONS.min, {
    message: `must have ${POLL_OPTIONS.min}–${POLL_OPTIONS.max} options`,
  })
  @ArrayMaxSize(POLL_OPTIONS.max, {
    message: `must have ${POLL_OPTIONS.min}–${POLL_OPTIONS.max} options`,
  })
  @IsString({ each: true })
  @MinLength(1, { each: true, message: 'each option must not be empty' })
  @MaxLength(POLL_OPTION_MAX, { each: true })
  options: string[];
}

export class PollPayload extends SessionPayload {
  @IsUUID('all', { message: 'must be a poll id' })
  pollId: string;
}

export class PollVotePayload extends PollPayload {
  /** The option's 0-based index. */
  @IsInt()
  @Min(0)
  @Max(POLL_OPTIONS.max - 1)
  option: number;
}

/** `reaction.send`: on the room, or on a message (its `seq`). */
export class ReactionSendPayload extends SessionPayload {
  @IsString()
  @IsIn(REACTION_EMOJI, { message: `must be one of ${REACTION_EMOJI.join(' ')}` })
  emoji: string;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_SEQ)
  seq?: number;
}
