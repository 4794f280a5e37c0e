import { Field, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';
import { ConnectionType } from '@app/core';
import { JSONScalar } from './json.scalar';
import { ModerationItemStatus, ModerationTargetKind, ReportReason } from './moderation.enums';

@ObjectType('RoundtableMessageRef')
export class RoundtableMessageRefModel {
  @Field(() => ID)
  roundtableId: string;

  @Field(() => Int)
  seq: number;
}

@ObjectType('ModerationTarget', { description: 'What was reported or acted on.' })
export class ModerationTargetModel {
  @Field(() => ModerationTargetKind)
  kind: ModerationTargetKind;

  @Field(() => ID, { nullable: true, description: 'The thread, or the thread of the reply.' })
  threadId: string | null;

  @Field(() => ID, { nullable: true })
  replyId: string | null;

  @Field(() => ID, { nullable: true, description: 'A reported member.' })
  memberId: string | null;

  @Field(() => RoundtableMessageRefModel, { nullable: true })
  roundtableMessage: RoundtableMessageRefModel | null;
}

@ObjectType('ModerationContent', {
  description:
    'Content as first reported, or as it is now. Fields not relevant to a kind are null.',
})
export class ModerationContentModel {
  @Field(() => String, { nullable: true, description: 'A thread’s title; a member’s name.' })
  title: string | null;

  @Field(() => String, { nullable: true, description: 'Markdown of a thread or reply; a message.' })
  body: string | null;

  @Field(() => [String])
  tags: string[];

  @Field()
  hidden: boolean;

  @Field()
  locked: boolean;

  @Field({ description: 'Deleted by its author since (a placeholder, or gone).' })
  removed: boolean;

  @Field(() => String, { nullable: true, description: 'A member’s handle.' })
  handle: string | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  suspendedUntil: Date | null;

  @Field(() => String, { nullable: true, description: 'Where to open it, e.g. /threads/<id>.' })
  link: string | null;
}

@ObjectType('ModerationReport')
export class ModerationReportModel {
  @Field(() => ID)
  id: string;

  @Field(() => ReportReason)
  reason: ReportReason;

  @Field(() => String, { nullable: true })
  note: string | null;

  @Field(() => GraphQLISODateTime)
  createdAt: Date;

  @Field(() => ModerationTargetModel)
  target: ModerationTargetModel;

  /** Not GraphQL fields: keys for field resolvers. */
  reporterId: string;
  itemId: string;
}

@ObjectType('ModerationItem', {
  description: 'One entry of the review queue: the open reports on one target, grouped.',
})
export class ModerationItemModel {
  @Field(() => ID)
  id: string;

  @Field(() => ModerationTargetModel)
  target: ModerationTargetModel;

  @Field(() => ModerationItemStatus)
  status: ModerationItemStatus;

  @Field(() => Int)
  reportCount: number;

  @Field(() => ModerationContentModel, { description: 'The content when it was first reported.' })
  reported: ModerationContentModel;

  @Field(() => GraphQLISODateTime, { description: 'When it was first reported.' })
  createdAt: Date;

  @Field(() => GraphQLISODateTime)
  lastReportedAt: Date;

  @Field(() => GraphQLISODateTime, { nullable: true })
  resolvedAt: Date | null;

  @Field(() => String, { nullable: true, description: 'The action that resolved it.' })
  resolution: string | null;

  @Field(() => String, { nullable: true })
  resolutionReason: string | null;

  /** Not GraphQL fields: keys for field resolvers. */
  authorId: string | null;
  resolvedById: string | null;
}

@ObjectType('ModerationAction', {
  description: 'One audit log record: who did what to which target, when, why, before and after.',
})
export class ModerationActionModel {
  @Field(() => ID)
  id: string;

  @Field({ description: 'HIDE_CONTENT, LOCK_THREAD, SUSPEND_MEMBER... (any domain may record).' })
  action: string;

  @Field({ description: 'THREAD, REPLY, MEMBER, ROUNDTABLE_MESSAGE...' })
  targetKind: string;

  @Field({ description: 'The target’s id (`<roundtableId>:<seq>` for a live message).' })
  targetId: string;

  @Field()
  reason: string;

  @Field(() => GraphQLISODateTime)
  at: Date;

  @Field(() => JSONScalar, { nullable: true, description: 'The state before the action.' })
  before: Record<string, unknown> | null;

  @Field(() => JSONScalar, { nullable: true, description: 'The state after the action.' })
  after: Record<string, unknown> | null;

  /** Not GraphQL fields: keys for field resolvers. */
  actorId: string | null;
  subjectId: string | null;
}

export const ModerationItemConnection = ConnectionType(ModerationItemModel, 'ModerationItem');
export const ModerationActionConnection = ConnectionType(ModerationActionModel, 'ModerationAction');
