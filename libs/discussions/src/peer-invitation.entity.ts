import {
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  Relation,
} from 'typeorm';
import { AccountEntity } from '@app/core';
import { ThreadEntity } from './thread.entity';

/** The asker invited a peer to answer their question: once per peer, at most 5 per question. */
@Entity('discussion_peer_invitation')
export class PeerInvitationEntity {
  @PrimaryColumn({
    name: 'thread_id',
    type: 'uuid',
    primaryKeyConstraintName: 'PK_discussion_peer_invitation',
  })
  threadId: string;

  @PrimaryColumn({
    name: 'invitee_id',
    type: 'uuid',
    primaryKeyConstraintName: 'PK_discussion_peer_invitation',
  })
  inviteeId: string;

  @ManyToOne(() => ThreadEntity, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'thread_id',
    foreignKeyConstraintName: 'FK_discussion_peer_invitation_thread',
  })
  thread?: Relation<ThreadEntity>;

  @ManyToOne(() => AccountEntity, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'invitee_id',
    foreignKeyConstraintName: 'FK_discussion_peer_invitation_invitee',
  })
  invitee?: AccountEntity;

  @Column({ name: 'inviter_id', type: 'uuid' })
  inviterId: string;

  @ManyToOne(() => AccountEntity, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'inviter_id',
    foreignKeyConstraintName: 'FK_discussion_peer_invitation_inviter',
  })
  inviter?: AccountEntity;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
