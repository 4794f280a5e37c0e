import { ArgsType, Field, InputType } from '@nestjs/graphql';
import { Transform } from 'class-transformer';
import { IsEnum, IsOptional, IsString, Length, Matches, MaxLength } from 'class-validator';
import { PageArgs } from '@app/core';
import { SpaceVisibility } from '../space.entity';

export const trim = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim() : value;
export const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

@InputType()
export class CreateSpaceInput {
  @Field()
  @Transform(trim)
  @IsString()
  @Length(2, 80)
  name: string;

  @Field({ description: '2–60 characters: a-z, 0-9 and inner dashes, e.g. `measurement-roi`.' })
  @Transform(trim)
  @IsString()
  @Length(2, 60)
  @Matches(SLUG, { message: 'must be lower-case letters, digits and inner dashes' })
  slug: string;

  @Field({ nullable: true, defaultValue: '' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(1000)
  description?: string;

  @Field(() => SpaceVisibility, { nullable: true, defaultValue: SpaceVisibility.MEMBERS })
  @IsOptional()
  @IsEnum(SpaceVisibility)
  visibility?: SpaceVisibility;
}

@ArgsType()
export class SpaceArgs {
  @Field()
  @IsString()
  @MaxLength(60)
  slug: string;
}

@ArgsType()
export class SpacesArgs extends PageArgs {}
