import {
  Args,
  Context,
  Int,
  Mutation,
  Parent,
  Query,
  ResolveField,
  Resolver,
} from '@nestjs/graphql';
import {
  Access,
  AccountsService,
  AuthenticatedMember,
  Connection,
  GraphQLContext,
  MemberModel,
  PageArgs,
  Viewer,
  toMemberModel,
} from '@app/core';
import { MarkNotificationsReadArgs, SetNotificationPreferenceArgs } from './dto/notification.args';
import {
  NotificationConnection,
  NotificationModel,
  NotificationPreferenceModel,
  NotificationsReadResult,
} from './notification.model';
import { NotificationsService } from './notifications.service';

/** Everything here is the viewer's own: there is no way to name another member's inbox. */
@Access('member')
@Resolver(() => NotificationModel)
export class NotificationsResolver {
  constructor(
    private readonly service: NotificationsService,
    private readonly accounts: AccountsService,
  ) {}

  @Query(() => NotificationConnection, { description: 'Your notifications, newest first.' })
  notifications(
    @Viewer() viewer: AuthenticatedMember,
    @Args() page: PageArgs,
  ): Promise<Connection<NotificationModel>> {
    return this.service.list(viewer.id, page);
  }

  @Query(() => Int, { description: 'How many of your notifications are unread.' })
  unreadNotificationCount(@Viewer() viewer: AuthenticatedMember): Promise<number> {
    return this.service.unreadCount(viewer.id);
  }

  // Housekeeping of one's own inbox: a suspended member may still do it.
  @Access('member', { allowSuspended: true })
  @Mutation(() => NotificationsReadResult, {
    description: 'Marks the given notifications of yours read (all of them without `ids`).',
  })
  markNotificationsRead(
    @Viewer() viewer: AuthenticatedMember,
    @Args() args: MarkNotificationsReadArgs,
  ): Promise<NotificationsReadResult> {
    return this.service.markRead(viewer.id, args.ids);
  }

  @Query(() => [NotificationPreferenceModel], {
    description: 'Every kind, with whether you receive it.',
  })
  notificationPreferences(
    @Viewer() viewer: AuthenticatedMember,
  ): Promise<NotificationPreferenceModel[]> {
    return this.service.preferencesOf(viewer.id);
  }

  @Access('member', { allowSuspended: true })
  @Mutation(() => NotificationPreferenceModel, {
    description: 'Switches a kind on or off for you. ACCOUNT_SECURITY cannot be switched off.',
  })
  setNotificationPreference(
    @Viewer() viewer: AuthenticatedMember,
    @Args() args: SetNotificationPreferenceArgs,
  ): Promise<NotificationPreferenceModel> {
    return this.service.setPreference(viewer.id, args.kind, args.enabled);
  }

  @ResolveField(() => MemberModel, { nullable: true })
  async actor(
    @Parent() notification: NotificationModel,
    @Context() ctx: GraphQLContext,
  ): Promise<MemberModel | null> {
    if (!notification.actorId) return null;
    const account = await this.accounts.loaderFor(ctx.req).load(notification.actorId);
    return account ? toMemberModel(account) : null;
  }
}
