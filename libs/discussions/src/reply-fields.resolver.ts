import { Args, Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import {
  AccountsService,
  AuthenticatedMember,
  Connection,
  GraphQLContext,
  MemberModel,
  OptionalViewer,
  toMemberModel,
} from '@app/core';
import { toMembers } from './authors';
import { emptyConnection } from './empty-connection';
import { checkPage, withPublicErrors } from './field-args';
import { AFTER, FIRST } from './page-args';
import { ReplyConnection, ReplyModel } from './reply.model';
import { ReplyQueries } from './reply-queries.service';
import { RevisionConnection, RevisionModel } from './revision.model';
import { RevisionsService } from './revisions.service';
import { ThreadModel } from './thread.model';
import { ThreadQueries } from './thread-queries.service';

type Reader = AuthenticatedMember | null;

/** Reply relations, each batched per request. */
@Resolver(() => ReplyModel)
export class ReplyFieldsResolver {
  constructor(
    private readonly accounts: AccountsService,
    private readonly threadQueries: ThreadQueries,
    private readonly replyQueries: ReplyQueries,
    private readonly revisionService: RevisionsService,
  ) {}

  // Per-row fields take graphql's own (parent, args, context) and no parameter decorators: Nest
  // then calls them directly (its fast field path), which keeps a 2,000-reply tree cheap.
  @ResolveField(() => MemberModel, { nullable: true, description: 'Null on placeholders.' })
  author(
    reply: ReplyModel,
    _args: object,
    context: GraphQLContext,
  ): MemberModel | null | Promise<MemberModel | null> {
    if (reply.preloadedAuthor !== undefined) return reply.preloadedAuthor;
    if (!reply.authorId) return null;
    return this.accounts
      .loaderFor(context.req)
      .load(reply.authorId)
      .then((account) => (account ? toMemberModel(account) : null));
  }

  @ResolveField(() => ThreadModel)
  async thread(reply: ReplyModel, _args: object, context: GraphQLContext): Promise<ThreadModel> {
    const viewer = context.req.member ?? null;
    const thread = await this.threadQueries.loader(context.req, viewer).load(reply.threadId);
    // A reply is only ever shown inside a thread its reader can see.
    if (!thread) throw new Error(`reply ${reply.id}: thread ${reply.threadId} is not readable`);
    return thread;
  }

  @ResolveField(() => ReplyConnection, {
    description: 'Replies directly under this one, oldest first.',
  })
  children(
    @Parent() reply: ReplyModel,
    @Args('first', FIRST) first: number | null,
    @Args('after', AFTER) after: string | null,
    @OptionalViewer() viewer: Reader,
    @Context() context: GraphQLContext,
  ): Promise<Connection<ReplyModel>> {
    return withPublicErrors(async () => {
      const page = checkPage(first, after);
      if (reply.childCount === 0 && !page.after) return emptyConnection<ReplyModel>();
      return this.replyQueries
        .childrenLoader(context.req, viewer)
        .load({ threadId: reply.threadId, parentId: reply.id, ...page });
    });
  }

  @ResolveField(() => [MemberModel], { description: 'Members @mentioned in the body.' })
  async mentions(reply: ReplyModel, _args: object, context: GraphQLContext) {
    if (reply.mentionIds.length === 0) return [];
    return toMembers(await this.accounts.loaderFor(context.req).loadMany(reply.mentionIds));
  }

  @ResolveField(() => RevisionConnection, {
    description: 'Versions of the reply, oldest first; empty on placeholders.',
  })
  revisions(
    @Parent() reply: ReplyModel,
    @Args('first', FIRST) first: number | null,
    @Args('after', AFTER) after: string | null,
    @Context() context: GraphQLContext,
  ): Promise<Connection<RevisionModel>> {
    return withPublicErrors(async () => {
      const page = checkPage(first, after);
      if (reply.removed || !reply.authorId || reply.body === null)
        return emptyConnection<RevisionModel>();
      return this.revisionService.loader(context.req).load({
        post: {
          threadId: reply.threadId,
          replyId: reply.id,
          authorId: reply.authorId,
          createdAt: reply.createdAt,
          title: null,
          body: reply.body,
        },
        ...page,
      });
    });
  }
}
