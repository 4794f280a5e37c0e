import { Field, InputType } from '@nestjs/graphql';
import { ArrayMaxSize, IsArray, IsOptional, IsString, MaxLength } from 'class-validator';

@InputType()
export class MemberFilter {
  @Field({ nullable: true, description: 'Matches name, handle, headline and organization.' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  query?: string;

  @Field(() => [String], { nullable: true, description: 'Members holding all of these tags.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsString({ each: true })
  @MaxLength(50, { each: true })
  expertise?: string[];

  @Field({ nullable: true, description: 'Exact organization, any case.' })
  @IsOptional()
  @IsString()
  @MaxLength(120)
  organization?: string;
}
