import { Field, GraphQLISODateTime, ID, InputType } from '@nestjs/graphql';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsDate,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { NOT_BLANK, RoundtableMessageInput, trim } from './report.input';

/** Every action says why: shown to the author, kept in the audit log. */
@InputType({ isAbstract: true })
abstract class WithReason {
  @Field({
    description: 'Why (required): the author is told, the audit log keeps it. ≤ 1,000 chars.',
  })
  @Transform(trim)
  @IsString()
  @MaxLength(1000)
  @Matches(NOT_BLANK, { message: 'must say why' })
  reason: string;
}

@InputType({ isAbstract: true })
abstract class ContentTarget extends WithReason {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  threadId?: string | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  replyId?: string | null;

  @Field(() => RoundtableMessageInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => RoundtableMessageInput)
  roundtableMessage?: RoundtableMessageInput | null;
}

@InputType({ description: 'Exactly one of threadId, replyId, roundtableMessage; and why.' })
export class HideContentInput extends ContentTarget {}

@InputType({ description: 'Exactly one of threadId, replyId, roundtableMessage; and why.' })
export class RestoreContentInput extends ContentTarget {}

@InputType({ isAbstract: true })
abstract class ThreadTarget extends WithReason {
  @Field(() => ID)
  @IsUUID()
  threadId: string;
}

@InputType()
export class LockThreadInput extends ThreadTarget {}

@InputType()
export class UnlockThreadInput extends ThreadTarget {}

@InputType()
export class PinThreadInput extends ThreadTarget {}

@InputType()
export class UnpinThreadInput extends ThreadTarget {}

@InputType()
export class MoveThreadInput extends ThreadTarget {
  @Field({ description: 'The space it moves to.' })
  @IsString()
  @MaxLength(60)
  spaceSlug: string;
}

@InputType()
export class EditThreadTagsInput extends ThreadTarget {
  @Field(() => [String], { description: 'The new tags (replacing the old ones), at most 5.' })
  @IsArray()
  @ArrayMaxSize(5)
  @IsString({ each: true })
  @MaxLength(50, { each: true })
  tags: string[];
}

@InputType({
  description: 'The replies of `fromThreadId` move to `intoThreadId`; the old one redirects.',
})
export class MergeThreadsInput extends WithReason {
  @Field(() => ID)
  @IsUUID()
  fromThreadId: string;

  @Field(() => ID)
  @IsUUID()
  intoThreadId: string;
}

@InputType()
export class DismissReportsInput extends WithReason {
  @Field(() => ID, { description: 'A moderation queue item.' })
  @IsUUID()
  itemId: string;
}

@InputType()
export class SuspendMemberInput extends WithReason {
  @Field()
  @IsString()
  @MaxLength(40)
  handle: string;

  @Field(() => GraphQLISODateTime, { description: 'When the suspension ends (in the future).' })
  @Type(() => Date)
  @IsDate()
  until: Date;
}

@InputType()
export class LiftSuspensionInput extends WithReason {
  @Field()
  @IsString()
  @MaxLength(40)
  handle: string;
}
