import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsEnum,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  MaxLength,
} from 'class-validator';
import { ThreadKind } from '../thread.entity';
import { trim } from './space.inputs';

export const MAX_BODY_LENGTH = 40_000;
export const MAX_TAGS = 5;
export const NOT_BLANK = /\S/;
export const IDEMPOTENCY_KEY = /^[\x21-\x7e]+$/;

@InputType()
export class StartThreadInput {
  @Field()
  @IsString()
  @MaxLength(60)
  spaceSlug: string;

  @Field(() => ThreadKind)
  @IsEnum(ThreadKind)
  kind: ThreadKind;

  @Field({ description: '8–200 characters.' })
  @Transform(trim)
  @IsString()
  @Length(8, 200)
  title: string;

  @Field({ description: 'Markdown, at most 40,000 characters.' })
  @IsString()
  @MaxLength(MAX_BODY_LENGTH)
  @Matches(NOT_BLANK, { message: 'must not be blank' })
  body: string;

  @Field(() => [String], { defaultValue: [], description: 'Up to 5; new tags are created.' })
  @IsArray()
  @ArrayMaxSize(MAX_TAGS)
  @IsString({ each: true })
  @MaxLength(50, { each: true })
  tags: string[] = [];

  @Field({
    nullable: true,
    description: 'Sending the same key again returns the first thread instead of a duplicate.',
  })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  @Matches(IDEMPOTENCY_KEY, { message: 'must be printable ASCII without spaces' })
  idempotencyKey?: string;
}

/** Only what is sent changes. */
@InputType()
export class EditThreadInput {
  @Field(() => ID)
  @IsUUID('all')
  id: string;

  @Field({ nullable: true })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(8, 200)
  title?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_BODY_LENGTH)
  @Matches(NOT_BLANK, { message: 'must not be blank' })
  body?: string;

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_TAGS)
  @IsString({ each: true })
  @MaxLength(50, { each: true })
  tags?: string[];
}

@ArgsType()
export class ThreadIdArgs {
  @Field(() => ID)
  @IsUUID('all')
  id: string;
}
