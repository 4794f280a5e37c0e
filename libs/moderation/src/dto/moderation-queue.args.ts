import { ArgsType, Field, GraphQLISODateTime, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  IsDate,
  IsEnum,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { PageArgs } from '@app/core';
import { ModerationItemStatus, ModerationTargetKind, ReportReason } from '../moderation.enums';

@InputType()
export class ModerationQueueFilter {
  @Field(() => ModerationItemStatus, {
    defaultValue: ModerationItemStatus.OPEN,
    description: 'OPEN: oldest first. RESOLVED: latest resolved first.',
  })
  @IsEnum(ModerationItemStatus)
  status: ModerationItemStatus = ModerationItemStatus.OPEN;

  @Field(() => ReportReason, { nullable: true, description: 'Items with a report of this reason.' })
  @IsOptional()
  @IsEnum(ReportReason)
  reason?: ReportReason | null;

  @Field(() => ModerationTargetKind, { nullable: true })
  @IsOptional()
  @IsEnum(ModerationTargetKind)
  targetKind?: ModerationTargetKind | null;
}

@ArgsType()
export class ModerationQueueArgs extends PageArgs {
  @Field(() => ModerationQueueFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => ModerationQueueFilter)
  filter?: ModerationQueueFilter | null;
}

const UPPER_NAME = /^[A-Z][A-Z_]*$/;

@InputType()
export class ModerationLogFilter {
  @Field(() => String, { nullable: true, description: 'Who acted.' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  actorHandle?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Whom it was against (an author, a member).',
  })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  subjectHandle?: string | null;

  @Field(() => String, { nullable: true, description: 'E.g. HIDE_CONTENT, SUSPEND_MEMBER.' })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  @Matches(UPPER_NAME, { message: 'must be an UPPER_CASE action name' })
  action?: string | null;

  @Field(() => String, { nullable: true, description: 'E.g. THREAD, REPLY, MEMBER.' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  @Matches(UPPER_NAME, { message: 'must be an UPPER_CASE kind' })
  targetKind?: string | null;

  @Field(() => String, { nullable: true, description: 'With targetKind: one target’s history.' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  targetId?: string | null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'From this time (inclusive).' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  from?: Date | null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Before this time.' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  to?: Date | null;
}

@ArgsType()
export class ModerationLogArgs extends PageArgs {
  @Field(() => ModerationLogFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => ModerationLogFilter)
  filter?: ModerationLogFilter | null;
}
