import { Context, GraphQLISODateTime, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { AuthenticatedMember, GraphQLContext, OptionalViewer } from '@app/core';
import { ThreadModel } from './thread.model';
import { ThreadModeration } from './thread-moderation.service';
import { ThreadQueries } from './thread-queries.service';

/** What moderators set on a thread and every reader sees: pinned, merged (a redirect). */
@Resolver(() => ThreadModel)
export class ThreadModerationFieldsResolver {
  constructor(
    private readonly moderation: ThreadModeration,
    private readonly threads: ThreadQueries,
  ) {}

  @ResolveField(() => Boolean, { description: 'Pinned by a moderator: first in its space.' })
  async pinned(@Parent() thread: ThreadModel, @Context() context: GraphQLContext) {
    const flags = await this.moderation.flagsLoader(context.req).load(thread.id);
    return !!flags?.pinnedAt;
  }

  @ResolveField(() => GraphQLISODateTime, { nullable: true })
  async pinnedAt(@Parent() thread: ThreadModel, @Context() context: GraphQLContext) {
    return (await this.moderation.flagsLoader(context.req).load(thread.id))?.pinnedAt ?? null;
  }

  @ResolveField(() => ThreadModel, {
    nullable: true,
    description:
      'Set when a moderator merged this thread into another: its replies are there now; open that one instead.',
  })
  async mergedInto(
    @Parent() thread: ThreadModel,
    @OptionalViewer() viewer: AuthenticatedMember | null,
    @Context() context: GraphQLContext,
  ): Promise<ThreadModel | null> {
    const flags = await this.moderation.flagsLoader(context.req).load(thread.id);
    if (!flags?.mergedIntoId) return null;
    return this.threads.loader(context.req, viewer).load(flags.mergedIntoId);
  }
}
