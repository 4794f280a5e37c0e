import { CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { AccountEntity } from '@app/core';
import { QuestionEntity } from './question.entity';

/** One member's upvote; the primary key makes a second vote impossible. */
@Entity('roundtable_question_vote')
export class QuestionVoteEntity {
  @PrimaryColumn({
    name: 'question_id',
    type: 'uuid',
    primaryKeyConstraintName: 'PK_roundtable_question_vote',
  })
  questionId: string;

  @Index('roundtable_question_vote_account_idx')
  @PrimaryColumn({
    name: 'account_id',
    type: 'uuid',
    primaryKeyConstraintName: 'PK_roundtable_question_vote',
  })
  accountId: string;

  @ManyToOne(() => QuestionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'question_id',
    foreignKeyConstraintName: 'FK_roundtable_question_vote_question',
  })
  question?: QuestionEntity;

  @ManyToOne(() => AccountEntity, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'account_id',
    foreignKeyConstraintName: 'FK_roundtable_question_vote_account',
  })
  account?: AccountEntity;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
