import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DiscussionsModule } from '@app/discussions';
import { NotificationsModule } from '@app/notifications';
import { MessageModerationModule } from '@app/roundtables';
import { ContentActions } from './content-actions.service';
import { MemberActions } from './member-actions.service';
import { ModerationActionsResolver } from './moderation-actions.resolver';
import {
  ModerationActionFieldsResolver,
  ModerationItemFieldsResolver,
  ModerationReportFieldsResolver,
} from './moderation-fields.resolver';
import { ModerationItemEntity } from './moderation-item.entity';
import { ModerationQueue } from './moderation-queue.service';
import { ModerationRecorder } from './moderation-recorder';
import { ModerationReportEntity } from './moderation-report.entity';
import { ModerationResolver } from './moderation.resolver';
import { ModerationTargets } from './moderation-targets';
import { ReportsService } from './reports.service';
import { RoomMessages } from './room-messages';

/**
 * Reports, the review queue, audited actions and suspensions. It acts on discussions, the live
 * room and accounts through their services; none of them imports it.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([ModerationItemEntity, ModerationReportEntity]),
    DiscussionsModule,
    MessageModerationModule,
    NotificationsModule,
  ],
  providers: [
    ModerationTargets,
    RoomMessages,
    ReportsService,
    ModerationRecorder,
    ContentActions,
    MemberActions,
    ModerationQueue,
    ModerationResolver,
    ModerationActionsResolver,
    ModerationItemFieldsResolver,
    ModerationReportFieldsResolver,
    ModerationActionFieldsResolver,
  ],
  exports: [ReportsService, ContentActions, MemberActions, ModerationQueue],
})
export class ModerationModule {}
