import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { AccountEntity } from '@app/core';
import { RoundtableEntity } from '../roundtable.entity';

/** A poll a facilitator opened; `counts[i]` is the votes for `options[i]`. */
@Entity('roundtable_poll')
@Index('roundtable_poll_session_idx', ['roundtableId', 'openedAt', 'id'])
export class PollEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_roundtable_poll' })
  id: string;

  @Column({ name: 'roundtable_id', type: 'uuid' })
  roundtableId: string;

  @ManyToOne(() => RoundtableEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'roundtable_id', foreignKeyConstraintName: 'FK_roundtable_poll_roundtable' })
  roundtable?: RoundtableEntity;

  @Column({ type: 'varchar', length: 200 })
  question: string;

  @Column({ type: 'text', array: true })
  options: string[];

  @Column({ type: 'integer', array: true })
  counts: number[];

  @CreateDateColumn({ name: 'opened_at', type: 'timestamptz' })
  openedAt: Date;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt: Date | null;
}

/**
 * That a member voted, so they vote once; which option they chose is not kept (only the poll's
 * counts are), so results never carry names.
 */
@Entity('roundtable_poll_vote')
export class PollVoteEntity {
  @PrimaryColumn({
    name: 'poll_id',
    type: 'uuid',
    primaryKeyConstraintName: 'PK_roundtable_poll_vote',
  })
  pollId: string;

  @Index('roundtable_poll_vote_account_idx')
  @PrimaryColumn({
    name: 'account_id',
    type: 'uuid',
    primaryKeyConstraintName: 'PK_roundtable_poll_vote',
  })
  accountId: string;

  @ManyToOne(() => PollEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'poll_id', foreignKeyConstraintName: 'FK_roundtable_poll_vote_poll' })
  poll?: PollEntity;

  @ManyToOne(() => AccountEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'account_id', foreignKeyConstraintName: 'FK_roundtable_poll_vote_account' })
  account?: AccountEntity;
}
