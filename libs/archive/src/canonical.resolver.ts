import { Args, Context, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Access, AuthenticatedMember, GraphQLContext, OptionalViewer, Viewer } from '@app/core';
import { ReplyModel, ReplyQueries, ThreadModel } from '@app/discussions';
import { SearchResultModel } from '@app/search';
import { CanonicalAnswers } from './canonical-answers.service';
import { CanonicalAnswerArgs } from './dto/collection.inputs';

/** Marking and unmarking canonical answers (moderators and admins, checked in the service). */
@Resolver()
export class CanonicalAnswersResolver {
  constructor(private readonly answers: CanonicalAnswers) {}

  @Access('member')
  @Mutation(() => ReplyModel, {
    description:
      'Moderators: the community’s best answer to its question, shown first (Thread.canonicalAnswer) and boosted in search. Audited.',
  })
  markCanonicalAnswer(
    @Args() args: CanonicalAnswerArgs,
    @Viewer() viewer: AuthenticatedMember,
  ): Promise<ReplyModel> {
    return this.answers.mark(viewer, args.replyId, args.reason);
  }

  @Access('member')
  @Mutation(() => ReplyModel, {
    nullable: true,
    description: 'Moderators: no longer canonical (audited). Null if the reply is gone.',
  })
  unmarkCanonicalAnswer(
    @Args() args: CanonicalAnswerArgs,
    @Viewer() viewer: AuthenticatedMember,
  ): Promise<ReplyModel | null> {
    return this.answers.unmark(viewer, args.replyId, args.reason);
  }
}

@Resolver(() => ThreadModel)
export class ThreadCanonicalResolver {
  constructor(
    private readonly answers: CanonicalAnswers,
    private readonly replyQueries: ReplyQueries,
  ) {}

  @ResolveField(() => ReplyModel, {
    nullable: true,
    description:
      'The answer moderators marked as canonical: show it first. Null if none, or you cannot see it.',
  })
  async canonicalAnswer(
    @Parent() thread: ThreadModel,
    @OptionalViewer() viewer: AuthenticatedMember | null,
    @Context() context: GraphQLContext,
  ): Promise<ReplyModel | null> {
    const replyId = await this.answers.byThreadLoader(context.req).load(thread.id);
    if (!replyId) return null;
    const reply = await this.replyQueries.loader(context.req, viewer).load(replyId);
    return reply && !reply.removed ? reply : null;
  }
}

// Per-row fields (2,000 tree rows, search pages) take graphql's own signature: Nest's fast path.

@Resolver(() => ReplyModel)
export class ReplyCanonicalResolver {
  constructor(private readonly answers: CanonicalAnswers) {}

  @ResolveField(() => Boolean, { description: 'Marked by moderators as the canonical answer.' })
  canonical(reply: ReplyModel, _args: object, context: GraphQLContext): Promise<boolean> {
    return this.answers.isCanonicalLoader(context.req).load(reply.id);
  }
}

@Resolver(() => SearchResultModel)
export class SearchResultCanonicalResolver {
  constructor(private readonly answers: CanonicalAnswers) {}

  @ResolveField(() => Boolean, {
    description: 'A REPLY that moderators marked as the canonical answer to its question.',
  })
  async canonical(result: SearchResultModel, _args: object, context: GraphQLContext) {
    if (result.kind !== 'REPLY') return false;
    return this.answers.isCanonicalLoader(context.req).load(result.targetId);
  }
}
