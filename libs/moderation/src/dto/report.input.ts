import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { Transform, Type } from 'class-transformer';
import {
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { ReportReason } from '../moderation.enums';

export const NOT_BLANK = /\S/;

/** Trims strings; leaves anything else for the validators to refuse. */
export const trim = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim() : value;

@InputType({
  description: 'A message of a live roundtable: its roundtable and its seq in the log.',
})
export class RoundtableMessageInput {
  @Field(() => ID)
  @IsUUID()
  roundtableId: string;

  @Field(() => Int)
  @IsInt()
  @Min(1)
  seq: number;
}

@InputType({ description: 'Exactly one of threadId, replyId, memberHandle, roundtableMessage.' })
export class ReportInput {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  threadId?: string | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  replyId?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  memberHandle?: string | null;

  @Field(() => RoundtableMessageInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => RoundtableMessageInput)
  roundtableMessage?: RoundtableMessageInput | null;

  @Field(() => ReportReason)
  @IsEnum(ReportReason)
  reason: ReportReason;

  @Field(() => String, {
    nullable: true,
    description: 'What moderators should know; ≤ 1,000 chars.',
  })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(1000)
  note?: string | null;
}
