import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, Relation } from 'typeorm';
import { ThreadEntity } from './thread.entity';

/**
 * The last event number of a thread. Bumped by `discussion_record_thread_event` with an upsert:
 * its row lock, held to commit, orders a thread's events as their transactions commit.
 */
@Entity('discussion_thread_event_counter')
export class ThreadEventCounterEntity {
  @PrimaryColumn({
    name: 'thread_id',
    type: 'uuid',
    primaryKeyConstraintName: 'PK_discussion_thread_event_counter',
  })
  threadId: string;

  @ManyToOne(() => ThreadEntity, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'thread_id',
    foreignKeyConstraintName: 'FK_discussion_thread_event_counter_thread',
  })
  thread?: Relation<ThreadEntity>;

  @Column({ name: 'last_event_id', type: 'integer' })
  lastEventId: number;
}
