import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AgendaStepEntity } from './agenda.entity';
import { AgendaService } from './agenda.service';
import { FloorTurnEntity } from './floor.entity';
import { FloorService } from './floor.service';
import { LiveQuestionEntity } from './live-questions.entity';
import { LiveQuestionsService } from './live-questions.service';
import { PollEntity, PollVoteEntity } from './polls.entity';
import { PollsService } from './polls.service';
import { ReactionCountEntity } from './reactions.entity';
import { ReactionsService } from './reactions.service';
import { RoomActivitiesGateway } from './room-activities.gateway';
import { RoomActivitiesParts } from './room-activities.parts';
import { RoomActivitiesRecordResolver } from './room-activities.record';
import { RoomModule } from './room.module';
import { SessionOutcomes } from './session-outcomes.loader';
import { RaisedHandEntity } from './speaking-queue.entity';
import { SpeakingQueueService } from './speaking-queue.service';
import { TakeawayEntity } from './takeaways.entity';
import { TakeawaysService } from './takeaways.service';

/**
 * What happens in a live room (part B): the speaking queue and floor, the agenda, live Q&A,
 * takeaways, polls and reactions: a service per concern behind one thin gateway, all on
 * RoomModule's log.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([
      RaisedHandEntity,
      FloorTurnEntity,
      AgendaStepEntity,
      LiveQuestionEntity,
      TakeawayEntity,
      PollEntity,
      PollVoteEntity,
      ReactionCountEntity,
    ]),
    RoomModule,
  ],
  providers: [
    SpeakingQueueService,
    FloorService,
    AgendaService,
    LiveQuestionsService,
    TakeawaysService,
    PollsService,
    ReactionsService,
    RoomActivitiesGateway,
    RoomActivitiesParts,
    RoomActivitiesRecordResolver,
    SessionOutcomes,
  ],
  exports: [SessionOutcomes],
})
export class RoomActivitiesModule {}
