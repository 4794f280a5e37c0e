import { ArgsType, Field, GraphQLISODateTime, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsDate,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { PageArgs } from '@app/core';

@InputType()
export class SearchFilter {
  @Field(() => [String], { nullable: true, description: 'Any of these kinds, e.g. ["THREAD"].' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @Matches(/^[A-Z][A-Z0-9_]{0,39}$/, { each: true, message: 'each kind is UPPER_CASE' })
  kinds?: string[];

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  spaceSlug?: string;

  @Field({ nullable: true, description: 'Documents carrying this tag (any case).' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  tag?: string;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Created at or after.' })
  @IsOptional()
  @IsDate()
  from?: Date;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Created at or before.' })
  @IsOptional()
  @IsDate()
  to?: Date;

  @Field({ nullable: true, description: 'Threads with (true) or without (false) an answer.' })
  @IsOptional()
  @IsBoolean()
  solved?: boolean;
}

@ArgsType()
export class SearchArgs extends PageArgs {
  @Field({
    description:
      'Web-search syntax: words, "quoted phrases", -excluded, OR. 1–200 characters after trimming.',
  })
  // Length and blankness are checked by the service, with search's own error messages.
  @IsString()
  query: string;

  @Field(() => SearchFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => SearchFilter)
  filter?: SearchFilter;
}
