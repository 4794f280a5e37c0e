import {
  Column,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  Relation,
  UpdateDateColumn,
} from 'typeorm';
import { AccountEntity } from '@app/core';
import { ThreadEntity } from './thread.entity';

/**
 * One member's relation to one thread: whether they follow it and how far they have read.
 * No row means defaults: the asker follows their own thread, nobody else does, nothing is read.
 */
@Entity('discussion_thread_reader')
export class ThreadReaderEntity {
  @PrimaryColumn({
    name: 'thread_id',
    type: 'uuid',
    primaryKeyConstraintName: 'PK_discussion_thread_reader',
  })
  threadId: string;

  @PrimaryColumn({
    name: 'member_id',
    type: 'uuid',
    primaryKeyConstraintName: 'PK_discussion_thread_reader',
  })
  memberId: string;

  @ManyToOne(() => ThreadEntity, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'thread_id',
    foreignKeyConstraintName: 'FK_discussion_thread_reader_thread',
  })
  thread?: Relation<ThreadEntity>;

  @ManyToOne(() => AccountEntity, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'member_id',
    foreignKeyConstraintName: 'FK_discussion_thread_reader_member',
  })
  member?: AccountEntity;

  /** Null: never chosen (the asker's default is to follow). */
  @Column({ type: 'boolean', nullable: true })
  following: boolean | null;

  /** The thread's last event when they marked it read; REPLY events after it are unread. */
  @Column({ name: 'last_read_event_id', type: 'integer', nullable: true })
  lastReadEventId: number | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
