import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { AccountEntity } from '../accounts/account.entity';

/**
 * One recorded action: who did what to which target, why, and the state before and after.
 * Append-only (a trigger in the migration refuses UPDATE and DELETE). Accounts are never
 * hard-deleted, only anonymised, so actor and subject ids stay as pseudonyms; their foreign keys
 * cascade nothing.
 */
@Entity('audit_log')
@Index('audit_log_created_idx', ['createdAt', 'id'])
@Index('audit_log_actor_idx', ['actorId', 'createdAt', 'id'])
@Index('audit_log_subject_idx', ['subjectId', 'createdAt', 'id'])
@Index('audit_log_action_idx', ['action', 'createdAt', 'id'])
@Index('audit_log_target_idx', ['targetKind', 'targetId', 'createdAt', 'id'])
export class AuditLogEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_audit_log' })
  id: string;

  /** Null for the system itself (a job, say). */
  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId: string | null;

  @ManyToOne(() => AccountEntity)
  @JoinColumn({ name: 'actor_id', foreignKeyConstraintName: 'FK_audit_log_actor' })
  actor?: AccountEntity;

  /** UPPER_CASE verb, e.g. HIDE_CONTENT, SUSPEND_MEMBER. */
  @Column({ type: 'varchar', length: 60 })
  action: string;

  /** UPPER_CASE noun, e.g. THREAD, REPLY, MEMBER, ROUNDTABLE_MESSAGE, MODERATION_ITEM. */
  @Column({ name: 'target_kind', type: 'varchar', length: 40 })
  targetKind: string;

  /** The target's id in its domain (a uuid, or e.g. `<roundtableId>:<seq>`). */
  @Column({ name: 'target_id', type: 'varchar', length: 100 })
  targetId: string;

  /** The member the action was against (a post's author, a suspended member), if any. */
  @Column({ name: 'subject_id', type: 'uuid', nullable: true })
  subjectId: string | null;

  @ManyToOne(() => AccountEntity)
  @JoinColumn({ name: 'subject_id', foreignKeyConstraintName: 'FK_audit_log_subject' })
  subject?: AccountEntity;

  @Column({ type: 'varchar', length: 2000 })
  reason: string;

  @Column({ type: 'jsonb', nullable: true })
  before: Record<string, unknown> | null;

  @Column({ type: 'jsonb', nullable: true })
  after: Record<string, unknown> | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
