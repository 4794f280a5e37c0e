import { CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn, Relation } from 'typeorm';
import { AccountEntity } from '@app/core';
import { ReactionKind } from './reaction-kind';
import { ThreadEntity } from './thread.entity';

/** A member's reaction to a thread; the primary key makes it one of each kind per member. */
@Entity('discussion_thread_reaction')
export class ThreadReactionEntity {
  @PrimaryColumn({
    name: 'thread_id',
    type: 'uuid',
    primaryKeyConstraintName: 'PK_discussion_thread_reaction',
  })
  threadId: string;

  @PrimaryColumn({
    name: 'member_id',
    type: 'uuid',
    primaryKeyConstraintName: 'PK_discussion_thread_reaction',
  })
  memberId: string;

  @PrimaryColumn({
    type: 'enum',
    enum: ReactionKind,
    enumName: 'discussion_reaction_kind',
    primaryKeyConstraintName: 'PK_discussion_thread_reaction',
  })
  kind: ReactionKind;

  @ManyToOne(() => ThreadEntity, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'thread_id',
    foreignKeyConstraintName: 'FK_discussion_thread_reaction_thread',
  })
  thread?: Relation<ThreadEntity>;

  @ManyToOne(() => AccountEntity, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'member_id',
    foreignKeyConstraintName: 'FK_discussion_thread_reaction_member',
  })
  member?: AccountEntity;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
