import { Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import {
  AccountEntity,
  AccountsService,
  AuthenticatedMember,
  GraphQLContext,
  MemberModel,
  Viewer,
  toMemberModel,
} from '@app/core';
import { ReplyModel, ReplyQueries, ThreadModel, ThreadQueries } from '@app/discussions';
import { ModerationTargetKind } from './moderation.enums';
import {
  ModerationActionModel,
  ModerationContentModel,
  ModerationItemModel,
  ModerationReportModel,
} from './moderation.models';
import { ModerationQueue, toContent } from './moderation-queue.service';
import { RoomMessages } from './room-messages';

function toMember(account: AccountEntity | null): MemberModel | null {
  return account ? toMemberModel(account) : null;
}

/** Queue item details, each batched per request: no statement per row. */
@Resolver(() => ModerationItemModel)
export class ModerationItemFieldsResolver {
  constructor(
    private readonly queue: ModerationQueue,
    private readonly accounts: AccountsService,
    private readonly threads: ThreadQueries,
    private readonly replies: ReplyQueries,
    private readonly messages: RoomMessages,
  ) {}

  @ResolveField(() => [ModerationReportModel], { description: 'Oldest first.' })
  reports(@Parent() item: ModerationItemModel, @Context() context: GraphQLContext) {
    return this.queue.reportsLoader(context.req).load(item.id);
  }

  @ResolveField(() => MemberModel, {
    nullable: true,
    description: 'Who wrote the content (the member, for a reported member).',
  })
  async author(@Parent() item: ModerationItemModel, @Context() context: GraphQLContext) {
    if (!item.authorId) return null;
    return toMember(await this.accounts.loaderFor(context.req).load(item.authorId));
  }

  @ResolveField(() => [ModerationActionModel], {
    description: 'The latest actions taken against the author (at most 10), newest first.',
  })
  authorHistory(@Parent() item: ModerationItemModel, @Context() context: GraphQLContext) {
    if (!item.authorId) return [];
    return this.queue.historyLoader(context.req).load(item.authorId);
  }

  @ResolveField(() => MemberModel, { nullable: true })
  async resolvedBy(@Parent() item: ModerationItemModel, @Context() context: GraphQLContext) {
    if (!item.resolvedById) return null;
    return toMember(await this.accounts.loaderFor(context.req).load(item.resolvedById));
  }

  @ResolveField(() => ModerationContentModel, {
    description: 'The content as it is now (`removed` once its author deleted it).',
  })
  async current(
    @Parent() item: ModerationItemModel,
    @Viewer() viewer: AuthenticatedMember,
    @Context() context: GraphQLContext,
  ): Promise<ModerationContentModel> {
    const { target } = item;
    const link = item.reported.link;
    switch (target.kind) {
      case ModerationTargetKind.THREAD: {
        const thread = await this.threads
          .loader(context.req, viewer)
          .load(target.threadId as string);
        return toContent(
          thread
            ? {
                title: thread.title,
                body: thread.body,
                tags: thread.tags,
                hidden: thread.hidden,
                locked: thread.lockedAt !== null,
                link,
              }
            : { removed: true, link },
        );
      }
      case ModerationTargetKind.REPLY: {
        const reply = await this.replies.loader(context.req, viewer).load(target.replyId as string);
        return toContent(
          reply && !reply.removed
            ? { body: reply.body, hidden: reply.hidden, locked: reply.lockedAt !== null, link }
            : { removed: true, link },
        );
      }
      case ModerationTargetKind.MEMBER: {
        const account = await this.accounts.loaderFor(context.req).load(target.memberId as string);
        return toContent(
          account && !account.deletedAt
            ? {
                title: account.displayName,
                handle: account.handle,
                suspendedUntil: account.suspendedUntil?.toISOString() ?? null,
                link: `/members/${account.handle}`,
              }
            : { removed: true },
        );
      }
      case ModerationTargetKind.ROUNDTABLE_MESSAGE: {
        const ref = target.roundtableMessage;
        const message = ref ? await this.messages.loader(context.req).load(ref) : null;
        return toContent(
          message
            ? { title: message.roundtableTitle, body: message.text, hidden: message.hidden, link }
            : { removed: true, link },
        );
      }
    }
  }
}

@Resolver(() => ModerationReportModel)
export class ModerationReportFieldsResolver {
  constructor(private readonly accounts: AccountsService) {}

  @ResolveField(() => MemberModel, { nullable: true })
  async reporter(@Parent() report: ModerationReportModel, @Context() context: GraphQLContext) {
    return toMember(await this.accounts.loaderFor(context.req).load(report.reporterId));
  }
}

/** Who acted and against whom, and the changed thread or reply as the viewer sees it now. */
@Resolver(() => ModerationActionModel)
export class ModerationActionFieldsResolver {
  constructor(
    private readonly accounts: AccountsService,
    private readonly threads: ThreadQueries,
    private readonly replies: ReplyQueries,
  ) {}

  @ResolveField(() => MemberModel, { nullable: true, description: 'Null for the system itself.' })
  async actor(@Parent() action: ModerationActionModel, @Context() context: GraphQLContext) {
    if (!action.actorId) return null;
    return toMember(await this.accounts.loaderFor(context.req).load(action.actorId));
  }

  @ResolveField(() => MemberModel, { nullable: true, description: 'Whom it was against.' })
  async subject(@Parent() action: ModerationActionModel, @Context() context: GraphQLContext) {
    if (!action.subjectId) return null;
    return toMember(await this.accounts.loaderFor(context.req).load(action.subjectId));
  }

  @ResolveField(() => ThreadModel, {
    nullable: true,
    description: 'The thread, for thread targets.',
  })
  thread(
    @Parent() action: ModerationActionModel,
    @Viewer() viewer: AuthenticatedMember,
    @Context() context: GraphQLContext,
  ): Promise<ThreadModel | null> | null {
    if (action.targetKind !== ModerationTargetKind.THREAD) return null;
    return this.threads.loader(context.req, viewer).load(action.targetId);
  }

  @ResolveField(() => ReplyModel, { nullable: true, description: 'The reply, for reply targets.' })
  reply(
    @Parent() action: ModerationActionModel,
    @Viewer() viewer: AuthenticatedMember,
    @Context() context: GraphQLContext,
  ): Promise<ReplyModel | null> | null {
    if (action.targetKind !== ModerationTargetKind.REPLY) return null;
    return this.replies.loader(context.req, viewer).load(action.targetId);
  }
}
