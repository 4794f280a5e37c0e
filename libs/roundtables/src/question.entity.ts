import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { AccountEntity } from '@app/core';
import { RoundtableEntity } from './roundtable.entity';

/** A question gathered before the session; the live room's Q&A starts from these. */
@Entity('roundtable_question')
@Index('roundtable_question_newest_idx', ['roundtableId', 'createdAt', 'id'])
@Index('roundtable_question_author_idx', ['authorId', 'roundtableId'])
// (roundtable_id, vote_count DESC, created_at, id) for the VOTES order, created in the migration.
@Index('roundtable_question_votes_idx', { synchronize: false })
export class QuestionEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_roundtable_question' })
  id: string;

  @Column({ name: 'roundtable_id', type: 'uuid' })
  roundtableId: string;

  @ManyToOne(() => RoundtableEntity, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'roundtable_id',
    foreignKeyConstraintName: 'FK_roundtable_question_roundtable',
  })
  roundtable?: RoundtableEntity;

  @Column({ name: 'author_id', type: 'uuid' })
  authorId: string;

  @ManyToOne(() => AccountEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'author_id', foreignKeyConstraintName: 'FK_roundtable_question_author' })
  author?: AccountEntity;

  @Column({ type: 'varchar', length: 500 })
  text: string;

  /** Kept with each vote row in one transaction. */
  @Column({ name: 'vote_count', type: 'integer', default: 0 })
  voteCount: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
