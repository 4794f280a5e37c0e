import { Field, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';
import { ConnectionType, MemberModel } from '@app/core';
import { NotificationKind } from './notification-kind';

@ObjectType('Notification', { description: 'Something that happened that concerns you.' })
export class NotificationModel {
  @Field(() => ID)
  id: string;

  @Field(() => NotificationKind)
  kind: NotificationKind;

  @Field({ description: 'One line, ready to show.' })
  title: string;

  @Field(() => String, { nullable: true, description: 'In-app path to what it is about.' })
  link: string | null;

  @Field(() => GraphQLISODateTime)
  createdAt: Date;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Null while unread.' })
  readAt: Date | null;

  @Field(() => MemberModel, {
    nullable: true,
    description: 'Whose action caused it; null for system notices.',
  })
  actor?: MemberModel | null;

  /** Resolved into `actor` in batches. */
  actorId: string | null;
}

export const NotificationConnection = ConnectionType(NotificationModel, 'Notification');

@ObjectType('NotificationPreference')
export class NotificationPreferenceModel {
  @Field(() => NotificationKind)
  kind: NotificationKind;

  @Field({ description: 'Off: notifications of this kind are neither stored nor pushed.' })
  enabled: boolean;
}

@ObjectType('NotificationsReadResult')
export class NotificationsReadResult {
  @Field(() => Int, { description: 'How many unread notifications this marked read.' })
  markedCount: number;

  @Field(() => Int, { description: 'What is still unread afterwards.' })
  unreadCount: number;
}
