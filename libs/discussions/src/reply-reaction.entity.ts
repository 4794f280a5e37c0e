import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  Relation,
} from 'typeorm';
import { AccountEntity } from '@app/core';
import { ReactionKind } from './reaction-kind';
import { ReplyEntity } from './reply.entity';
import { ThreadEntity } from './thread.entity';

/**
 * A member's reaction to a reply; the primary key makes it one of each kind per member.
 * `thread_id` is the reply's thread, kept so per-thread work needs no join.
 */
@Entity('discussion_reply_reaction')
@Index('discussion_reply_reaction_thread_idx', ['threadId'])
export class ReplyReactionEntity {
  @PrimaryColumn({
    name: 'reply_id',
    type: 'uuid',
    primaryKeyConstraintName: 'PK_discussion_reply_reaction',
  })
  replyId: string;

  @PrimaryColumn({
    name: 'member_id',
    type: 'uuid',
    primaryKeyConstraintName: 'PK_discussion_reply_reaction',
  })
  memberId: string;

  @PrimaryColumn({
    type: 'enum',
    enum: ReactionKind,
    enumName: 'discussion_reaction_kind',
    primaryKeyConstraintName: 'PK_discussion_reply_reaction',
  })
  kind: ReactionKind;

  @ManyToOne(() => ReplyEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'reply_id', foreignKeyConstraintName: 'FK_discussion_reply_reaction_reply' })
  reply?: Relation<ReplyEntity>;

  @Column({ name: 'thread_id', type: 'uuid' })
  threadId: string;

  @ManyToOne(() => ThreadEntity, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'thread_id',
    foreignKeyConstraintName: 'FK_discussion_reply_reaction_thread',
  })
  thread?: Relation<ThreadEntity>;

  @ManyToOne(() => AccountEntity, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'member_id',
    foreignKeyConstraintName: 'FK_discussion_reply_reaction_member',
  })
  member?: AccountEntity;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
