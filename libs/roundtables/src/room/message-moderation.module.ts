import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { HiddenMessageEntity } from './hidden-message.entity';
import { MessageModeration } from './message-moderation.service';
import { RoomModule } from './room.module';

/** Hiding chat messages, for the moderation library (imported by it through the index). */
@Module({
  imports: [TypeOrmModule.forFeature([HiddenMessageEntity]), RoomModule],
  providers: [MessageModeration],
  exports: [MessageModeration],
})
export class MessageModerationModule {}
