import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { Transform } from 'class-transformer';
import { IsBoolean, IsEnum, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { ReactionKind } from '../reaction-kind';

/** Exactly one of threadId and replyId (checked by the service). */
@InputType()
export class ToggleReactionInput {
  @Field(() => ID, { nullable: true, description: 'React to this thread…' })
  @IsOptional()
  @IsUUID('all')
  threadId?: string;

  @Field(() => ID, { nullable: true, description: '…or to this reply.' })
  @IsOptional()
  @IsUUID('all')
  replyId?: string;

  @Field(() => ReactionKind)
  @IsEnum(ReactionKind)
  kind: ReactionKind;
}

@ArgsType()
export class RateFeedbackArgs {
  @Field(() => ID)
  @IsUUID('all')
  replyId: string;

  @Field(() => Boolean, {
    nullable: true,
    description: 'true: useful, false: not useful, null: take the rating back.',
  })
  @IsOptional()
  @IsBoolean()
  useful?: boolean | null;
}

@ArgsType()
export class ThreadRefArgs {
  @Field(() => ID)
  @IsUUID('all')
  threadId: string;
}

@ArgsType()
export class InvitePeerArgs {
  @Field(() => ID)
  @IsUUID('all')
  threadId: string;

  @Field({ description: 'The peer’s handle, with or without the @.' })
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.trim().replace(/^@/, '').toLowerCase() : value,
  )
  @IsString()
  @Length(1, 40)
  handle: string;
}
