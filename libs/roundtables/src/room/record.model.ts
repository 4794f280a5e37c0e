import { Field, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';

/** A member as the room shows them. */
@ObjectType('RoomMember')
export class RoomMemberModel {
  @Field(() => ID)
  id: string;

  @Field()
  handle: string;

  @Field()
  displayName: string;
}

@ObjectType('RecordAgendaItem')
export class RecordAgendaItemModel {
  @Field()
  title: string;

  @Field(() => Int, { description: 'As planned.' })
  minutes: number;

  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description:
      'When the facilitators moved to it (or as planned from the start if they never advanced the agenda).',
  })
  startedAt: Date | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  endedAt: Date | null;
}

@ObjectType('RecordMessage')
export class RecordMessageModel {
  @Field(() => Int)
  seq: number;

  @Field(() => RoomMemberModel, {
    nullable: true,
    description: 'Null in Chatham House sessions: what was said, not who said it.',
  })
  author: RoomMemberModel | null;

  @Field()
  text: string;

  @Field(() => GraphQLISODateTime)
  sentAt: Date;
}

@ObjectType('RecordAttendee')
export class RecordAttendeeModel {
  @Field(() => RoomMemberModel)
  member: RoomMemberModel;

  @Field(() => Int)
  minutesPresent: number;

  @Field(() => GraphQLISODateTime)
  firstJoinedAt: Date;
}

@ObjectType('RecordAttendance')
export class RecordAttendanceModel {
  @Field(() => Int, { description: 'Members who entered the room (facilitators included).' })
  joinedCount: number;

  @Field(() => Int, { description: 'Minutes present, all attendees together.' })
  minutesPresent: number;

  @Field(() => [RecordAttendeeModel], {
    description: 'Per member; empty in Chatham House sessions (counts only).',
  })
  members: RecordAttendeeModel[];
}

/** What a session leaves behind, written when it ends. */
@ObjectType('RoundtableRecord')
export class RoundtableRecordModel {
  @Field(() => ID)
  roundtableId: string;

  @Field()
  chathamHouse: boolean;

  @Field(() => GraphQLISODateTime, { nullable: true })
  startedAt: Date | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  endedAt: Date | null;

  @Field(() => [RecordAgendaItemModel])
  agenda: RecordAgendaItemModel[];

  @Field(() => [RecordMessageModel], { description: 'The chat, in order.' })
  transcript: RecordMessageModel[];

  @Field(() => RecordAttendanceModel)
  attendance: RecordAttendanceModel;

  /** The room features' record parts by name (resolved by their own field resolvers). */
  parts: Record<string, unknown>;
}
