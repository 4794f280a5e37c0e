import { Field, GraphQLISODateTime, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ConnectionType } from '@app/core';
import { ThreadKind } from './thread.entity';

registerEnumType(ThreadKind, {
  name: 'ThreadKind',
  valuesMap: {
    QUESTION: { description: 'Asks peers for answers; the asker may accept one.' },
    DISCUSSION: { description: 'An open conversation.' },
  },
});

/**
 * A thread as readers see it. Plain fields are properties (no resolver work per row); relations
 * are field resolvers (thread-fields.resolver.ts). Later issues add fields in their own files.
 */
@ObjectType('Thread')
export class ThreadModel {
  @Field(() => ID)
  id: string;

  @Field(() => ThreadKind)
  kind: ThreadKind;

  @Field()
  title: string;

  @Field({ description: 'Markdown as written.' })
  body: string;

  @Field({ description: 'The body rendered to sanitised HTML, mentions linked.' })
  bodyHtml: string;

  @Field(() => [String], { description: 'Up to 5 tags from the shared vocabulary.' })
  tags: string[];

  @Field(() => Int, { description: 'Replies members can see.' })
  replyCount: number;

  @Field(() => Int, { description: 'What TOP orders by.' })
  score: number;

  @Field({ description: 'A question with an accepted answer.' })
  solved: boolean;

  @Field(() => ID, { nullable: true })
  acceptedReplyId: string | null;

  @Field(() => GraphQLISODateTime)
  createdAt: Date;

  @Field(() => GraphQLISODateTime, { description: 'Creation or the latest reply.' })
  lastActivityAt: Date;

  @Field(() => GraphQLISODateTime, { nullable: true })
  editedAt: Date | null;

  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description: 'Set by moderators: a locked thread takes no replies.',
  })
  lockedAt: Date | null;

  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description: 'Set by moderators; only moderators ever see hidden threads.',
  })
  hiddenAt: Date | null;

  @Field({ description: 'Hidden by a moderator (only moderators see such threads).' })
  hidden: boolean;

  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description: 'Only in the answer to deleteThread.',
  })
  deletedAt: Date | null;

  /** Not GraphQL fields: keys for the field resolvers. */
  spaceId: string;
  authorId: string;
  mentionIds: string[];
}

export const ThreadConnection = ConnectionType(ThreadModel, 'Thread');
