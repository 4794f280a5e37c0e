import { Args, Context, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Access, AuthenticatedMember, Connection, GraphQLContext, Viewer } from '@app/core';
import { ScheduleRoundtableInput } from './dto/schedule-roundtable.input';
import {
  CancelRoundtableArgs,
  RoundtableIdArgs,
  RoundtablesArgs,
  UpdateRoundtableArgs,
} from './dto/roundtable.args';
import { RoundtableDirectory } from './roundtable-directory.service';
import { toRoundtable } from './roundtable.mapper';
import { RoundtableConnection, RoundtableModel } from './roundtable.models';
import { RoundtablesLoaders } from './roundtables.loader';
import { RoundtablesService } from './roundtables.service';

/** Thin: the access level here, the rules and transactions in the services. */
@Access('member')
@Resolver(() => RoundtableModel)
export class RoundtablesResolver {
  constructor(
    private readonly service: RoundtablesService,
    private readonly directory: RoundtableDirectory,
    private readonly loaders: RoundtablesLoaders,
  ) {}

  @Query(() => RoundtableConnection, { description: 'Soonest first.' })
  roundtables(
    @Args() args: RoundtablesArgs,
    @Viewer() viewer: AuthenticatedMember,
    @Context() context: GraphQLContext,
  ): Promise<Connection<RoundtableModel>> {
    return this.directory.list(args.filter, args.first, args.after, viewer.id, (rows) =>
      this.loaders.prime(context.req, rows),
    );
  }

  @Query(() => RoundtableModel, { nullable: true })
  async roundtable(
    @Args() args: RoundtableIdArgs,
    @Context() context: GraphQLContext,
  ): Promise<RoundtableModel | null> {
    const row = await this.loaders.byId(context.req).load(args.id);
    return row ? toRoundtable(row) : null;
  }

  @Mutation(() => RoundtableModel, {
    description: 'You become its host; you and the members you name facilitate it.',
  })
  async scheduleRoundtable(
    @Args('input') input: ScheduleRoundtableInput,
    @Viewer() viewer: AuthenticatedMember,
  ): Promise<RoundtableModel> {
    return toRoundtable(await this.service.schedule(viewer, input));
  }

  @Mutation(() => RoundtableModel, {
    description: 'Facilitators or moderators, while SCHEDULED. Raises the calendar SEQUENCE.',
  })
  async updateRoundtable(
    @Args() args: UpdateRoundtableArgs,
    @Viewer() viewer: AuthenticatedMember,
  ): Promise<RoundtableModel> {
    return toRoundtable(await this.service.update(viewer, args.id, args.input));
  }

  @Mutation(() => RoundtableModel, {
    description:
      'Facilitators or moderators, while SCHEDULED; everyone registered or waitlisted is notified.',
  })
  async cancelRoundtable(
    @Args() args: CancelRoundtableArgs,
    @Viewer() viewer: AuthenticatedMember,
  ): Promise<RoundtableModel> {
    return toRoundtable(await this.service.cancel(viewer, args.id, args.reason));
  }

  @Mutation(() => RoundtableModel, {
    description:
      'A facilitator: any time before startsAt (early starts are fine) until 30 minutes after it, and never after the scheduled end.',
  })
  async startRoundtable(
    @Args() args: RoundtableIdArgs,
    @Viewer() viewer: AuthenticatedMember,
  ): Promise<RoundtableModel> {
    return toRoundtable(await this.service.start(viewer, args.id));
  }

  @Mutation(() => RoundtableModel, { description: 'Facilitators or moderators, while LIVE.' })
  async endRoundtable(
    @Args() args: RoundtableIdArgs,
    @Viewer() viewer: AuthenticatedMember,
  ): Promise<RoundtableModel> {
    return toRoundtable(await this.service.end(viewer, args.id));
  }
}
