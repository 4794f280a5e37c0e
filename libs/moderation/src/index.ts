// What the app may use from moderation (no library imports it: it sits on top).
export { ModerationModule } from './moderation.module';
export { ReportsService } from './reports.service';
export { ContentActions } from './content-actions.service';
export { MemberActions } from './member-actions.service';
export { ModerationQueue } from './moderation-queue.service';
export {
  ModerationActionKind,
  ModerationItemStatus,
  ModerationTargetKind,
  ReportReason,
} from './moderation.enums';
export { ModerationError, ModerationErrorCode } from './moderation.errors';
