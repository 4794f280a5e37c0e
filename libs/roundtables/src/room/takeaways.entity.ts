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
import { RoundtableEntity } from '../roundtable.entity';

/** A takeaway written during a session; facilitators pin the ones that go in the record. */
@Entity('roundtable_takeaway')
@Index('roundtable_takeaway_session_idx', ['roundtableId', 'createdAt', 'id'])
export class TakeawayEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_roundtable_takeaway' })
  id: string;

  @Column({ name: 'roundtable_id', type: 'uuid' })
  roundtableId: string;

  @ManyToOne(() => RoundtableEntity, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'roundtable_id',
    foreignKeyConstraintName: 'FK_roundtable_takeaway_roundtable',
  })
  roundtable?: RoundtableEntity;

  @Index('roundtable_takeaway_author_idx')
  @Column({ name: 'author_id', type: 'uuid' })
  authorId: string;

  @ManyToOne(() => AccountEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'author_id', foreignKeyConstraintName: 'FK_roundtable_takeaway_author' })
  author?: AccountEntity;

  @Column({ type: 'varchar', length: 500 })
  text: string;

  @Column({ name: 'pinned_at', type: 'timestamptz', nullable: true })
  pinnedAt: Date | null;

  /** Removed by a facilitator: kept (moderators may need it), shown to nobody. */
  @Column({ name: 'removed_at', type: 'timestamptz', nullable: true })
  removedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
