import { Field, ObjectType } from '@nestjs/graphql';
import { MemberModel } from '../accounts/member.model';

@ObjectType('AuthPayload')
export class AuthPayloadModel {
  @Field({ description: 'Short-lived bearer token for the Authorization header and /live.' })
  accessToken: string;

  @Field({ description: 'Exchange with refreshSession for a new pair; works once.' })
  refreshToken: string;

  @Field(() => MemberModel)
  member: MemberModel;
}
