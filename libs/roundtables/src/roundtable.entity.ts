import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { AccountEntity } from '@app/core';

export enum RoundtableState {
  SCHEDULED = 'SCHEDULED',
  LIVE = 'LIVE',
  ENDED = 'ENDED',
  CANCELLED = 'CANCELLED',
  MISSED = 'MISSED',
}

/** One agenda item; the agenda is a short ordered list stored with the roundtable. */
export interface AgendaItem {
  title: string;
  minutes: number;
}

/** A scheduled, facilitated session. Facilitators (the host first) live in their own table. */
@Entity('roundtable')
@Index('roundtable_starts_idx', ['startsAt', 'id'])
@Index('roundtable_state_starts_idx', ['state', 'startsAt', 'id'])
// GIN on tags for the `tag` filter (`tags @> ARRAY[...]`), created in the migration.
@Index('roundtable_tags_idx', { synchronize: false })
export class RoundtableEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_roundtable' })
  id: string;

  @Index('roundtable_host_idx')
  @Column({ name: 'host_id', type: 'uuid' })
  hostId: string;

  @ManyToOne(() => AccountEntity)
  @JoinColumn({ name: 'host_id', foreignKeyConstraintName: 'FK_roundtable_host' })
  host?: AccountEntity;

  @Column({ type: 'varchar', length: 120 })
  title: string;

  /** Markdown as written; rendered to HTML on read. */
  @Column({ type: 'text' })
  description: string;

  @Column({ name: 'starts_at', type: 'timestamptz' })
  startsAt: Date;

  @Column({ name: 'duration_minutes', type: 'smallint' })
  durationMinutes: number;

  /** Participants' seats; facilitators do not take one. */
  @Column({ type: 'smallint' })
  capacity: number;

  @Column({ name: 'chatham_house', type: 'boolean', default: false })
  chathamHouse: boolean;

  @Column({
    type: 'enum',
    enum: RoundtableState,
    enumName: 'roundtable_state',
    default: RoundtableState.SCHEDULED,
  })
  state: RoundtableState;

  @Column({ type: 'jsonb' })
  agenda: AgendaItem[];

  /** Normalised names from the shared vocabulary (TagsService keeps their usage counts). */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  tags: string[];

  @Index('roundtable_previous_idx')
  @Column({ name: 'previous_id', type: 'uuid', nullable: true })
  previousId: string | null;

  @ManyToOne(() => RoundtableEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'previous_id', foreignKeyConstraintName: 'FK_roundtable_previous' })
  previous?: RoundtableEntity | null;

  /** iCalendar SEQUENCE: raised on every change to the roundtable, so calendars update. */
  @Column({ type: 'integer', default: 0 })
  sequence: number;

  @Column({ name: 'cancel_reason', type: 'varchar', length: 500, nullable: true })
  cancelReason: string | null;

  @Column({ name: 'cancelled_at', type: 'timestamptz', nullable: true })
  cancelledAt: Date | null;

  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true })
  endedAt: Date | null;

  /** Set when the "starts soon" reminder was sent (claimed by one node); cleared on reschedule. */
  @Column({ name: 'reminded_at', type: 'timestamptz', nullable: true })
  remindedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
