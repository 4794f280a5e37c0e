import { Context, Int, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import {
  AuthenticatedMember,
  GraphQLContext,
  MemberModel,
  OptionalViewer,
  renderMarkdown,
} from '@app/core';
import { MembersService, MemberTags } from './members.service';
import { ProfileEntity, ProfileVisibility } from './profile.entity';

type Viewer = AuthenticatedMember | null;

/**
 * Adds the profile fields to core's `Member` type. All fields of a page of members share one
 * batched profile query and one tag query (per-request DataLoaders). Anonymous readers see
 * profile fields only on PUBLIC profiles: a MEMBERS-only author shows name and handle alone.
 */
@Resolver(() => MemberModel)
export class MemberFieldsResolver {
  constructor(private readonly members: MembersService) {}

  private async profile(
    member: MemberModel,
    viewer: Viewer,
    context: GraphQLContext,
  ): Promise<ProfileEntity | null> {
    const profile = await this.members.profileLoader(context.req).load(member.id);
    if (!viewer && profile?.visibility !== ProfileVisibility.PUBLIC) return null;
    return profile;
  }

  private async tags(
    member: MemberModel,
    viewer: Viewer,
    context: GraphQLContext,
  ): Promise<MemberTags> {
    if (!viewer && !(await this.profile(member, viewer, context)))
      return { expertise: [], learning: [] };
    return this.members.tagsLoader(context.req).load(member.id);
  }

  @ResolveField(() => String, { nullable: true })
  async headline(
    @Parent() m: MemberModel,
    @OptionalViewer() v: Viewer,
    @Context() c: GraphQLContext,
  ) {
    return (await this.profile(m, v, c))?.headline ?? null;
  }

  @ResolveField(() => String, { nullable: true, description: 'Markdown as written.' })
  async bio(@Parent() m: MemberModel, @OptionalViewer() v: Viewer, @Context() c: GraphQLContext) {
    return (await this.profile(m, v, c))?.bio ?? null;
  }

  @ResolveField(() => String, {
    nullable: true,
    description: 'The bio rendered to sanitised HTML.',
  })
  async bioHtml(
    @Parent() m: MemberModel,
    @OptionalViewer() v: Viewer,
    @Context() c: GraphQLContext,
  ) {
    const bio = (await this.profile(m, v, c))?.bio;
    return bio ? renderMarkdown(bio) : null;
  }

  @ResolveField(() => String, { nullable: true })
  async organization(
    @Parent() m: MemberModel,
    @OptionalViewer() v: Viewer,
    @Context() c: GraphQLContext,
  ) {
    return (await this.profile(m, v, c))?.organization ?? null;
  }

  @ResolveField(() => String, { nullable: true })
  async jobTitle(
    @Parent() m: MemberModel,
    @OptionalViewer() v: Viewer,
    @Context() c: GraphQLContext,
  ) {
    return (await this.profile(m, v, c))?.jobTitle ?? null;
  }

  @ResolveField(() => Int, { nullable: true, description: 'Years of community practice.' })
  async yearsOfPractice(
    @Parent() m: MemberModel,
    @OptionalViewer() v: Viewer,
    @Context() c: GraphQLContext,
  ) {
    return (await this.profile(m, v, c))?.yearsOfPractice ?? null;
  }

  @ResolveField(() => String, { nullable: true })
  async location(
    @Parent() m: MemberModel,
    @OptionalViewer() v: Viewer,
    @Context() c: GraphQLContext,
  ) {
    return (await this.profile(m, v, c))?.location ?? null;
  }

  @ResolveField(() => String, { nullable: true, description: 'IANA time zone.' })
  async timeZone(
    @Parent() m: MemberModel,
    @OptionalViewer() v: Viewer,
    @Context() c: GraphQLContext,
  ) {
    return (await this.profile(m, v, c))?.timeZone ?? null;
  }

  @ResolveField(() => [String])
  async links(@Parent() m: MemberModel, @OptionalViewer() v: Viewer, @Context() c: GraphQLContext) {
    return (await this.profile(m, v, c))?.links ?? [];
  }

  @ResolveField(() => String, { nullable: true })
  async avatarUrl(
    @Parent() m: MemberModel,
    @OptionalViewer() v: Viewer,
    @Context() c: GraphQLContext,
  ) {
    return (await this.profile(m, v, c))?.avatarUrl ?? null;
  }

  @ResolveField(() => ProfileVisibility)
  async visibility(@Parent() m: MemberModel, @Context() c: GraphQLContext) {
    return (
      (await this.members.profileLoader(c.req).load(m.id))?.visibility ?? ProfileVisibility.MEMBERS
    );
  }

  @ResolveField(() => [String], { description: 'Claimed expertise: "can help with" (up to 10).' })
  async expertise(
    @Parent() m: MemberModel,
    @OptionalViewer() v: Viewer,
    @Context() c: GraphQLContext,
  ) {
    return (await this.tags(m, v, c)).expertise;
  }

  @ResolveField(() => [String], { description: '"Wants to learn" (up to 10).' })
  async learning(
    @Parent() m: MemberModel,
    @OptionalViewer() v: Viewer,
    @Context() c: GraphQLContext,
  ) {
    return (await this.tags(m, v, c)).learning;
  }
}
