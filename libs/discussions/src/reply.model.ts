import { Field, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';
import { ConnectionType, MemberModel } from '@app/core';
import { ReactionModel } from './engagement.models';

@ObjectType('ReplyFeedback', { description: 'Structured peer feedback given with a reply.' })
export class ReplyFeedbackModel {
  @Field(() => String, { nullable: true, description: 'What worked for you.' })
  worked: string | null;

  @Field(() => String, { nullable: true, description: 'What you would change.' })
  wouldChange: string | null;

  @Field(() => String, { nullable: true, description: 'Risks to watch.' })
  risks: string | null;
}

/**
 * A reply anywhere in a thread's tree. A removed reply (deleted, or hidden from this reader) that
 * still has replies under it is a placeholder: `removed: true`, no body, author or feedback.
 */
@ObjectType('Reply')
export class ReplyModel {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  threadId: string;

  @Field(() => ID, { nullable: true, description: 'Null for a top-level reply.' })
  parentReplyId: string | null;

  @Field(() => Int, { description: '0 for a top-level reply.' })
  depth: number;

  @Field(() => Int, { description: 'Replies directly under this one that you can see.' })
  childCount: number;

  @Field(() => String, { nullable: true, description: 'Markdown as written; null if removed.' })
  body: string | null;

  @Field(() => String, { nullable: true, description: 'Sanitised HTML; null if removed.' })
  bodyHtml: string | null;

  @Field(() => ReplyFeedbackModel, { nullable: true })
  feedback: ReplyFeedbackModel | null;

  @Field({ description: 'The thread’s accepted answer.' })
  accepted: boolean;

  @Field({ description: 'A placeholder for a deleted or hidden reply that has replies under it.' })
  removed: boolean;

  @Field({ description: 'Hidden by a moderator (only moderators see it so).' })
  hidden: boolean;

  @Field(() => GraphQLISODateTime)
  createdAt: Date;

  @Field(() => GraphQLISODateTime, { nullable: true })
  editedAt: Date | null;

  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description: 'Set by moderators: no replies under a locked reply.',
  })
  lockedAt: Date | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  hiddenAt: Date | null;

  /** Not GraphQL fields: keys for the field resolvers (null on placeholders). */
  authorId: string | null;

  /** Set when the author was loaded with the tree: `author` then answers without a promise. */
  preloadedAuthor?: MemberModel | null;
  /** Set when the reactions were loaded with the tree: `reactions` then answers at once. */
  preloadedReactions?: readonly ReactionModel[];
  mentionIds: string[];
  /** Tree position, for the children/replies cursors. */
  path: string;
}

export const ReplyConnection = ConnectionType(ReplyModel, 'Reply');
