import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import DataLoader from 'dataloader';
import { DataSource } from 'typeorm';
import { AccountsService, AuthenticatedMember, toMemberModel } from '@app/core';
import { NotificationKind, NotificationsService } from '@app/notifications';
import { DiscussionsError } from './discussions.errors';
import { threadLink } from './discussions-search';
import { EngagementError, EngagementErrorCode } from './engagement.errors';
import { singleBatchLoader } from './engagement-loaders';
import { PeerInvitationModel } from './engagement.models';
import { isStaff } from './reader';
import { ThreadKind } from './thread.entity';

/** Peers one question may invite. */
export const INVITATIONS_PER_QUESTION = 5;

interface InvitationRow {
  thread_id: string;
  invitee_id: string;
  inviter_id: string;
  created_at: Date;
}

/** The asker invites peers to answer; the invitee is notified once the invitation commits. */
@Injectable()
export class PeerInvitationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly accounts: AccountsService,
    private readonly notifications: NotificationsService,
  ) {}

  async invite(
    actor: AuthenticatedMember,
    threadId: string,
    handle: string,
  ): Promise<PeerInvitationModel> {
    const [invitee, inviter] = await Promise.all([
      this.accounts.findByHandle(handle),
      this.accounts.findById(actor.id),
    ]);
    const created = await this.dataSource.transaction(async (manager) => {
      // The thread row lock serialises invitations, so the limit holds under concurrency.
      const [thread] = await manager.query<
        Array<{
          author_id: string;
          kind: ThreadKind;
          title: string;
          locked_at: Date | null;
          hidden_at: Date | null;
          deleted_at: Date | null;
        }>
      >(
        `SELECT author_id, kind, title, locked_at, hidden_at, deleted_at
           FROM discussion_thread WHERE id = $1 FOR UPDATE`,
        [threadId],
      );
      if (!thread || thread.deleted_at || (thread.hidden_at && !isStaff(actor))) {
        throw DiscussionsError.threadNotFound();
      }
      if (thread.author_id !== actor.id) throw EngagementError.notAsker('invite peers to it');
      if (thread.kind !== ThreadKind.QUESTION) {
        throw new EngagementError(
          EngagementErrorCode.NOT_A_QUESTION,
          'Peers are invited to answer questions; this thread is a discussion.',
          { fields: { threadId: ['is not a question'] } },
        );
      }
      if (thread.locked_at) {
        throw new EngagementError(
          EngagementErrorCode.THREAD_LOCKED,
          'This thread is locked by a moderator: nobody can answer, so nobody can be invited.',
        );
      }
      if (!invitee || invitee.deletedAt) {
        throw new EngagementError(
          EngagementErrorCode.MEMBER_NOT_FOUND,
          `No member has the handle "${handle}".`,
          { fields: { handle: ['is not a member'] } },
        );
      }
      if (invitee.id === actor.id) {
        throw new EngagementError(
          EngagementErrorCode.SELF_INVITATION,
          'You asked the question: invite someone else.',
          { fields: { handle: ['is you'] } },
        );
      }
      const invited = await manager.query<Array<{ invitee_id: string }>>(
        'SELECT invitee_id FROM discussion_peer_invitation WHERE thread_id = $1',
        [threadId],
      );
      if (invited.some((row) => row.invitee_id === invitee.id)) {
        throw new EngagementError(
          EngagementErrorCode.ALREADY_INVITED,
          `You already invited @${invitee.handle} to this question.`,
          { fields: { handle: ['is already invited'] } },
        );
      }
      if (invited.length >= INVITATIONS_PER_QUESTION) {
        throw new EngagementError(
          EngagementErrorCode.INVITATION_LIMIT,
          `A question may invite at most ${INVITATIONS_PER_QUESTION} peers; wait for their answers.`,
        );
      }
      const [row] = await manager.query<InvitationRow[]>(
        `INSERT INTO discussion_peer_invitation (thread_id, invitee_id, inviter_id)
         VALUES ($1, $2, $3) RETURNING thread_id, invitee_id, inviter_id, created_at`,
        [threadId, invitee.id, actor.id],
      );
      await this.notifications.notify(
        invitee.id,
        NotificationKind.PEER_INVITATION,
        {
          title: `@${actor.handle} asked for your help with “${thread.title}”`,
          link: threadLink(threadId),
          actorId: actor.id,
        },
        manager,
      );
      return row;
    });
    if (!inviter || !invitee) throw new Error('invite: accounts vanished');
    return {
      threadId: created.thread_id,
      invitee: toMemberModel(invitee),
      invitedBy: toMemberModel(inviter),
      createdAt: created.created_at,
    };
  }

  /** A question's invitations, oldest first, by thread id; batched per request. */
  loader(request: object): DataLoader<string, PeerInvitationModel[]> {
    return singleBatchLoader(request, 'discussions.invitations', async (ids: readonly string[]) => {
      const rows = await this.dataSource.query<InvitationRow[]>(
        `SELECT thread_id, invitee_id, inviter_id, created_at FROM discussion_peer_invitation
          WHERE thread_id = ANY($1::uuid[]) ORDER BY created_at, invitee_id`,
        [ids],
      );
      const accounts = this.accounts.loaderFor(request);
      const people = await accounts.loadMany([
        ...new Set(rows.flatMap((row) => [row.invitee_id, row.inviter_id])),
      ]);
      const byId = new Map(
        people.flatMap((account) =>
          account && !(account instanceof Error) ? [[account.id, toMemberModel(account)]] : [],
        ),
      );
      const byThread = new Map<string, PeerInvitationModel[]>();
      for (const row of rows) {
        const invitee = byId.get(row.invitee_id);
        const invitedBy = byId.get(row.inviter_id);
        if (!invitee || !invitedBy) continue;
        const list = byThread.get(row.thread_id) ?? [];
        list.push({ threadId: row.thread_id, invitee, invitedBy, createdAt: row.created_at });
        byThread.set(row.thread_id, list);
      }
      return ids.map((id) => byThread.get(id) ?? []);
    });
  }
}
