import { ResolveField, Resolver } from '@nestjs/graphql';
import { GraphQLContext } from '@app/core';
import { ReactionModel } from './engagement.models';
import { FeedbackRatingsService } from './feedback-ratings.service';
import { ReactionsService } from './reactions.service';
import { ReplyModel } from './reply.model';

/**
 * Part B's fields on `Reply`, on the reply tree's hot path (2,000 replies a request): one batched
 * statement each, and no parameter decorators, so that Nest hands graphql-js the plain method
 * (its fast field path: no pipes or param factories per reply). The viewer is what the access
 * guard put on the request for the operation. Reactions loaded with the tree are answered
 * synchronously (ReplyQueries.tree).
 */
@Resolver(() => ReplyModel)
export class ReplyEngagementFieldsResolver {
  constructor(
    private readonly reactionService: ReactionsService,
    private readonly ratings: FeedbackRatingsService,
  ) {}

  @ResolveField(() => [ReactionModel], {
    description: 'HELPFUL, INSIGHTFUL and SAME_HERE (all zero on placeholders).',
  })
  reactions(
    reply: ReplyModel,
    _args: unknown,
    context: GraphQLContext,
  ): Promise<readonly ReactionModel[]> | readonly ReactionModel[] {
    if (reply.preloadedReactions) return reply.preloadedReactions;
    if (reply.removed) return this.reactionService.none();
    return this.reactionService.replyLoader(context.req, context.req.member ?? null).load(reply.id);
  }

  @ResolveField(() => Boolean, {
    nullable: true,
    description: 'The asker rated the feedback useful (true) or not (false); null if not rated.',
  })
  feedbackUseful(
    reply: ReplyModel,
    _args: unknown,
    context: GraphQLContext,
  ): Promise<boolean | null> | null {
    if (!reply.feedback) return null;
    return this.ratings.loader(context.req).load(reply.id);
  }
}
