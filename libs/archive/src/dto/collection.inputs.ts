import { ArgsType, Field, GraphQLISODateTime, ID, InputType, Int } from '@nestjs/graphql';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsDate,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { PageArgs } from '@app/core';
import { CollectionStatus } from '../archive.enums';

export const trim = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim() : value;
export const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const SLUG_MESSAGE = 'must be lower-case letters, digits and inner dashes';
export const MAX_SUMMARY = 20_000;
export const MAX_NOTE = 2000;
export const MAX_TAGS = 5;
export const MAX_REASON = 2000;

@InputType()
export class CreateCollectionInput {
  @Field({ description: '3–200 characters.' })
  @Transform(trim)
  @IsString()
  @Length(3, 200)
  title: string;

  @Field({ description: '3–80 characters: a-z, 0-9 and inner dashes, e.g. `proving-roi`.' })
  @Transform(trim)
  @IsString()
  @Length(3, 80)
  @Matches(SLUG, { message: SLUG_MESSAGE })
  slug: string;

  @Field({ defaultValue: '', description: 'Markdown, at most 20,000 characters.' })
  @IsString()
  @MaxLength(MAX_SUMMARY)
  summary: string = '';

  @Field(() => [String], { defaultValue: [], description: 'Up to 5, from the shared vocabulary.' })
  @IsArray()
  @ArrayMaxSize(MAX_TAGS)
  @IsString({ each: true })
  @MaxLength(50, { each: true })
  tags: string[] = [];
}

/** Only what is sent changes. */
@InputType()
export class UpdateCollectionInput {
  @Field({ description: 'The collection to change.' })
  @IsString()
  @MaxLength(80)
  slug: string;

  @Field({ nullable: true, description: 'A new slug (its links change with it).' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(3, 80)
  @Matches(SLUG, { message: SLUG_MESSAGE })
  newSlug?: string;

  @Field({ nullable: true })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(3, 200)
  title?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_SUMMARY)
  summary?: string;

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_TAGS)
  @IsString({ each: true })
  @MaxLength(50, { each: true })
  tags?: string[];
}

/** Exactly one of threadId, replyId, recapId. */
@InputType()
export class AddCollectionEntryInput {
  @Field()
  @IsString()
  @MaxLength(80)
  collectionSlug: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all')
  threadId?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all')
  replyId?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all')
  recapId?: string;

  @Field({ defaultValue: '', description: 'Why it matters (markdown, ≤ 2,000 characters).' })
  @Transform(trim)
  @IsString()
  @MaxLength(MAX_NOTE)
  note: string = '';

  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description: 'When a curator should check it is still current (in the future).',
  })
  @IsOptional()
  @IsDate()
  reviewBy?: Date;
}

@InputType()
export class MoveCollectionEntryInput {
  @Field(() => ID)
  @IsUUID('all')
  entryId: string;

  @Field(() => Int, { description: 'The new position: 1 is first, the entry count is last.' })
  @IsInt()
  @Min(1)
  position: number;
}

/** Puts another target in the entry's place (same position); audited. */
@InputType()
export class ReplaceCollectionEntryInput {
  @Field(() => ID)
  @IsUUID('all')
  entryId: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all')
  threadId?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all')
  replyId?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all')
  recapId?: string;

  @Field({ nullable: true, description: 'A new note; the old one stays if left out.' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(MAX_NOTE)
  note?: string;

  @Field(() => GraphQLISODateTime, { nullable: true })
  @IsOptional()
  @IsDate()
  reviewBy?: Date;

  @Field({ description: 'Why (kept in the audit log).' })
  @Transform(trim)
  @IsString()
  @Length(1, MAX_REASON)
  reason: string;
}

@ArgsType()
export class ConfirmEntryArgs {
  @Field(() => ID)
  @IsUUID('all')
  entryId: string;

  @Field(() => GraphQLISODateTime, { description: 'The next review date (in the future).' })
  @IsDate()
  reviewBy: Date;

  @Field({ nullable: true, description: 'Kept in the audit log; a default says it was checked.' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, MAX_REASON)
  reason?: string;
}

@ArgsType()
export class EntryIdArgs {
  @Field(() => ID)
  @IsUUID('all')
  entryId: string;
}

@ArgsType()
export class CollectionSlugArgs {
  @Field()
  @IsString()
  @MaxLength(80)
  slug: string;
}

@InputType()
export class CollectionFilter {
  @Field(() => CollectionStatus, {
    nullable: true,
    description: 'DRAFT is for moderators and admins only.',
  })
  @IsOptional()
  @IsEnum(CollectionStatus)
  status?: CollectionStatus;

  @Field({ nullable: true, description: 'Collections carrying this tag (any case).' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  tag?: string;
}

@ArgsType()
export class CollectionsArgs extends PageArgs {
  @Field(() => CollectionFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => CollectionFilter)
  filter?: CollectionFilter;
}

@ArgsType()
export class CanonicalAnswerArgs {
  @Field(() => ID)
  @IsUUID('all')
  replyId: string;

  @Field({ description: 'Why (kept in the audit log).' })
  @Transform(trim)
  @IsString()
  @Length(1, MAX_REASON)
  reason: string;
}
