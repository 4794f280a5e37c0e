import {
  Field,
  GraphQLISODateTime,
  ID,
  Int,
  ObjectType,
  Parent,
  ResolveField,
  Resolver,
} from '@nestjs/graphql';
import { LiveQuestion } from './live-questions.service';
import { LivePoll } from './polls.service';
import { ReactionTally } from './reactions.rules';
import { RoomMemberModel, RoundtableRecordModel } from './record.model';
import { LiveTakeaway } from './takeaways.service';

/** The room activities' parts of a session's record (stored as JSON in `parts`), in GraphQL. */

@ObjectType('RecordQuestion')
export class RecordQuestionModel {
  @Field(() => ID)
  id: string;

  @Field()
  text: string;

  @Field(() => Int)
  voteCount: number;

  @Field({ description: 'Asked in the room (false: gathered before the session).' })
  askedLive: boolean;

  @Field()
  answered: boolean;

  @Field(() => String, { nullable: true, description: 'What the facilitators wrote, if anything.' })
  answer: string | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  answeredAt: Date | null;

  @Field(() => GraphQLISODateTime)
  createdAt: Date;

  @Field(() => RoomMemberModel, { nullable: true, description: 'Null in Chatham House sessions.' })
  author: RoomMemberModel | null;
}

@ObjectType('RecordTakeaway')
export class RecordTakeawayModel {
  @Field(() => ID)
  id: string;

  @Field()
  text: string;

  @Field(() => GraphQLISODateTime)
  pinnedAt: Date;

  @Field(() => RoomMemberModel, { nullable: true, description: 'Null in Chatham House sessions.' })
  author: RoomMemberModel | null;
}

@ObjectType('RecordPollOption')
export class RecordPollOptionModel {
  @Field()
  text: string;

  @Field(() => Int)
  votes: number;

  @Field(() => Int, { description: 'Whole percent of the votes; the options add up to 100.' })
  percent: number;
}

@ObjectType('RecordPoll', { description: 'A poll’s results: counts only, never who voted.' })
export class RecordPollModel {
  @Field(() => ID)
  id: string;

  @Field()
  question: string;

  @Field(() => [RecordPollOptionModel])
  options: RecordPollOptionModel[];

  @Field(() => Int)
  total: number;

  @Field(() => GraphQLISODateTime)
  openedAt: Date;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Null: still open at the end.' })
  closedAt: Date | null;
}

@ObjectType('RecordReaction')
export class RecordReactionModel {
  @Field(() => Int, { nullable: true, description: 'The message’s seq; null for the room.' })
  seq: number | null;

  @Field()
  emoji: string;

  @Field(() => Int)
  count: number;
}

const date = (iso: string | null) => (iso ? new Date(iso) : null);

/** A part as stored; records written before a part existed lack it. */
function part<T>(record: RoundtableRecordModel, name: string): T[] {
  const value = record.parts?.[name];
  return Array.isArray(value) ? (value as T[]) : [];
}

@Resolver(() => RoundtableRecordModel)
export class RoomActivitiesRecordResolver {
  @ResolveField(() => [RecordQuestionModel], {
    description: 'Every question, before and during the session, most votes first.',
  })
  questions(@Parent() record: RoundtableRecordModel): RecordQuestionModel[] {
    return part<LiveQuestion>(record, 'questions').map((q) => ({
      ...q,
      answeredAt: date(q.answeredAt),
      createdAt: new Date(q.createdAt),
    }));
  }

  @ResolveField(() => [RecordTakeawayModel], { description: 'The pinned takeaways, in order.' })
  takeaways(@Parent() record: RoundtableRecordModel): RecordTakeawayModel[] {
    return part<LiveTakeaway>(record, 'takeaways').map((takeaway) => ({
      id: takeaway.id,
      text: takeaway.text,
      pinnedAt: new Date(takeaway.pinnedAt ?? takeaway.createdAt),
      author: takeaway.author,
    }));
  }

  @ResolveField(() => [RecordPollModel], { description: 'Every poll’s results, in order.' })
  polls(@Parent() record: RoundtableRecordModel): RecordPollModel[] {
    return part<LivePoll>(record, 'polls').map((poll) => ({
      id: poll.id,
      question: poll.question,
      options: poll.options,
      total: poll.total,
      openedAt: new Date(poll.openedAt),
      closedAt: date(poll.closedAt),
    }));
  }

  @ResolveField(() => [RecordReactionModel], {
    description: 'Reactions counted per message (and to the room), most first within each.',
  })
  reactions(@Parent() record: RoundtableRecordModel): RecordReactionModel[] {
    return part<ReactionTally>(record, 'reactions');
  }
}
