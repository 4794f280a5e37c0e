import { EngagementResolver } from './engagement.resolver';
import { ExpertiseService } from './expertise.service';
import { FeedbackRatingEntity } from './feedback-rating.entity';
import { FeedbackRatingsService } from './feedback-ratings.service';
import { MemberExpertiseResolver } from './member-expertise.resolver';
import { PeerInvitationEntity } from './peer-invitation.entity';
import { PeerInvitationsService } from './peer-invitations.service';
import { ReactionsService } from './reactions.service';
import { ReplyEngagementFieldsResolver } from './reply-engagement-fields.resolver';
import { ReplyReactionEntity } from './reply-reaction.entity';
import { ThreadEngagementFieldsResolver } from './thread-engagement-fields.resolver';
import { ThreadEventCounterEntity } from './thread-event-counter.entity';
import { ThreadEventEntity } from './thread-event.entity';
import { ThreadEventsListener } from './thread-events.listener';
import { ThreadEventsService } from './thread-events.service';
import { ThreadFollowersNotifier } from './thread-followers.notifier';
import { ThreadLiveGateway } from './thread-live.gateway';
import { ThreadReactionEntity } from './thread-reaction.entity';
import { ThreadReaderEntity } from './thread-reader.entity';
import { ThreadReadersService } from './thread-readers.service';

/** Part B of discussions (engagement and live threads), registered by DiscussionsModule. */
export const ENGAGEMENT_ENTITIES = [
  ThreadReactionEntity,
  ReplyReactionEntity,
  FeedbackRatingEntity,
  PeerInvitationEntity,
  ThreadReaderEntity,
  ThreadEventEntity,
  ThreadEventCounterEntity,
];

export const ENGAGEMENT_PROVIDERS = [
  ReactionsService,
  FeedbackRatingsService,
  ExpertiseService,
  PeerInvitationsService,
  ThreadReadersService,
  ThreadEventsService,
  ThreadFollowersNotifier,
  ThreadEventsListener,
  ThreadLiveGateway,
  EngagementResolver,
  ThreadEngagementFieldsResolver,
  ReplyEngagementFieldsResolver,
  MemberExpertiseResolver,
];
