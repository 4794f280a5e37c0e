import { Field, GraphQLISODateTime, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Role } from './account.entity';

registerEnumType(Role, { name: 'Role', description: 'What a member may do beyond posting.' });

/**
 * A member as other members see them. The account fields live here, in core; the members
 * library adds the profile fields to this same type with field resolvers.
 */
@ObjectType('Member')
export class MemberModel {
  @Field(() => ID)
  id: string;

  @Field({ description: 'Unique, URL-safe, editable.' })
  handle: string;

  @Field()
  displayName: string;

  @Field(() => Role)
  role: Role;

  @Field(() => GraphQLISODateTime)
  createdAt: Date;

  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description: 'While in the future the member may read but not write.',
  })
  suspendedUntil: Date | null;

  /** Carried for the `email` field, which only the member themself can read. */
  email?: string;
}
