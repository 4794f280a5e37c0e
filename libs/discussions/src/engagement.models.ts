import { Field, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';
import { MemberModel } from '@app/core';
import { ReactionKind } from './reaction-kind';

@ObjectType('Reaction', { description: 'How many members gave one kind of reaction.' })
export class ReactionModel {
  @Field(() => ReactionKind)
  kind: ReactionKind;

  @Field(() => Int)
  count: number;

  @Field({ description: 'You gave this reaction (false when not signed in).' })
  mine: boolean;
}

@ObjectType('EarnedExpertise', {
  description:
    'Expertise shown in threads with a tag: 10 points per accepted answer, 2 per HELPFUL ' +
    'reaction from another member, 5 per feedback the asker rated useful.',
})
export class EarnedExpertiseModel {
  @Field()
  tag: string;

  @Field(() => Int)
  score: number;

  @Field(() => Int, { description: 'Accepted answers in threads with this tag.' })
  answers: number;
}

@ObjectType('SuggestedPeer', {
  description: 'A member whose claimed or earned expertise matches a question’s tags.',
})
export class SuggestedPeerModel {
  @Field(() => MemberModel)
  member: MemberModel;

  @Field(() => Int, { description: 'Their earned score over the question’s tags.' })
  score: number;

  @Field(() => [String], { description: 'The question’s tags they claim or earned.' })
  tags: string[];

  @Field({ description: 'The asker already invited them.' })
  invited: boolean;
}

@ObjectType('PeerInvitation', { description: 'The asker invited a peer to answer.' })
export class PeerInvitationModel {
  @Field(() => ID)
  threadId: string;

  @Field(() => MemberModel)
  invitee: MemberModel;

  @Field(() => MemberModel)
  invitedBy: MemberModel;

  @Field(() => GraphQLISODateTime)
  createdAt: Date;
}
