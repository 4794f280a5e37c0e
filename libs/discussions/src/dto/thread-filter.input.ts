import { ArgsType, Field, InputType, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsEnum,
  IsOptional,
  IsString,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { PageArgs } from '@app/core';
import { ThreadKind } from '../thread.entity';

export enum ThreadOrder {
  LATEST_ACTIVITY = 'LATEST_ACTIVITY',
  NEWEST = 'NEWEST',
  TOP = 'TOP',
  UNANSWERED = 'UNANSWERED',
}

registerEnumType(ThreadOrder, {
  name: 'ThreadOrder',
  valuesMap: {
    LATEST_ACTIVITY: { description: 'Most recent reply (or creation) first.' },
    NEWEST: { description: 'Most recently started first.' },
    TOP: { description: 'Highest score first (the reply count for now).' },
    UNANSWERED: { description: 'Only threads without replies, newest first.' },
  },
});

@InputType()
export class ThreadFilter {
  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  spaceSlug?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  tag?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  authorHandle?: string;

  @Field({
    nullable: true,
    description: 'Questions with (true) or without (false) an accepted answer.',
  })
  @IsOptional()
  @IsBoolean()
  solved?: boolean;

  @Field(() => ThreadKind, { nullable: true })
  @IsOptional()
  @IsEnum(ThreadKind)
  kind?: ThreadKind;
}

@ArgsType()
export class ThreadsArgs extends PageArgs {
  @Field(() => ThreadFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => ThreadFilter)
  filter?: ThreadFilter;

  @Field(() => ThreadOrder, { defaultValue: ThreadOrder.LATEST_ACTIVITY })
  @IsEnum(ThreadOrder)
  orderBy: ThreadOrder = ThreadOrder.LATEST_ACTIVITY;
}
