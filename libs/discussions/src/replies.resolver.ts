import { Args, Context, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Access, AuthenticatedMember, GraphQLContext, OptionalViewer, Viewer } from '@app/core';
import { EditReplyInput, PostReplyInput, ReplyIdArgs } from './dto/reply.inputs';
import { ReplyModel } from './reply.model';
import { ReplyQueries } from './reply-queries.service';
import { RepliesService } from './replies.service';

@Resolver(() => ReplyModel)
export class RepliesResolver {
  constructor(
    private readonly replies: RepliesService,
    private readonly queries: ReplyQueries,
  ) {}

  @Access('anyone')
  @Query(() => ReplyModel, {
    nullable: true,
    description: 'One reply, to continue a thread from it; null if you may not see it.',
  })
  replyById(
    @Args() args: ReplyIdArgs,
    @OptionalViewer() viewer: AuthenticatedMember | null,
    @Context() context: GraphQLContext,
  ): Promise<ReplyModel | null> {
    return this.queries.loader(context.req, viewer).load(args.id);
  }

  @Access('member')
  @Mutation(() => ReplyModel, {
    description: 'Replies to a thread or, with parentReplyId, to a reply. 10 a minute at most.',
  })
  postReply(
    @Args('input') input: PostReplyInput,
    @Viewer() viewer: AuthenticatedMember,
  ): Promise<ReplyModel> {
    return this.replies.post(viewer, input);
  }

  @Access('member')
  @Mutation(() => ReplyModel, { description: 'The author edits; a revision is kept.' })
  editReply(
    @Args('input') input: EditReplyInput,
    @Viewer() viewer: AuthenticatedMember,
  ): Promise<ReplyModel> {
    return this.replies.edit(viewer, input);
  }

  @Access('member')
  @Mutation(() => ReplyModel, {
    description: 'The author deletes; with replies under it, it stays as a placeholder.',
  })
  deleteReply(
    @Args() args: ReplyIdArgs,
    @Viewer() viewer: AuthenticatedMember,
  ): Promise<ReplyModel> {
    return this.replies.delete(viewer, args.id);
  }
}
