import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One shared vocabulary of tags: profiles now, threads and roundtables later. */
@Entity('tag')
@Index('tag_name_pattern_idx', { synchronize: false })
export class TagEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_tag' })
  id: string;

  @Index('tag_name_key', { unique: true })
  @Column({ type: 'varchar', length: 50 })
  name: string;

  /** How many things carry the tag (profiles, threads...), kept by TagsService. */
  @Column({ name: 'usage_count', type: 'integer', default: 0 })
  usageCount: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
