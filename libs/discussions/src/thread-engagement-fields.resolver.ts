import { Int, ResolveField, Resolver } from '@nestjs/graphql';
import { GraphQLContext } from '@app/core';
import { ExpertiseService } from './expertise.service';
import { PeerInvitationModel, ReactionModel, SuggestedPeerModel } from './engagement.models';
import { PeerInvitationsService } from './peer-invitations.service';
import { ReactionsService } from './reactions.service';
import { isStaff } from './reader';
import { ThreadModel } from './thread.model';
import { ThreadReadersService } from './thread-readers.service';

/**
 * Part B's fields on `Thread`, each batched per request. Like every per-row field they take
 * graphql's own (parent, args, context), no parameter decorators (Nest's fast field path); the
 * reader is the one the access guard put on the request.
 */
@Resolver(() => ThreadModel)
export class ThreadEngagementFieldsResolver {
  constructor(
    private readonly reactionService: ReactionsService,
    private readonly readers: ThreadReadersService,
    private readonly expertise: ExpertiseService,
    private readonly invitationService: PeerInvitationsService,
  ) {}

  @ResolveField(() => [ReactionModel], { description: 'HELPFUL, INSIGHTFUL and SAME_HERE.' })
  reactions(
    thread: ThreadModel,
    _args: unknown,
    context: GraphQLContext,
  ): Promise<readonly ReactionModel[]> {
    return this.reactionService
      .threadLoader(context.req, context.req.member ?? null)
      .load(thread.id);
  }

  @ResolveField(() => Boolean, { description: 'You follow the thread (false when not signed in).' })
  following(
    thread: ThreadModel,
    _args: unknown,
    context: GraphQLContext,
  ): Promise<boolean> | false {
    const reader = context.req.member;
    if (!reader) return false;
    return this.readers.followingLoader(context.req, reader).load(thread);
  }

  @ResolveField(() => Int, {
    nullable: true,
    description:
      'Replies by others since you last marked the thread read; null when not signed in.',
  })
  unreadCount(
    thread: ThreadModel,
    _args: unknown,
    context: GraphQLContext,
  ): Promise<number> | null {
    const reader = context.req.member;
    if (!reader) return null;
    return this.readers.unreadLoader(context.req, reader).load(thread.id);
  }

  @ResolveField(() => [SuggestedPeerModel], {
    description:
      'Up to 10 members whose claimed or earned expertise matches the question’s tags, best ' +
      'earned score first; the asker left out. Empty for discussions and when not signed in.',
  })
  suggestedPeers(
    thread: ThreadModel,
    _args: unknown,
    context: GraphQLContext,
  ): Promise<SuggestedPeerModel[]> | [] {
    if (!context.req.member) return [];
    return this.expertise.suggestedLoader(context.req).load(thread.id);
  }

  @ResolveField(() => [PeerInvitationModel], {
    description: 'Peers the asker invited; only the asker and moderators see them.',
  })
  invitations(
    thread: ThreadModel,
    _args: unknown,
    context: GraphQLContext,
  ): Promise<PeerInvitationModel[]> | [] {
    const reader = context.req.member;
    if (!reader || (reader.id !== thread.authorId && !isStaff(reader))) return [];
    return this.invitationService.loader(context.req).load(thread.id);
  }
}
