import { Field, GraphQLISODateTime, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ConnectionType } from '@app/core';
import { RegistrationStatus } from './registration.entity';
import { RoundtableState } from './roundtable.entity';

registerEnumType(RoundtableState, {
  name: 'RoundtableState',
  valuesMap: {
    SCHEDULED: { description: 'Not started yet; members can register and send questions.' },
    LIVE: { description: 'Started by a facilitator.' },
    ENDED: { description: 'Ended by a facilitator.' },
    CANCELLED: { description: 'Cancelled before it started.' },
    MISSED: { description: 'Not started within 30 minutes of its start time.' },
  },
});

registerEnumType(RegistrationStatus, {
  name: 'RegistrationStatus',
  valuesMap: {
    REGISTERED: { description: 'Holds a seat: will be let into the room.' },
    WAITLISTED: { description: 'Waits for a seat, in order; not let into the room.' },
  },
});

@ObjectType('AgendaItem')
export class AgendaItemModel {
  @Field()
  title: string;

  @Field(() => Int)
  minutes: number;
}

/** A roundtable as clients see it; the ids below without @Field feed the field resolvers. */
@ObjectType('Roundtable')
export class RoundtableModel {
  @Field(() => ID)
  id: string;

  @Field()
  title: string;

  @Field({ description: 'Markdown as written.' })
  description: string;

  @Field(() => GraphQLISODateTime)
  startsAt: Date;

  @Field(() => GraphQLISODateTime, { description: 'startsAt + durationMinutes.' })
  endsAt: Date;

  @Field(() => Int)
  durationMinutes: number;

  @Field(() => Int, { description: 'Participants’ seats; facilitators take none.' })
  capacity: number;

  @Field({ description: 'What is said may be used, but not who said it.' })
  chathamHouse: boolean;

  @Field(() => RoundtableState)
  state: RoundtableState;

  @Field(() => [AgendaItemModel])
  agenda: AgendaItemModel[];

  @Field(() => [String])
  tags: string[];

  @Field(() => String, { nullable: true, description: 'Why it was cancelled.' })
  cancelReason: string | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  cancelledAt: Date | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  startedAt: Date | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  endedAt: Date | null;

  @Field(() => GraphQLISODateTime)
  createdAt: Date;

  @Field(() => GraphQLISODateTime)
  updatedAt: Date;

  hostId: string;
  previousId: string | null;
}

@ObjectType('Registration')
export class RegistrationModel {
  @Field(() => RegistrationStatus)
  status: RegistrationStatus;

  @Field(() => Int, {
    nullable: true,
    description: 'Place on the waitlist (1 is next for a seat); null when registered.',
  })
  position: number | null;

  @Field(() => GraphQLISODateTime)
  registeredAt: Date;

  roundtableId: string;
}

@ObjectType('Question')
export class QuestionModel {
  @Field(() => ID)
  id: string;

  @Field()
  text: string;

  @Field(() => Int)
  voteCount: number;

  @Field(() => GraphQLISODateTime)
  createdAt: Date;

  roundtableId: string;
  authorId: string;
  /** Chatham House sessions show the author only to the author and moderators. */
  chathamHouse: boolean;
}

@ObjectType('Takeaway', {
  description: 'A pinned takeaway of a session (filled by the live room).',
})
export class TakeawayModel {
  @Field(() => ID)
  id: string;

  @Field()
  text: string;
}

export const RoundtableConnection = ConnectionType(RoundtableModel, 'Roundtable');
export const QuestionConnection = ConnectionType(QuestionModel, 'Question');
