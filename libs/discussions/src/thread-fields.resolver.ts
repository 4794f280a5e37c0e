import { Args, Context, ID, Info, Int, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { GraphQLResolveInfo } from 'graphql';
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
import { AFTER, FIRST } from './page-args';
import { TREE_DEFAULT_LIMIT, checkPage, checkTreeArgs, withPublicErrors } from './field-args';
import { ReplyConnection, ReplyModel } from './reply.model';
import { selectsField } from './selection';
import { ReplyQueries } from './reply-queries.service';
import { RevisionConnection, RevisionModel } from './revision.model';
import { RevisionsService } from './revisions.service';
import { SpaceModel } from './space.model';
import { SpacesService } from './spaces.service';
import { ThreadModel } from './thread.model';

type Reader = AuthenticatedMember | null;

/**
 * A tree row costs a hundredth of a list item: the whole list is one statement and plain
 * properties, so the default limit of 2,000 fits the query cost limit.
 */
const TREE_ROWS_PER_COST_UNIT = 100;

/** Thread relations, each batched per request. */
@Resolver(() => ThreadModel)
export class ThreadFieldsResolver {
  constructor(
    private readonly accounts: AccountsService,
    private readonly spaceService: SpacesService,
    private readonly replyQueries: ReplyQueries,
    private readonly revisionService: RevisionsService,
  ) {}

  // Per-row fields take graphql's own (parent, args, context) and no parameter decorators: Nest
  // then calls them directly (its fast field path), cheap on long lists.
  @ResolveField(() => MemberModel)
  async author(thread: ThreadModel, _args: object, context: GraphQLContext) {
    const account = await this.accounts.loaderFor(context.req).load(thread.authorId);
    if (!account) throw new Error(`thread ${thread.id}: author ${thread.authorId} is missing`);
    return toMemberModel(account);
  }

  @ResolveField(() => SpaceModel)
  async space(thread: ThreadModel, _args: object, context: GraphQLContext) {
    const space = await this.spaceService.loader(context.req).load(thread.spaceId);
    if (!space) throw new Error(`thread ${thread.id}: space ${thread.spaceId} is missing`);
    return space;
  }

  @ResolveField(() => ReplyModel, {
    nullable: true,
    description: 'The accepted answer, if you can see it.',
  })
  async acceptedReply(
    @Parent() thread: ThreadModel,
    @OptionalViewer() viewer: Reader,
    @Context() context: GraphQLContext,
  ): Promise<ReplyModel | null> {
    if (!thread.acceptedReplyId) return null;
    const reply = await this.replyQueries.loader(context.req, viewer).load(thread.acceptedReplyId);
    return reply && !reply.removed ? reply : null;
  }

  @ResolveField(() => ReplyConnection, { description: 'The top-level replies, oldest first.' })
  replies(
    @Parent() thread: ThreadModel,
    @Args('first', FIRST) first: number | null,
    @Args('after', AFTER) after: string | null,
    @OptionalViewer() viewer: Reader,
    @Context() context: GraphQLContext,
  ): Promise<Connection<ReplyModel>> {
    return withPublicErrors(() =>
      this.replyQueries
        .childrenLoader(context.req, viewer)
        .load({ threadId: thread.id, parentId: null, ...checkPage(first, after) }),
    );
  }

  @ResolveField(() => [ReplyModel], {
    description:
      'Every reply you can see, as one list in tree order (pre-order, with depth and parentReplyId), ' +
      'after the reply `after`, at most `limit` (≤ 5,000). Ask again with the last id for more.',
    complexity: ({ args, childComplexity }) =>
      1 +
      childComplexity *
        Math.max(1, Math.ceil(Number(args.limit ?? 2000) / TREE_ROWS_PER_COST_UNIT)),
  })
  replyTree(
    @Parent() thread: ThreadModel,
    @Args('after', {
      type: () => ID,
      nullable: true,
      description: 'The last reply of the previous slice.',
    })
    after: string | null,
    @Args('limit', {
      type: () => Int,
      nullable: true,
      defaultValue: TREE_DEFAULT_LIMIT,
      description: '1 to 5,000.',
    })
    limit: number | null,
    @OptionalViewer() viewer: Reader,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ReplyModel[]> {
    return withPublicErrors(async () => {
      const args = checkTreeArgs(limit, after);
      // Authors and reactions come with the tree, in its one statement, so the per-reply
      // fields answer without a promise each (the hot path of a 2,000-reply tree).
      return this.replyQueries.tree(thread.id, viewer, args.limit, args.after, {
        authors: selectsField(info, 'author'),
        reactions: selectsField(info, 'reactions'),
        bodyHtml: selectsField(info, 'bodyHtml'),
      });
    });
  }

  @ResolveField(() => RevisionConnection, {
    description: 'Versions of the thread, oldest first (the original alone if never edited).',
  })
  revisions(
    @Parent() thread: ThreadModel,
    @Args('first', FIRST) first: number | null,
    @Args('after', AFTER) after: string | null,
    @Context() context: GraphQLContext,
  ): Promise<Connection<RevisionModel>> {
    return withPublicErrors(() =>
      this.revisionService.loader(context.req).load({
        post: {
          threadId: thread.id,
          replyId: null,
          authorId: thread.authorId,
          createdAt: thread.createdAt,
          title: thread.title,
          body: thread.body,
        },
        ...checkPage(first, after),
      }),
    );
  }

  @ResolveField(() => [MemberModel], { description: 'Members @mentioned in the body.' })
  async mentions(thread: ThreadModel, _args: object, context: GraphQLContext) {
    if (thread.mentionIds.length === 0) return [];
    return toMembers(await this.accounts.loaderFor(context.req).loadMany(thread.mentionIds));
  }
}
