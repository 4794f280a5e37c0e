import { Context, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import {
  Access,
  AccountsService,
  AuthenticatedMember,
  GraphQLContext,
  MemberModel,
  OptionalViewer,
  Viewer,
  requestLoader,
  toMemberModel,
} from '@app/core';
import { CalendarService } from './calendar.service';
import { RoundtablesError, RoundtablesErrorCode } from './roundtables.errors';

/** Adds the secret calendar address to core's Member type: only ever shown to its owner. */
@Resolver(() => MemberModel)
export class CalendarResolver {
  constructor(
    private readonly calendars: CalendarService,
    private readonly accounts: AccountsService,
  ) {}

  @ResolveField(() => String, {
    nullable: true,
    description:
      'Your personal calendar feed (the sessions you are registered for or facilitate) to subscribe to in a calendar app. Secret: anyone with it can read the feed. Null for anyone but you.',
  })
  async calendarUrl(
    @Parent() member: MemberModel,
    @OptionalViewer() viewer: AuthenticatedMember | null,
    @Context() context: GraphQLContext,
  ): Promise<string | null> {
    if (viewer?.id !== member.id) return null;
    // Only the viewer ever gets here, however often they appear: one statement per request.
    return requestLoader<string, string>(context.req, 'roundtables.feedUrl', (ids) =>
      Promise.all(ids.map((id) => this.calendars.feedUrl(id))),
    ).load(member.id);
  }

  // Replacing a leaked address is account care: a suspended member may still do it.
  @Access('member', { allowSuspended: true })
  @Mutation(() => MemberModel, {
    description: 'Replaces your calendar address; the old one stops working at once.',
  })
  async regenerateCalendarToken(@Viewer() viewer: AuthenticatedMember): Promise<MemberModel> {
    await this.calendars.regenerate(viewer.id);
    const account = await this.accounts.findById(viewer.id);
    if (!account) {
      throw new RoundtablesError(RoundtablesErrorCode.CALENDAR_NOT_FOUND, 'Sign in again.');
    }
    return toMemberModel(account);
  }
}
