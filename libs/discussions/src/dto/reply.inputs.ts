import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { Transform, Type } from 'class-transformer';
import {
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { IDEMPOTENCY_KEY, MAX_BODY_LENGTH, NOT_BLANK } from './thread.inputs';
import { trim } from './space.inputs';

export const MAX_FEEDBACK_LENGTH = 1000;

/** Each part optional, at least one given (checked by the service). */
@InputType()
export class FeedbackInput {
  @Field({ nullable: true, description: 'What worked for you (≤ 1,000 characters).' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(MAX_FEEDBACK_LENGTH)
  worked?: string;

  @Field({ nullable: true, description: 'What you would change (≤ 1,000 characters).' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(MAX_FEEDBACK_LENGTH)
  wouldChange?: string;

  @Field({ nullable: true, description: 'Risks to watch (≤ 1,000 characters).' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(MAX_FEEDBACK_LENGTH)
  risks?: string;
}

@InputType()
export class PostReplyInput {
  @Field(() => ID)
  @IsUUID('all')
  threadId: string;

  @Field(() => ID, { nullable: true, description: 'The reply answered; none for top level.' })
  @IsOptional()
  @IsUUID('all')
  parentReplyId?: string;

  @Field({ description: 'Markdown, at most 40,000 characters.' })
  @IsString()
  @MaxLength(MAX_BODY_LENGTH)
  @Matches(NOT_BLANK, { message: 'must not be blank' })
  body: string;

  @Field(() => FeedbackInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => FeedbackInput)
  feedback?: FeedbackInput;

  @Field({
    nullable: true,
    description: 'Sending the same key again returns the first reply instead of a duplicate.',
  })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  @Matches(IDEMPOTENCY_KEY, { message: 'must be printable ASCII without spaces' })
  idempotencyKey?: string;
}

/** Only what is sent changes. */
@InputType()
export class EditReplyInput {
  @Field(() => ID)
  @IsUUID('all')
  id: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_BODY_LENGTH)
  @Matches(NOT_BLANK, { message: 'must not be blank' })
  body?: string;

  @Field(() => FeedbackInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => FeedbackInput)
  feedback?: FeedbackInput;
}

@ArgsType()
export class ReplyIdArgs {
  @Field(() => ID)
  @IsUUID('all')
  id: string;
}

@ArgsType()
export class AcceptAnswerArgs {
  @Field(() => ID)
  @IsUUID('all')
  replyId: string;
}
