import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Access, AuthenticatedMember, Connection, Viewer } from '@app/core';
import { ReportInput } from './dto/report.input';
import { ModerationLogArgs, ModerationQueueArgs } from './dto/moderation-queue.args';
import {
  ModerationActionConnection,
  ModerationActionModel,
  ModerationItemConnection,
  ModerationItemModel,
  ModerationReportModel,
} from './moderation.models';
import { ModerationQueue } from './moderation-queue.service';
import { ReportsService } from './reports.service';

/** Reporting (any member), the review queue and the log (moderators and admins). */
@Resolver()
export class ModerationResolver {
  constructor(
    private readonly reports: ReportsService,
    private readonly queue: ModerationQueue,
  ) {}

  @Access('member')
  @Mutation(() => ModerationReportModel, {
    description:
      'Flags a thread, reply, member or live message to moderators (exactly one). One open report per member and target: a second is CONFLICT.',
  })
  report(
    @Args('input') input: ReportInput,
    @Viewer() viewer: AuthenticatedMember,
  ): Promise<ModerationReportModel> {
    return this.reports.report(viewer, input);
  }

  @Access('moderator')
  @Query(() => ModerationItemConnection, {
    description: 'The review queue: reports grouped by target. Moderators and admins.',
  })
  moderationQueue(
    @Args() args: ModerationQueueArgs,
    @Viewer() viewer: AuthenticatedMember,
  ): Promise<Connection<ModerationItemModel>> {
    return this.queue.page(viewer, args.filter, args.first, args.after);
  }

  @Access('moderator')
  @Query(() => ModerationActionConnection, {
    description:
      'The audit log, newest first: who did what to which target, when, why, before and after.',
  })
  moderationLog(
    @Args() args: ModerationLogArgs,
    @Viewer() viewer: AuthenticatedMember,
  ): Promise<Connection<ModerationActionModel>> {
    return this.queue.log(viewer, args.filter, args.first, args.after);
  }
}
