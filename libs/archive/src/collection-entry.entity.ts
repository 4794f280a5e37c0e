import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
} from 'typeorm';
import { AccountEntity } from '@app/core';
import { CollectionEntryKind } from './archive.enums';
import { CollectionEntity } from './collection.entity';

/** What an imported entry kept of its target when the target does not exist here. */
export interface ArchivedContent {
  title: string;
  body: string;
  author: { handle: string; displayName: string } | null;
  link: string;
  createdAt: string;
}

/**
 * One entry of a collection. Targets live in other domains (threads, replies) or are recaps:
 * only their id is stored, without foreign keys, and availability is asked of their services.
 */
@Entity('archive_collection_entry')
// Checked at the end of each statement, so one UPDATE can shift a run of positions.
@Unique('archive_collection_entry_position_key', ['collectionId', 'position'], {
  deferrable: 'INITIALLY IMMEDIATE',
})
@Unique('archive_collection_entry_target_key', ['collectionId', 'kind', 'targetId'])
@Index('archive_collection_entry_target_idx', ['kind', 'targetId'])
@Index('archive_collection_entry_review_idx', ['reviewBy', 'id'])
export class CollectionEntryEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_archive_collection_entry' })
  id: string;

  @Column({ name: 'collection_id', type: 'uuid' })
  collectionId: string;

  @ManyToOne(() => CollectionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'collection_id',
    foreignKeyConstraintName: 'FK_archive_collection_entry_collection',
  })
  collection?: CollectionEntity;

  /** 1 is first; gap-free within a collection. */
  @Column({ type: 'integer' })
  position: number;

  @Column({ type: 'enum', enum: CollectionEntryKind, enumName: 'archive_entry_kind' })
  kind: CollectionEntryKind;

  /** The thread, reply or recap id (no foreign key: other domains' rows). */
  @Column({ name: 'target_id', type: 'uuid' })
  targetId: string;

  /** The curator's note: why it matters (markdown). */
  @Column({ type: 'varchar', length: 2000, default: '' })
  note: string;

  @Column({ name: 'review_by', type: 'timestamptz', nullable: true })
  reviewBy: Date | null;

  @Column({ name: 'reviewed_at', type: 'timestamptz', nullable: true })
  reviewedAt: Date | null;

  /** Imported without its target: the exported content is shown instead (null: none was). */
  @Column({ type: 'boolean', default: false })
  archived: boolean;

  @Column({ name: 'archived_content', type: 'jsonb', nullable: true })
  archivedContent: ArchivedContent | null;

  @Column({ name: 'added_by_id', type: 'uuid' })
  addedById: string;

  @ManyToOne(() => AccountEntity)
  @JoinColumn({
    name: 'added_by_id',
    foreignKeyConstraintName: 'FK_archive_collection_entry_adder',
  })
  addedBy?: AccountEntity;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
