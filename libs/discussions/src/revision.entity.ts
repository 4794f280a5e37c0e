import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Relation,
} from 'typeorm';
import { AccountEntity } from '@app/core';
import { ReplyEntity } from './reply.entity';
import { ThreadEntity } from './thread.entity';

/**
 * One version of an edited thread or reply. Written on the first edit (the original, then the new
 * text) and on every edit after; never-edited posts have none.
 */
@Entity('discussion_revision')
@Index('discussion_revision_thread_idx', ['threadId', 'createdAt', 'id'])
@Index('discussion_revision_reply_idx', ['replyId', 'createdAt', 'id'])
export class RevisionEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_discussion_revision' })
  id: string;

  @Column({ name: 'thread_id', type: 'uuid' })
  threadId: string;

  @ManyToOne(() => ThreadEntity)
  @JoinColumn({ name: 'thread_id', foreignKeyConstraintName: 'FK_discussion_revision_thread' })
  thread?: Relation<ThreadEntity>;

  /** Null for a revision of the thread itself. */
  @Column({ name: 'reply_id', type: 'uuid', nullable: true })
  replyId: string | null;

  @ManyToOne(() => ReplyEntity)
  @JoinColumn({ name: 'reply_id', foreignKeyConstraintName: 'FK_discussion_revision_reply' })
  reply?: Relation<ReplyEntity>;

  @Column({ name: 'editor_id', type: 'uuid' })
  editorId: string;

  @ManyToOne(() => AccountEntity)
  @JoinColumn({ name: 'editor_id', foreignKeyConstraintName: 'FK_discussion_revision_editor' })
  editor?: AccountEntity;

  @Column({ type: 'varchar', length: 200, nullable: true })
  title: string | null;

  @Column({ type: 'text' })
  body: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
