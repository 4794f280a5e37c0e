import { Field, InputType, Int, registerEnumType } from '@nestjs/graphql';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Max,
  MaxLength,
  Min,
  MinLength,
  Validate,
  ValidatorConstraint,
  ValidatorConstraintInterface,
} from 'class-validator';
import { ProfileVisibility } from '../profile.entity';

registerEnumType(ProfileVisibility, {
  name: 'ProfileVisibility',
  description: 'MEMBERS: signed-in members only. PUBLIC: anyone, without signing in.',
});

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const HTTP_URL = { protocols: ['http', 'https'], require_protocol: true, require_tld: false };

@ValidatorConstraint({ name: 'ianaTimeZone' })
export class IanaTimeZone implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    if (typeof value !== 'string' || value.length === 0 || value.length > 64) return false;
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: value });
      return true;
    } catch {
      return false;
    }
  }

  defaultMessage(): string {
    return 'must be an IANA time zone such as Europe/Paris or America/New_York';
  }
}

/** Every field is optional: only what is sent changes; null clears a text field. */
@InputType()
export class UpdateProfileInput {
  @Field({ nullable: true })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'must not be empty' })
  @MaxLength(80)
  displayName?: string;

  @Field({ nullable: true, description: '3–30 characters: a-z, 0-9 and inner dashes.' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(30)
  handle?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(120)
  headline?: string | null;

  @Field(() => String, { nullable: true, description: 'Markdown, up to 5,000 characters.' })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  bio?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(120)
  organization?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(120)
  jobTitle?: string | null;

  @Field(() => Int, { nullable: true, description: 'Years of community practice, 0–60.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(60)
  yearsOfPractice?: number | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(120)
  location?: string | null;

  @Field(() => String, { nullable: true, description: 'IANA time zone, e.g. Europe/Paris.' })
  @IsOptional()
  @Validate(IanaTimeZone)
  timeZone?: string | null;

  @Field(() => [String], { nullable: true, description: 'Up to 5 http(s) URLs.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(5, { message: 'must have at most 5 links' })
  @IsUrl(HTTP_URL, { each: true, message: 'each link must be an http or https URL' })
  @MaxLength(2000, { each: true })
  links?: string[];

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsUrl(HTTP_URL, { message: 'must be an http or https URL' })
  @MaxLength(2000)
  avatarUrl?: string | null;

  @Field(() => [String], { nullable: true, description: 'Can help with: up to 10 tags.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10, { message: 'must have at most 10 tags' })
  @IsString({ each: true })
  @MaxLength(50, { each: true })
  expertise?: string[];

  @Field(() => [String], { nullable: true, description: 'Wants to learn: up to 10 tags.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10, { message: 'must have at most 10 tags' })
  @IsString({ each: true })
  @MaxLength(50, { each: true })
  learning?: string[];

  @Field(() => ProfileVisibility, { nullable: true })
  @IsOptional()
  @IsEnum(ProfileVisibility)
  visibility?: ProfileVisibility;
}
