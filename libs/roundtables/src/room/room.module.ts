import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ControlsGateway } from './controls.gateway';
import { ControlsService } from './controls.service';
import { MessageGateway } from './message.gateway';
import { MessagesService } from './messages.service';
import { RecordResolver } from './record.resolver';
import { RecordWriter } from './record-writer';
import { RoomAccess } from './room-access';
import { RoomBroadcaster } from './room-broadcaster';
import { RoomEventEntity } from './room-event.entity';
import { RoomLog } from './room-log';
import { RoomParticipantEntity } from './room-participant.entity';
import { RoomRecordParts, RoomRemovalHooks, RoomSnapshotParts } from './room-parts';
import { RoomRecordEntity } from './room-record.entity';
import { RoomDemo } from './room-demo';
import { roomPresenceProvider } from './room-presence';
import { RoomStateEntity } from './room-state.entity';
import { RoomService } from './room.service';
import { SessionGateway } from './session.gateway';

/**
 * The live room's foundation: the sequence log, access, presence, joining, chat, controls and
 * the record. Room features (queue, polls, ...) import this module and use what it exports.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([
      RoomStateEntity,
      RoomEventEntity,
      RoomParticipantEntity,
      RoomRecordEntity,
    ]),
  ],
  providers: [
    RoomBroadcaster,
    RoomLog,
    RoomAccess,
    RoomSnapshotParts,
    RoomRecordParts,
    RoomRemovalHooks,
    roomPresenceProvider,
    RoomService,
    MessagesService,
    ControlsService,
    SessionGateway,
    MessageGateway,
    ControlsGateway,
    RecordWriter,
    RecordResolver,
    RoomDemo,
  ],
  exports: [RoomLog, RoomAccess, RoomSnapshotParts, RoomRecordParts, RoomRemovalHooks],
})
export class RoomModule {}
