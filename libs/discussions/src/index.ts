// What other libraries and the app may use from discussions.
export { DiscussionsModule } from './discussions.module';
export { DiscussionsService, DiscussionTarget } from './discussions.service';
export { ThreadModeration, ModeratedThread, ModeratedReply } from './thread-moderation.service';
export { SpacesService } from './spaces.service';
export { ThreadsService } from './threads.service';
export { ThreadQueries } from './thread-queries.service';
export { RepliesService } from './replies.service';
export { ReplyQueries } from './reply-queries.service';
export { RevisionsService } from './revisions.service';
export {
  DISCUSSIONS_OPTIONS,
  DiscussionsOptions,
  defaultDiscussionsOptions,
} from './discussions.options';
export { DiscussionsError, DiscussionsErrorCode } from './discussions.errors';
export { ThreadModel } from './thread.model';
export { ReplyModel, ReplyFeedbackModel } from './reply.model';
export { SpaceModel } from './space.model';
export { ThreadKind } from './thread.entity';
export { SpaceVisibility } from './space.entity';
export { ThreadOrder } from './dto/thread-filter.input';
export { ReactionKind } from './reaction-kind';
export { EngagementError, EngagementErrorCode } from './engagement.errors';
export type { ThreadLiveServerEvents, LiveThreadEvent } from './thread-live.events';
export { ANSWER_ACCEPTED } from './discussions-server-events';
