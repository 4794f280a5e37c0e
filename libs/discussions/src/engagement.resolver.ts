import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { Access, AuthenticatedMember, Viewer } from '@app/core';
import {
  InvitePeerArgs,
  RateFeedbackArgs,
  ThreadRefArgs,
  ToggleReactionInput,
} from './dto/engagement.inputs';
import { PeerInvitationModel, ReactionModel } from './engagement.models';
import { FeedbackRatingsService } from './feedback-ratings.service';
import { PeerInvitationsService } from './peer-invitations.service';
import { ReactionsService } from './reactions.service';
import { ReplyModel } from './reply.model';
import { ThreadModel } from './thread.model';
import { ThreadReadersService } from './thread-readers.service';

/** Part B's mutations: who acts, then the service (which checks the rights). */
@Resolver()
export class EngagementResolver {
  constructor(
    private readonly reactions: ReactionsService,
    private readonly ratings: FeedbackRatingsService,
    private readonly invitations: PeerInvitationsService,
    private readonly readers: ThreadReadersService,
  ) {}

  @Access('member')
  @Mutation(() => [ReactionModel], {
    description:
      'Gives or takes back a reaction to a thread or a reply (one of each kind per member; not ' +
      'to your own posts). Answers the target’s reactions.',
  })
  toggleReaction(
    @Args('input') input: ToggleReactionInput,
    @Viewer() viewer: AuthenticatedMember,
  ): Promise<ReactionModel[]> {
    return this.reactions.toggle(viewer, input);
  }

  @Access('member')
  @Mutation(() => ReplyModel, {
    description: 'The asker rates the structured feedback of a reply to their thread.',
  })
  rateFeedback(
    @Args() args: RateFeedbackArgs,
    @Viewer() viewer: AuthenticatedMember,
  ): Promise<ReplyModel> {
    return this.ratings.rate(viewer, args.replyId, args.useful ?? null);
  }

  @Access('member')
  @Mutation(() => PeerInvitationModel, {
    description: 'The asker invites a peer to answer (at most 5 per question); they are notified.',
  })
  invitePeer(
    @Args() args: InvitePeerArgs,
    @Viewer() viewer: AuthenticatedMember,
  ): Promise<PeerInvitationModel> {
    return this.invitations.invite(viewer, args.threadId, args.handle);
  }

  @Access('member')
  @Mutation(() => ThreadModel, { description: 'Be notified of new replies in the thread.' })
  followThread(
    @Args() args: ThreadRefArgs,
    @Viewer() viewer: AuthenticatedMember,
  ): Promise<ThreadModel> {
    return this.readers.setFollowing(viewer, args.threadId, true);
  }

  @Access('member')
  @Mutation(() => ThreadModel, {
    description: 'Stop following (the asker follows their own thread until they unfollow).',
  })
  unfollowThread(
    @Args() args: ThreadRefArgs,
    @Viewer() viewer: AuthenticatedMember,
  ): Promise<ThreadModel> {
    return this.readers.setFollowing(viewer, args.threadId, false);
  }

  @Access('member', { allowSuspended: true })
  @Mutation(() => ThreadModel, { description: 'Everything in the thread so far counts as read.' })
  markThreadRead(
    @Args() args: ThreadRefArgs,
    @Viewer() viewer: AuthenticatedMember,
  ): Promise<ThreadModel> {
    return this.readers.markRead(viewer, args.threadId);
  }
}
