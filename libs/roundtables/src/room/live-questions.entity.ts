import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import { QuestionEntity } from '../question.entity';

/**
 * What the live room adds to a question (roundtable_question holds its text, author and votes):
 * whether it was asked in the room, and its answer. A row exists once a question is asked live
 * or answered; a pre-session question without one is unanswered.
 */
@Entity('roundtable_question_live')
export class LiveQuestionEntity {
  @PrimaryColumn({
    name: 'question_id',
    type: 'uuid',
    primaryKeyConstraintName: 'PK_roundtable_question_live',
  })
  questionId: string;

  @OneToOne(() => QuestionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'question_id',
    foreignKeyConstraintName: 'FK_roundtable_question_live_question',
  })
  question?: QuestionEntity;

  @Column({ name: 'asked_live', type: 'boolean', default: false })
  askedLive: boolean;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  answer: string | null;

  @Column({ name: 'answered_at', type: 'timestamptz', nullable: true })
  answeredAt: Date | null;
}
