import { Args, Context, Mutation, Query, Resolver } from '@nestjs/graphql';
import {
  Access,
  AuthenticatedMember,
  Connection,
  GraphQLContext,
  OptionalViewer,
  Viewer,
} from '@app/core';
import { AcceptAnswerArgs } from './dto/reply.inputs';
import { ThreadsArgs } from './dto/thread-filter.input';
import { EditThreadInput, StartThreadInput, ThreadIdArgs } from './dto/thread.inputs';
import { ThreadConnection, ThreadModel } from './thread.model';
import { ThreadQueries } from './thread-queries.service';
import { ThreadsService } from './threads.service';

@Resolver(() => ThreadModel)
export class ThreadsResolver {
  constructor(
    private readonly threadService: ThreadsService,
    private readonly queries: ThreadQueries,
  ) {}

  @Access('anyone')
  @Query(() => ThreadModel, {
    nullable: true,
    description: 'Null if it does not exist or you may not see it.',
  })
  thread(
    @Args() args: ThreadIdArgs,
    @OptionalViewer() viewer: AuthenticatedMember | null,
    @Context() context: GraphQLContext,
  ): Promise<ThreadModel | null> {
    return this.queries.loader(context.req, viewer).load(args.id);
  }

  @Access('anyone')
  @Query(() => ThreadConnection, {
    description: 'Threads you may see; without a token, those in PUBLIC spaces.',
  })
  threads(
    @Args() args: ThreadsArgs,
    @OptionalViewer() viewer: AuthenticatedMember | null,
  ): Promise<Connection<ThreadModel>> {
    return this.queries.page(viewer, args.filter, args.orderBy, args.first, args.after);
  }

  @Access('member')
  @Mutation(() => ThreadModel, { description: 'Asks a question or opens a discussion.' })
  startThread(
    @Args('input') input: StartThreadInput,
    @Viewer() viewer: AuthenticatedMember,
  ): Promise<ThreadModel> {
    return this.threadService.start(viewer, input);
  }

  @Access('member')
  @Mutation(() => ThreadModel, { description: 'The author edits; a revision is kept.' })
  editThread(
    @Args('input') input: EditThreadInput,
    @Viewer() viewer: AuthenticatedMember,
  ): Promise<ThreadModel> {
    return this.threadService.edit(viewer, input);
  }

  @Access('member')
  @Mutation(() => ThreadModel, {
    description: 'The author deletes (soft); the answer carries `deletedAt`.',
  })
  deleteThread(
    @Args() args: ThreadIdArgs,
    @Viewer() viewer: AuthenticatedMember,
  ): Promise<ThreadModel> {
    return this.threadService.delete(viewer, args.id);
  }

  @Access('member')
  @Mutation(() => ThreadModel, {
    description: 'The asker accepts an answer to their question (again to change it).',
  })
  acceptAnswer(
    @Args() args: AcceptAnswerArgs,
    @Viewer() viewer: AuthenticatedMember,
  ): Promise<ThreadModel> {
    return this.threadService.acceptAnswer(viewer, args.replyId);
  }
}
