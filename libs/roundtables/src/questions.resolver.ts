import { Args, Context, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import {
  Access,
  AccountsService,
  AuthenticatedMember,
  GraphQLContext,
  MemberModel,
  Role,
  Viewer,
  hasRole,
  toMemberModel,
} from '@app/core';
import { QuestionIdArgs, SubmitQuestionInput } from './dto/roundtable.args';
import { QuestionsService } from './questions.service';
import { QuestionModel } from './roundtable.models';
import { RoundtablesLoaders } from './roundtables.loader';

@Access('member')
@Resolver(() => QuestionModel)
export class QuestionsResolver {
  constructor(
    private readonly questions: QuestionsService,
    private readonly loaders: RoundtablesLoaders,
    private readonly accounts: AccountsService,
  ) {}

  @Mutation(() => QuestionModel, {
    description: 'While SCHEDULED, registrants and facilitators; up to 10 questions each.',
  })
  submitQuestion(
    @Args('input') input: SubmitQuestionInput,
    @Viewer() viewer: AuthenticatedMember,
  ): Promise<QuestionModel> {
    return this.questions.submit(viewer, input.roundtableId, input.text);
  }

  @Mutation(() => QuestionModel, {
    description: 'While SCHEDULED, registrants and facilitators; once per question (CONFLICT).',
  })
  upvoteQuestion(
    @Args() args: QuestionIdArgs,
    @Viewer() viewer: AuthenticatedMember,
  ): Promise<QuestionModel> {
    return this.questions.upvote(viewer, args.questionId);
  }

  @ResolveField(() => MemberModel, {
    nullable: true,
    description: 'Null in Chatham House sessions, except for the author themself and moderators.',
  })
  async author(
    @Parent() question: QuestionModel,
    @Viewer() viewer: AuthenticatedMember,
    @Context() context: GraphQLContext,
  ): Promise<MemberModel | null> {
    const named =
      !question.chathamHouse || question.authorId === viewer.id || hasRole(viewer, Role.MODERATOR);
    if (!named) return null;
    const account = await this.accounts.loaderFor(context.req).load(question.authorId);
    return account ? toMemberModel(account) : null;
  }

  @ResolveField(() => Boolean, { description: 'Whether you upvoted it.' })
  viewerHasVoted(
    @Parent() question: QuestionModel,
    @Viewer() viewer: AuthenticatedMember,
    @Context() context: GraphQLContext,
  ): Promise<boolean> {
    return this.loaders.votedBy(context.req, viewer.id).load(question.id);
  }
}
