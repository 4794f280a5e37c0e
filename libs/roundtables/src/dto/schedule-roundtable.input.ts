import { Field, GraphQLISODateTime, ID, InputType, Int, PartialType } from '@nestjs/graphql';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsDate,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import {
  CAPACITY,
  DURATION_MINUTES,
  MAX_AGENDA_ITEMS,
  MAX_NAMED_FACILITATORS,
  MAX_TAGS,
} from '../roundtable-rules';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

@InputType()
export class AgendaItemInput {
  @Field({ description: '1–120 characters.' })
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'must not be empty' })
  @MaxLength(120)
  title: string;

  @Field(() => Int, { description: '1–240 minutes.' })
  @IsInt()
  @Min(1)
  @Max(DURATION_MINUTES.max)
  minutes: number;
}

@InputType()
export class ScheduleRoundtableInput {
  @Field({ description: '3–120 characters.' })
  @Transform(trim)
  @IsString()
  @MinLength(3, { message: 'must be at least 3 characters long' })
  @MaxLength(120)
  title: string;

  @Field({ description: 'Markdown, up to 5,000 characters.' })
  @IsString()
  @MaxLength(5000)
  description: string;

  @Field(() => GraphQLISODateTime, { description: 'In the future.' })
  @IsDate({ message: 'must be an ISO 8601 date-time' })
  startsAt: Date;

  @Field(() => Int, { description: '15–240 minutes.' })
  @IsInt()
  @Min(DURATION_MINUTES.min)
  @Max(DURATION_MINUTES.max)
  durationMinutes: number;

  @Field(() => Int, { description: 'Participants’ seats, 2–500; facilitators take none.' })
  @IsInt()
  @Min(CAPACITY.min)
  @Max(CAPACITY.max)
  capacity: number;

  @Field(() => [String], { description: 'Up to 5 tags from the shared vocabulary.' })
  @IsArray()
  @ArrayMaxSize(MAX_TAGS, { message: `must have at most ${MAX_TAGS} tags` })
  @IsString({ each: true })
  @MaxLength(50, { each: true })
  tags: string[];

  @Field(() => [AgendaItemInput], {
    description: '1–20 items whose minutes add up to no more than the duration.',
  })
  @IsArray()
  @ArrayMinSize(1, { message: 'must have at least one item' })
  @ArrayMaxSize(MAX_AGENDA_ITEMS, { message: `must have at most ${MAX_AGENDA_ITEMS} items` })
  @ValidateNested({ each: true })
  @Type(() => AgendaItemInput)
  agenda: AgendaItemInput[];

  @Field(() => [String], {
    description: 'Handles of up to 5 co-facilitators besides you (the host facilitates anyway).',
  })
  @IsArray()
  @ArrayMaxSize(MAX_NAMED_FACILITATORS, {
    message: `must name at most ${MAX_NAMED_FACILITATORS} facilitators`,
  })
  @IsString({ each: true })
  @MaxLength(40, { each: true })
  facilitatorHandles: string[];

  @Field({ description: 'What is said may be used, but not who said it.' })
  @IsBoolean()
  chathamHouse: boolean;

  @Field(() => ID, {
    nullable: true,
    description: 'The session this one continues (a series); it must start earlier.',
  })
  @IsOptional()
  @IsUUID('all', { message: 'must be a roundtable id' })
  previousRoundtableId?: string | null;
}

/**
 * Only what is sent changes. `facilitatorHandles` and `tags` replace the whole list; the host
 * always stays a facilitator. `previousRoundtableId: null` unlinks the series; `null` for any
 * other field leaves it unchanged.
 */
@InputType()
export class UpdateRoundtableInput extends PartialType(ScheduleRoundtableInput, {
  omitDefaultValues: true,
}) {}
