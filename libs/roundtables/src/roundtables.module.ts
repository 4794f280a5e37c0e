import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MembersModule } from '@app/members';
import { NotificationsModule } from '@app/notifications';
import { CalendarFeedEntity } from './calendar-feed.entity';
import { CalendarController } from './calendar.controller';
import { CalendarResolver } from './calendar.resolver';
import { CalendarService } from './calendar.service';
import { QuestionVoteEntity } from './question-vote.entity';
import { QuestionEntity } from './question.entity';
import { QuestionsResolver } from './questions.resolver';
import { QuestionsService } from './questions.service';
import { RegistrationEntity } from './registration.entity';
import { RegistrationsResolver } from './registrations.resolver';
import { RegistrationsService } from './registrations.service';
import { RoundtableDirectory } from './roundtable-directory.service';
import { RoundtableFacilitatorEntity } from './roundtable-facilitator.entity';
import { RoundtableFieldsResolver } from './roundtable-fields.resolver';
import { RoundtableEntity } from './roundtable.entity';
import { RoundtablesDemo } from './roundtables-demo';
import { RoundtablesJobs } from './roundtables.jobs';
import { RoundtablesLoaders } from './roundtables.loader';
import { RoundtablesResolver } from './roundtables.resolver';
import { RoundtablesService } from './roundtables.service';
import { RoundtableRecords } from './roundtable-records.service';
import { RoomModule } from './room/room.module';
import { RoomActivitiesModule } from './room/room-activities.module';

/** Scheduling, registration and the waitlist, calendars, and questions before the session. */
@Module({
  imports: [
    TypeOrmModule.forFeature([
      RoundtableEntity,
      RoundtableFacilitatorEntity,
      RegistrationEntity,
      QuestionEntity,
      QuestionVoteEntity,
      CalendarFeedEntity,
    ]),
    MembersModule,
    NotificationsModule,
    RoomModule,
    RoomActivitiesModule,
  ],
  controllers: [CalendarController],
  providers: [
    RoundtablesService,
    RegistrationsService,
    QuestionsService,
    CalendarService,
    RoundtableDirectory,
    RoundtablesLoaders,
    RoundtablesResolver,
    RoundtableFieldsResolver,
    RegistrationsResolver,
    QuestionsResolver,
    CalendarResolver,
    RoundtablesJobs,
    RoundtablesDemo,
    RoundtableRecords,
  ],
  exports: [RoundtablesService, RegistrationsService, QuestionsService, RoundtableRecords],
})
export class RoundtablesModule {}
