import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  MaxLength,
} from 'class-validator';
import { MAX_SUMMARY, trim } from './collection.inputs';

@ArgsType()
export class DraftRecapArgs {
  @Field(() => ID)
  @IsUUID('all')
  roundtableId: string;
}

@ArgsType()
export class RecapIdArgs {
  @Field(() => ID)
  @IsUUID('all')
  id: string;
}

/** Only what is sent changes. */
@InputType()
export class UpdateRecapInput {
  @Field(() => ID)
  @IsUUID('all')
  recapId: string;

  @Field({ nullable: true, description: '3–200 characters.' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(3, 200)
  title?: string;

  @Field({ nullable: true, description: 'The curator’s introduction (markdown).' })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_SUMMARY)
  summary?: string;
}

@InputType()
export class PublishRecapInput {
  @Field(() => ID)
  @IsUUID('all')
  recapId: string;

  @Field(() => [String], {
    defaultValue: [],
    description: 'Collections to add it to (curators only), at the end of each.',
  })
  @IsArray()
  @ArrayMaxSize(10)
  @ArrayUnique()
  @IsString({ each: true })
  @MaxLength(80, { each: true })
  collectionSlugs: string[] = [];
}

@InputType()
export class OpenQuestionsAsThreadsInput {
  @Field(() => ID)
  @IsUUID('all')
  recapId: string;

  @Field({ description: 'The space the threads open in.' })
  @IsString()
  @MaxLength(60)
  spaceSlug: string;

  @Field(() => [ID], { description: 'Unanswered questions of the recap (1–20).' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  questionIds: string[];
}
