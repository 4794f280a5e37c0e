import { Field, GraphQLISODateTime, Int, ObjectType } from '@nestjs/graphql';
import { MemberModel } from '@app/core';

@ObjectType('TagSuggestion')
export class TagSuggestionModel {
  @Field()
  name: string;

  @Field(() => Int)
  usageCount: number;
}

@ObjectType('PasswordResetLink')
export class PasswordResetLinkModel {
  @Field({ description: 'Hand it to the member; it works once, for an hour.' })
  url: string;

  @Field(() => GraphQLISODateTime)
  expiresAt: Date;

  @Field(() => MemberModel)
  member: MemberModel;
}
