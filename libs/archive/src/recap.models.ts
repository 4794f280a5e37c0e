import { Field, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';
import { RecapStatus } from './archive.enums';

@ObjectType('RecapPerson', { description: 'Never given for Chatham House sessions.' })
export class RecapPersonModel {
  @Field()
  handle: string;

  @Field()
  displayName: string;
}

@ObjectType('RecapMoment', { description: 'One of the most reacted moments of the transcript.' })
export class RecapMomentModel {
  @Field(() => Int)
  seq: number;

  @Field()
  text: string;

  @Field(() => GraphQLISODateTime)
  sentAt: Date;

  @Field(() => Int)
  reactions: number;

  @Field(() => RecapPersonModel, { nullable: true })
  author: RecapPersonModel | null;
}

@ObjectType('RecapSection', { description: 'An agenda item, with its moments.' })
export class RecapSectionModel {
  @Field()
  title: string;

  @Field(() => GraphQLISODateTime, { nullable: true })
  startedAt: Date | null;

  @Field(() => GraphQLISODateTime, { nullable: true })
  endedAt: Date | null;

  @Field(() => [RecapMomentModel])
  moments: RecapMomentModel[];
}

@ObjectType('RecapTakeaway')
export class RecapTakeawayModel {
  @Field()
  text: string;

  @Field(() => RecapPersonModel, { nullable: true })
  author: RecapPersonModel | null;
}

@ObjectType('RecapQuestion')
export class RecapQuestionModel {
  @Field(() => ID)
  id: string;

  @Field()
  text: string;

  @Field(() => String, { nullable: true, description: 'Null for an unanswered question.' })
  answer: string | null;

  @Field(() => Int)
  votes: number;

  @Field(() => RecapPersonModel, { nullable: true })
  author: RecapPersonModel | null;

  /** Not a GraphQL field: for `thread`. */
  recapId: string;
}

@ObjectType('RecapPollOption')
export class RecapPollOptionModel {
  @Field()
  text: string;

  @Field(() => Int)
  votes: number;

  @Field(() => Int)
  percent: number;
}

@ObjectType('RecapPoll')
export class RecapPollModel {
  @Field()
  question: string;

  @Field(() => Int)
  total: number;

  @Field(() => [RecapPollOptionModel])
  options: RecapPollOptionModel[];
}

@ObjectType('RecapAttendance', { description: 'Numbers only.' })
export class RecapAttendanceModel {
  @Field(() => Int)
  joinedCount: number;

  @Field(() => Int)
  minutesPresent: number;
}

@ObjectType('Recap', { description: 'What a roundtable session left, curated.' })
export class RecapModel {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  roundtableId: string;

  @Field()
  title: string;

  @Field({ description: 'The curator’s introduction (markdown).' })
  summary: string;

  @Field()
  summaryHtml: string;

  @Field(() => RecapStatus)
  status: RecapStatus;

  @Field({ description: 'Held under the Chatham House rule: the recap carries no names.' })
  chathamHouse: boolean;

  @Field(() => [RecapSectionModel])
  sections: RecapSectionModel[];

  @Field(() => [RecapTakeawayModel], { description: 'The pinned takeaways.' })
  takeaways: RecapTakeawayModel[];

  @Field(() => [RecapQuestionModel], { description: 'With their answers, most voted first.' })
  answeredQuestions: RecapQuestionModel[];

  @Field(() => [RecapQuestionModel], {
    description: 'Nothing asked is lost: open them as threads with openQuestionsAsThreads.',
  })
  unansweredQuestions: RecapQuestionModel[];

  @Field(() => [RecapPollModel])
  polls: RecapPollModel[];

  @Field(() => RecapAttendanceModel)
  attendance: RecapAttendanceModel;

  @Field({ description: 'The whole recap as one markdown document.' })
  body: string;

  @Field()
  bodyHtml: string;

  @Field(() => GraphQLISODateTime, { nullable: true })
  publishedAt: Date | null;

  @Field(() => GraphQLISODateTime)
  createdAt: Date;

  @Field(() => GraphQLISODateTime)
  updatedAt: Date;

  /** Not a GraphQL field (see `createdBy`). */
  createdById: string;
}
