import { Field, InputType } from '@nestjs/graphql';
import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';
import { Transform } from 'class-transformer';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

@InputType()
export class RegisterInput {
  @Field()
  @Transform(trim)
  @IsEmail({}, { message: 'must be a valid email address, like name@example.org' })
  @MaxLength(320)
  email: string;

  @Field({ description: 'At least 10 characters.' })
  @IsString()
  @MinLength(10, { message: 'must be at least 10 characters long' })
  @MaxLength(200, { message: 'must be at most 200 characters long' })
  password: string;

  @Field()
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'must not be empty' })
  @MaxLength(80, { message: 'must be at most 80 characters long' })
  displayName: string;
}

@InputType()
export class LoginInput {
  @Field()
  @Transform(trim)
  @IsEmail({}, { message: 'must be a valid email address, like name@example.org' })
  @MaxLength(320)
  email: string;

  @Field()
  @IsString()
  @MinLength(1, { message: 'must not be empty' })
  @MaxLength(200)
  password: string;
}
