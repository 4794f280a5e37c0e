import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { NotificationKind, NotificationsService } from '@app/notifications';
import { Actor } from './reader';
import { replyLink, threadLink } from './discussions-search';

interface ThreadRef {
  id: string;
  title: string;
  authorId: string;
}

/**
 * The notifications discussions send, each stored only if the caller's transaction commits
 * (`manager`). One notification per person per post: a reply to you that also mentions you
 * counts once. The actor is never notified of their own action (notify skips it).
 */
@Injectable()
export class DiscussionsNotifier {
  constructor(private readonly notifications: NotificationsService) {}

  async replyPosted(
    actor: Actor,
    thread: ThreadRef,
    reply: { id: string; parentAuthorId: string | null; mentionIds: string[] },
    manager: EntityManager,
  ): Promise<void> {
    const link = replyLink(thread.id, reply.id);
    const notified = new Set<string>([actor.id]);
    if (reply.parentAuthorId) {
      await this.notifications.notify(
        reply.parentAuthorId,
        NotificationKind.REPLY_TO_REPLY,
        { title: `@${actor.handle} replied to you in “${thread.title}”`, link, actorId: actor.id },
        manager,
      );
      notified.add(reply.parentAuthorId);
    } else {
      await this.notifications.notify(
        thread.authorId,
        NotificationKind.REPLY_TO_THREAD,
        { title: `@${actor.handle} replied to “${thread.title}”`, link, actorId: actor.id },
        manager,
      );
      notified.add(thread.authorId);
    }
    await this.mentioned(actor, thread.title, link, reply.mentionIds, notified, manager);
  }

  /** Mentions in a new or edited post; `skip` holds those already told about this post. */
  async mentioned(
    actor: Actor,
    threadTitle: string,
    link: string,
    mentionIds: readonly string[],
    skip: ReadonlySet<string>,
    manager: EntityManager,
  ): Promise<void> {
    for (const id of mentionIds) {
      if (skip.has(id)) continue;
      await this.notifications.notify(
        id,
        NotificationKind.MENTION,
        { title: `@${actor.handle} mentioned you in “${threadTitle}”`, link, actorId: actor.id },
        manager,
      );
    }
  }

  threadMentions(
    actor: Actor,
    thread: { id: string; title: string },
    ids: string[],
    m: EntityManager,
  ) {
    return this.mentioned(actor, thread.title, threadLink(thread.id), ids, new Set([actor.id]), m);
  }

  answerAccepted(
    actor: Actor,
    thread: ThreadRef,
    reply: { id: string; authorId: string },
    m: EntityManager,
  ) {
    return this.notifications.notify(
      reply.authorId,
      NotificationKind.ANSWER_ACCEPTED,
      {
        title: `@${actor.handle} accepted your answer to “${thread.title}”`,
        link: replyLink(thread.id, reply.id),
        actorId: actor.id,
      },
      m,
    );
  }
}
