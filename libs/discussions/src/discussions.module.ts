import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MembersModule } from '@app/members';
import { NotificationsModule } from '@app/notifications';
import { SearchModule } from '@app/search';
import { DiscussionsDemo } from './discussions-demo';
import { DiscussionsNotifier } from './discussions-notifier';
import { DISCUSSIONS_OPTIONS, defaultDiscussionsOptions } from './discussions.options';
import { DiscussionsSearch } from './discussions-search';
import { DiscussionsService } from './discussions.service';
import { ENGAGEMENT_ENTITIES, ENGAGEMENT_PROVIDERS } from './engagement.providers';
import { PostText } from './post-text';
import { RepliesResolver } from './replies.resolver';
import { RepliesService } from './replies.service';
import { ReplyEntity } from './reply.entity';
import { ReplyFieldsResolver } from './reply-fields.resolver';
import { ReplyQueries } from './reply-queries.service';
import { RevisionEntity } from './revision.entity';
import { RevisionFieldsResolver } from './revision-fields.resolver';
import { RevisionsService } from './revisions.service';
import { SpaceEntity } from './space.entity';
import { SpacesResolver } from './spaces.resolver';
import { SpacesService } from './spaces.service';
import { ThreadEntity } from './thread.entity';
import { ThreadFieldsResolver } from './thread-fields.resolver';
import { ThreadQueries } from './thread-queries.service';
import { ThreadModeration } from './thread-moderation.service';
import { ThreadModerationFieldsResolver } from './thread-moderation-fields.resolver';
import { ThreadsResolver } from './threads.resolver';
import { ThreadsService } from './threads.service';

const SERVICES = [
  SpacesService,
  ThreadsService,
  ThreadQueries,
  RepliesService,
  ReplyQueries,
  RevisionsService,
  DiscussionsService,
  ThreadModeration,
];

/** Spaces, threads, the reply tree, peer feedback and accepted answers. */
@Module({
  imports: [
    TypeOrmModule.forFeature([SpaceEntity, ThreadEntity, ReplyEntity, RevisionEntity]),
    TypeOrmModule.forFeature(ENGAGEMENT_ENTITIES),
    MembersModule,
    NotificationsModule,
    SearchModule,
  ],
  providers: [
    ...SERVICES,
    { provide: DISCUSSIONS_OPTIONS, useFactory: defaultDiscussionsOptions },
    PostText,
    DiscussionsSearch,
    DiscussionsNotifier,
    SpacesResolver,
    ThreadsResolver,
    ThreadFieldsResolver,
    ThreadModerationFieldsResolver,
    RepliesResolver,
    ReplyFieldsResolver,
    RevisionFieldsResolver,
    DiscussionsDemo,
    ...ENGAGEMENT_PROVIDERS,
  ],
  exports: [...SERVICES, DISCUSSIONS_OPTIONS],
})
export class DiscussionsModule {}
