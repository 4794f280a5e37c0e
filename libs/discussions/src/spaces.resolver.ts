import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Access, AuthenticatedMember, OptionalViewer, Viewer } from '@app/core';
import { CreateSpaceInput, SpaceArgs, SpacesArgs } from './dto/space.inputs';
import { SpaceConnection, SpaceModel } from './space.model';
import { SpacesService } from './spaces.service';

@Resolver(() => SpaceModel)
export class SpacesResolver {
  constructor(private readonly spaceService: SpacesService) {}

  @Access('anyone')
  @Query(() => SpaceConnection, {
    description: 'Spaces by name; without a token, PUBLIC spaces only.',
  })
  spaces(@Args() args: SpacesArgs, @OptionalViewer() viewer: AuthenticatedMember | null) {
    return this.spaceService.page(viewer, args.first, args.after);
  }

  @Access('anyone')
  @Query(() => SpaceModel, {
    nullable: true,
    description: 'A space by slug; null if missing or members-only and you are not signed in.',
  })
  space(@Args() args: SpaceArgs, @OptionalViewer() viewer: AuthenticatedMember | null) {
    return this.spaceService.findReadable(args.slug, viewer);
  }

  @Access('moderator')
  @Mutation(() => SpaceModel, { description: 'Moderators and admins create spaces.' })
  createSpace(
    @Args('input') input: CreateSpaceInput,
    @Viewer() viewer: AuthenticatedMember,
  ): Promise<SpaceModel> {
    return this.spaceService.create(viewer, input);
  }
}
