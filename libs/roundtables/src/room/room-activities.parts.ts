import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AgendaService } from './agenda.service';
import { FloorService } from './floor.service';
import { LiveQuestionsService } from './live-questions.service';
import { PollsService } from './polls.service';
import { ReactionsService } from './reactions.service';
import { RoomRecordParts, RoomRemovalHooks, RoomSnapshotParts } from './room-parts';
import { SpeakingQueueService } from './speaking-queue.service';
import { TakeawaysService } from './takeaways.service';

/**
 * What the room's activities add to the `session.join` / `session.resume` snapshot and to the
 * record written at the end, and what they do when a member is removed (the agenda's actual times there come from `agenda.changed` events).
 */
@Injectable()
export class RoomActivitiesParts implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly snapshot: RoomSnapshotParts,
    private readonly record: RoomRecordParts,
    private readonly removal: RoomRemovalHooks,
    private readonly queue: SpeakingQueueService,
    private readonly floor: FloorService,
    private readonly agenda: AgendaService,
    private readonly questions: LiveQuestionsService,
    private readonly takeaways: TakeawaysService,
    private readonly polls: PollsService,
    private readonly reactions: ReactionsService,
  ) {}

  onModuleInit(): void {
    const manager = this.dataSource.manager;
    this.snapshot.register('queue', (id) => this.queue.queueOf(manager, id));
    this.snapshot.register('floor', (id) => this.floor.stateOf(manager, id));
    this.snapshot.register('agenda', (id) => this.agenda.snapshot(manager, id));
    this.snapshot.register('questions', (id, viewer) =>
      this.questions.snapshot(manager, id, viewer),
    );
    this.snapshot.register('takeaways', (id, viewer) =>
      this.takeaways.snapshot(manager, id, viewer),
    );
    this.snapshot.register('polls', (id, viewer) => this.polls.snapshot(manager, id, viewer));

    this.removal.register('floor', (tx, id, memberId, actorId) =>
      this.floor.onRemoved(tx, id, memberId, actorId),
    );

    this.record.register('questions', (id, tx, chathamHouse) =>
      this.questions.record(tx, id, chathamHouse),
    );
    this.record.register('takeaways', (id, tx, chathamHouse) =>
      this.takeaways.record(tx, id, chathamHouse),
    );
    this.record.register('polls', (id, tx) => this.polls.record(tx, id));
    this.record.register('reactions', (id, tx) => this.reactions.record(tx, id));
  }
}
