import { Args, Context, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Access, AuthenticatedMember, GraphQLContext, Viewer } from '@app/core';
import { RoundtableIdArgs } from './dto/roundtable.args';
import { RegistrationsService } from './registrations.service';
import { toRegistration, toRoundtable } from './roundtable.mapper';
import { RegistrationModel, RoundtableModel } from './roundtable.models';
import { RoundtablesLoaders } from './roundtables.loader';

@Access('member')
@Resolver(() => RegistrationModel)
export class RegistrationsResolver {
  constructor(
    private readonly registrations: RegistrationsService,
    private readonly loaders: RoundtablesLoaders,
  ) {}

  @Mutation(() => RegistrationModel, {
    description:
      'A seat if one is free, else a place at the end of the waitlist. Registering again returns your registration unchanged.',
  })
  async registerForRoundtable(
    @Args() args: RoundtableIdArgs,
    @Viewer() viewer: AuthenticatedMember,
  ): Promise<RegistrationModel> {
    return toRegistration(await this.registrations.register(viewer, args.id));
  }

  // Leaving a session is allowed to a suspended member: it only gives something up.
  @Access('member', { allowSuspended: true })
  @Mutation(() => RoundtableModel, {
    description:
      'Gives up your seat (the first on the waitlist takes it) or your waitlist place. Without one, changes nothing.',
  })
  async cancelRegistration(
    @Args() args: RoundtableIdArgs,
    @Viewer() viewer: AuthenticatedMember,
  ): Promise<RoundtableModel> {
    return toRoundtable(await this.registrations.cancel(viewer, args.id));
  }

  @ResolveField(() => RoundtableModel)
  async roundtable(
    @Parent() registration: RegistrationModel,
    @Context() context: GraphQLContext,
  ): Promise<RoundtableModel> {
    const row = await this.loaders.byId(context.req).load(registration.roundtableId);
    if (!row) throw new Error(`roundtable ${registration.roundtableId} vanished`);
    return toRoundtable(row);
  }
}
