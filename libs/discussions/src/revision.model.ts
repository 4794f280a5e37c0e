import { Field, GraphQLISODateTime, ID, ObjectType } from '@nestjs/graphql';
import { ConnectionType } from '@app/core';

@ObjectType('PostRevision', { description: 'One version of an edited thread or reply.' })
export class RevisionModel {
  @Field(() => ID)
  id: string;

  @Field(() => GraphQLISODateTime)
  at: Date;

  @Field(() => String, { nullable: true, description: 'Null for replies.' })
  title: string | null;

  @Field()
  body: string;

  /** Resolved to `editor` by the field resolver. */
  editorId: string;
}

export const RevisionConnection = ConnectionType(RevisionModel, 'PostRevision');
