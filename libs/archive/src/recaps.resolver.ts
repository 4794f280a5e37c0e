import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import {
  Access,
  AccountsService,
  AuthenticatedMember,
  GraphQLContext,
  MemberModel,
  OptionalViewer,
  Viewer,
  toMemberModel,
} from '@app/core';
import { ThreadModel, ThreadQueries } from '@app/discussions';
import {
  DraftRecapArgs,
  OpenQuestionsAsThreadsInput,
  PublishRecapInput,
  RecapIdArgs,
  UpdateRecapInput,
} from './dto/recap.inputs';
import { RecapModel, RecapQuestionModel } from './recap.models';
import { RecapQuestions } from './recap-questions.service';
import { RecapsService } from './recaps.service';

/** Recaps: rights (moderators, the session's facilitators, curators) are checked in services. */
@Resolver(() => RecapModel)
export class RecapsResolver {
  constructor(
    private readonly recaps: RecapsService,
    private readonly questions: RecapQuestions,
    private readonly accounts: AccountsService,
  ) {}

  @Access('member')
  @Query(() => RecapModel, {
    nullable: true,
    description: 'Published recaps; drafts only for moderators and the session’s facilitators.',
  })
  recap(@Args() args: RecapIdArgs, @Viewer() viewer: AuthenticatedMember) {
    return this.recaps.find(viewer, args.id);
  }

  @Access('member')
  @Mutation(() => RecapModel, {
    description:
      'Moderators and the session’s facilitators: a draft from an ended session’s record.',
  })
  draftRecap(@Args() args: DraftRecapArgs, @Viewer() viewer: AuthenticatedMember) {
    return this.recaps.draft(viewer, args.roundtableId);
  }

  @Access('member')
  @Mutation(() => RecapModel, { description: 'Only what is sent changes.' })
  updateRecap(@Args('input') input: UpdateRecapInput, @Viewer() viewer: AuthenticatedMember) {
    return this.recaps.update(viewer, input);
  }

  @Access('member')
  @Mutation(() => RecapModel, {
    description: 'Readable by every member and searchable; curators may add it to collections.',
  })
  publishRecap(@Args('input') input: PublishRecapInput, @Viewer() viewer: AuthenticatedMember) {
    return this.recaps.publish(viewer, input);
  }

  @Access('member')
  @Mutation(() => RecapModel, {
    description:
      'Unanswered questions of a published recap become open QUESTION threads linked back to it; members whose expertise matches are invited.',
  })
  openQuestionsAsThreads(
    @Args('input') input: OpenQuestionsAsThreadsInput,
    @Viewer() viewer: AuthenticatedMember,
  ) {
    return this.questions.open(viewer, input);
  }

  @ResolveField(() => MemberModel, { nullable: true })
  async createdBy(recap: RecapModel, _args: object, context: GraphQLContext) {
    const account = await this.accounts.loaderFor(context.req).load(recap.createdById);
    return account ? toMemberModel(account) : null;
  }
}

@Resolver(() => RecapQuestionModel)
export class RecapQuestionFieldsResolver {
  constructor(
    private readonly questions: RecapQuestions,
    private readonly threads: ThreadQueries,
  ) {}

  @ResolveField(() => ThreadModel, {
    nullable: true,
    description: 'The open thread this question became, if you can see it.',
  })
  async thread(
    @Parent() question: RecapQuestionModel,
    @OptionalViewer() viewer: AuthenticatedMember | null,
    @Context() context: GraphQLContext,
  ): Promise<ThreadModel | null> {
    const id = await this.questions
      .threadIdLoader(context.req)
      .load(`${question.recapId}:${question.id}`);
    return id ? this.threads.loader(context.req, viewer).load(id) : null;
  }
}
