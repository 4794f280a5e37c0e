import {
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  Relation,
} from 'typeorm';
import { ReplyEntity } from './reply.entity';
import { ThreadEntity } from './thread.entity';

export enum ThreadEventKind {
  REPLY = 'REPLY',
  EDIT = 'EDIT',
  REACTION = 'REACTION',
}

/** Reaction counts as they were when the event was recorded (REACTION events only). */
export interface ReactionEventData {
  reactions: Array<{ kind: string; count: number }>;
}

/**
 * What happened in a thread, numbered per thread in commit order: the live feed and its replay
 * (`thread.resume`), and the marker for unread replies. Rows are written inside the changing
 * transaction (database triggers on replies and threads, the reactions service for reactions)
 * through `discussion_record_thread_event`, which takes the next number from the thread's
 * counter row (see the DiscussionsEngagement migration). Posts are not copied: payloads are
 * built from the current rows when sent, so hidden content never travels.
 */
@Entity('discussion_thread_event')
export class ThreadEventEntity {
  @PrimaryColumn({
    name: 'thread_id',
    type: 'uuid',
    primaryKeyConstraintName: 'PK_discussion_thread_event',
  })
  threadId: string;

  @PrimaryColumn({
    name: 'event_id',
    type: 'integer',
    primaryKeyConstraintName: 'PK_discussion_thread_event',
  })
  eventId: number;

  @ManyToOne(() => ThreadEntity, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'thread_id',
    foreignKeyConstraintName: 'FK_discussion_thread_event_thread',
  })
  thread?: Relation<ThreadEntity>;

  @Column({ type: 'enum', enum: ThreadEventKind, enumName: 'discussion_thread_event_kind' })
  kind: ThreadEventKind;

  /** The reply posted, edited or reacted to; null when the thread itself is the target. */
  @Column({ name: 'reply_id', type: 'uuid', nullable: true })
  replyId: string | null;

  @ManyToOne(() => ReplyEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'reply_id', foreignKeyConstraintName: 'FK_discussion_thread_event_reply' })
  reply?: Relation<ReplyEntity>;

  @Column({ type: 'jsonb', nullable: true })
  data: ReactionEventData | null;

  /** Set by the one API node that sent the followers' notifications for a REPLY event. */
  @Column({ name: 'notified_at', type: 'timestamptz', nullable: true })
  notifiedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
