import { ArgsType, Field, ID, InputType, registerEnumType } from '@nestjs/graphql';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsEnum,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { Type } from 'class-transformer';
import { PageArgs } from '@app/core';
import { RoundtableState } from '../roundtable.entity';
import { UpdateRoundtableInput } from './schedule-roundtable.input';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export enum QuestionOrder {
  VOTES = 'VOTES',
  NEWEST = 'NEWEST',
}

registerEnumType(QuestionOrder, {
  name: 'QuestionOrder',
  valuesMap: {
    VOTES: { description: 'Most votes first, then oldest first.' },
    NEWEST: { description: 'Newest first.' },
  },
});

@ArgsType()
export class RoundtableIdArgs {
  @Field(() => ID)
  @IsUUID('all', { message: 'must be a roundtable id' })
  id: string;
}

@ArgsType()
export class UpdateRoundtableArgs extends RoundtableIdArgs {
  @Field(() => UpdateRoundtableInput)
  @ValidateNested()
  @Type(() => UpdateRoundtableInput)
  input: UpdateRoundtableInput;
}

@ArgsType()
export class CancelRoundtableArgs extends RoundtableIdArgs {
  @Field({ description: 'Told to everyone registered or waitlisted; 1–500 characters.' })
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'must say why' })
  @MaxLength(500)
  reason: string;
}

@InputType()
export class RoundtableFilter {
  @Field(() => RoundtableState, { nullable: true })
  @IsOptional()
  @IsEnum(RoundtableState)
  state?: RoundtableState;

  @Field({
    nullable: true,
    description: 'true: SCHEDULED or LIVE (still to come); false: ENDED, CANCELLED or MISSED.',
  })
  @IsOptional()
  @IsBoolean()
  upcoming?: boolean;

  @Field({ nullable: true, description: 'Carries this tag (any case).' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  tag?: string;

  @Field({ nullable: true, description: 'Facilitated (or hosted) by this member.' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  facilitatorHandle?: string;

  @Field({
    nullable: true,
    description: 'true: you hold a seat or a waitlist place; false: you hold neither.',
  })
  @IsOptional()
  @IsBoolean()
  registered?: boolean;
}

@ArgsType()
export class RoundtablesArgs extends PageArgs {
  @Field(() => RoundtableFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => RoundtableFilter)
  filter?: RoundtableFilter;
}

@ArgsType()
export class QuestionsArgs extends PageArgs {
  @Field(() => QuestionOrder, { defaultValue: QuestionOrder.VOTES })
  @IsEnum(QuestionOrder)
  orderBy: QuestionOrder = QuestionOrder.VOTES;
}

@InputType()
export class SubmitQuestionInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'must be a roundtable id' })
  roundtableId: string;

  @Field({ description: '3–500 characters.' })
  @Transform(trim)
  @IsString()
  @MinLength(3, { message: 'must be at least 3 characters long' })
  @MaxLength(500)
  text: string;
}

@ArgsType()
export class QuestionIdArgs {
  @Field(() => ID)
  @IsUUID('all', { message: 'must be a question id' })
  questionId: string;
}
