import { Field, GraphQLISODateTime, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ConnectionType } from '@app/core';
import { SpaceVisibility } from './space.entity';

registerEnumType(SpaceVisibility, {
  name: 'SpaceVisibility',
  description: 'Who may read a space.',
  valuesMap: {
    MEMBERS: { description: 'Signed-in members only (the default).' },
    PUBLIC: { description: 'Anyone, without signing in.' },
  },
});

@ObjectType('Space', { description: 'An area of practice that threads are posted in.' })
export class SpaceModel {
  @Field(() => ID)
  id: string;

  @Field({ description: 'URL-safe and unique, e.g. `measurement-roi`.' })
  slug: string;

  @Field()
  name: string;

  @Field()
  description: string;

  @Field(() => SpaceVisibility)
  visibility: SpaceVisibility;

  @Field(() => GraphQLISODateTime)
  createdAt: Date;
}

export const SpaceConnection = ConnectionType(SpaceModel, 'Space');
