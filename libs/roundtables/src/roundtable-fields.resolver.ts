import { Args, Context, Int, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import {
  AccountsService,
  AuthenticatedMember,
  Connection,
  GraphQLContext,
  MemberModel,
  Viewer,
  renderMarkdown,
  toMemberModel,
} from '@app/core';
import { CalendarService } from './calendar.service';
import { QuestionsArgs } from './dto/roundtable.args';
import { withPublicErrors } from './field-errors';
import { toRegistration, toRoundtable } from './roundtable.mapper';
import {
  QuestionConnection,
  QuestionModel,
  RegistrationModel,
  RoundtableModel,
  TakeawayModel,
} from './roundtable.models';
import { RoundtablesLoaders } from './roundtables.loader';
import { SessionOutcomes } from './room/session-outcomes.loader';

/** Every field batches through a per-request loader: a page of 50 costs what a page of 5 does. */
@Resolver(() => RoundtableModel)
export class RoundtableFieldsResolver {
  constructor(
    private readonly loaders: RoundtablesLoaders,
    private readonly accounts: AccountsService,
    private readonly calendars: CalendarService,
    private readonly outcomes: SessionOutcomes,
  ) {}

  @ResolveField(() => String, { description: 'The description rendered to sanitised HTML.' })
  descriptionHtml(@Parent() roundtable: RoundtableModel): string {
    return renderMarkdown(roundtable.description);
  }

  @ResolveField(() => MemberModel, { description: 'Who scheduled it; also a facilitator.' })
  async host(@Parent() roundtable: RoundtableModel, @Context() context: GraphQLContext) {
    // Waiting for the facilitator ids first puts the host in the same account (and profile)
    // batch as the facilitators: one statement for both fields instead of two.
    await this.loaders.facilitatorIds(context.req).load(roundtable.id);
    const account = await this.accounts.loaderFor(context.req).load(roundtable.hostId);
    if (!account) throw new Error(`host ${roundtable.hostId} vanished`);
    return toMemberModel(account);
  }

  @ResolveField(() => [MemberModel], { description: 'The host first, then as named (up to 6).' })
  async facilitators(
    @Parent() roundtable: RoundtableModel,
    @Context() context: GraphQLContext,
  ): Promise<MemberModel[]> {
    const ids = await this.loaders.facilitatorIds(context.req).load(roundtable.id);
    const accounts = await this.accounts.loaderFor(context.req).loadMany(ids);
    return accounts.flatMap((account) =>
      account && !(account instanceof Error) ? [toMemberModel(account)] : [],
    );
  }

  @ResolveField(() => Boolean, { description: 'Whether you facilitate it.' })
  async viewerIsFacilitator(
    @Parent() roundtable: RoundtableModel,
    @Viewer() viewer: AuthenticatedMember,
    @Context() context: GraphQLContext,
  ): Promise<boolean> {
    return (await this.loaders.facilitatorIds(context.req).load(roundtable.id)).includes(viewer.id);
  }

  @ResolveField(() => Int, { description: 'Members holding a seat.' })
  async registeredCount(@Parent() roundtable: RoundtableModel, @Context() context: GraphQLContext) {
    return (await this.loaders.counts(context.req).load(roundtable.id)).registered;
  }

  @ResolveField(() => Int, { description: 'Members waiting for a seat.' })
  async waitlistCount(@Parent() roundtable: RoundtableModel, @Context() context: GraphQLContext) {
    return (await this.loaders.counts(context.req).load(roundtable.id)).waitlisted;
  }

  @ResolveField(() => Int, { description: 'Free seats (0 when full).' })
  async seatsLeft(@Parent() roundtable: RoundtableModel, @Context() context: GraphQLContext) {
    const { registered } = await this.loaders.counts(context.req).load(roundtable.id);
    return Math.max(roundtable.capacity - registered, 0);
  }

  @ResolveField(() => RegistrationModel, {
    nullable: true,
    description: 'Your seat or waitlist place; null when you hold neither.',
  })
  async myRegistration(
    @Parent() roundtable: RoundtableModel,
    @Viewer() viewer: AuthenticatedMember,
    @Context() context: GraphQLContext,
  ): Promise<RegistrationModel | null> {
    const row = await this.loaders.registrationOf(context.req, viewer.id).load(roundtable.id);
    return row ? toRegistration(row) : null;
  }

  @ResolveField(() => RoundtableModel, {
    nullable: true,
    description: 'The session this one continues, if it is part of a series.',
  })
  async previous(
    @Parent() roundtable: RoundtableModel,
    @Context() context: GraphQLContext,
  ): Promise<RoundtableModel | null> {
    if (!roundtable.previousId) return null;
    const row = await this.loaders.byId(context.req).load(roundtable.previousId);
    return row ? toRoundtable(row) : null;
  }

  // Written by the live room (room/session-outcomes.loader.ts); both lists are short by nature.
  @ResolveField(() => [TakeawayModel], { description: 'Pinned takeaways, once the session ran.' })
  takeaways(
    @Parent() roundtable: RoundtableModel,
    @Context() context: GraphQLContext,
  ): Promise<TakeawayModel[]> {
    return this.outcomes.pinnedTakeaways(context.req).load(roundtable.id);
  }

  @ResolveField(() => [QuestionModel], {
    description: 'Questions left unanswered when the session ended.',
  })
  openQuestions(
    @Parent() roundtable: RoundtableModel,
    @Context() context: GraphQLContext,
  ): Promise<QuestionModel[]> {
    return this.outcomes.openQuestions(context.req).load(roundtable.id);
  }

  @ResolveField(() => QuestionConnection, {
    description: 'Questions gathered before the session; a connection, as there may be many.',
  })
  questions(
    @Parent() roundtable: RoundtableModel,
    @Args() args: QuestionsArgs,
    @Context() context: GraphQLContext,
  ): Promise<Connection<QuestionModel>> {
    return withPublicErrors(() => this.loaders.questions(context.req, args).load(roundtable.id));
  }

  @ResolveField(() => String, {
    description: 'Its iCalendar file (no token needed): add it to a calendar.',
  })
  icsUrl(@Parent() roundtable: RoundtableModel): string {
    return this.calendars.icsUrl(roundtable.id);
  }
}
