import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { SearchDocumentInput, SearchService } from '@app/search';
import { SpaceVisibility } from './space.entity';

export const THREAD_DOC = 'THREAD';
export const REPLY_DOC = 'REPLY';

/** What a reply's search document takes from its thread. */
export interface ThreadContext {
  id: string;
  title: string;
  tags: string[];
  hidden: boolean;
  spaceSlug: string;
  spaceVisibility: SpaceVisibility;
}

export interface SearchableThread extends ThreadContext {
  body: string;
  solved: boolean;
  createdAt: Date;
}

export interface SearchableReply {
  id: string;
  body: string;
  feedback: { worked?: string | null; wouldChange?: string | null; risks?: string | null } | null;
  hidden: boolean;
  accepted: boolean;
  createdAt: Date;
}

/** Accepted answers rank a little higher. */
const ACCEPTED_BOOST = 1.5;

export const threadLink = (threadId: string) => `/threads/${threadId}`;
export const replyLink = (threadId: string, replyId: string) =>
  `/threads/${threadId}#reply-${replyId}`;

/**
 * Keeps the search documents of threads and replies in step with them, always inside the
 * caller's transaction (`manager`), so a document commits or rolls back with its content.
 */
@Injectable()
export class DiscussionsSearch {
  constructor(private readonly search: SearchService) {}

  indexThread(thread: SearchableThread, manager: EntityManager): Promise<void> {
    const doc: SearchDocumentInput = {
      kind: THREAD_DOC,
      targetId: thread.id,
      spaceSlug: thread.spaceSlug,
      tags: thread.tags,
      visibility: thread.spaceVisibility,
      hidden: thread.hidden,
      title: thread.title,
      body: thread.body,
      link: threadLink(thread.id),
      solved: thread.solved,
      createdAt: thread.createdAt,
    };
    return this.search.index(doc, manager);
  }

  indexReply(reply: SearchableReply, thread: ThreadContext, manager: EntityManager) {
    const feedback = reply.feedback
      ? [
          reply.feedback.worked && `What worked: ${reply.feedback.worked}`,
          reply.feedback.wouldChange && `What I would change: ${reply.feedback.wouldChange}`,
          reply.feedback.risks && `Risks: ${reply.feedback.risks}`,
        ].filter(Boolean)
      : [];
    return this.search.index(
      {
        kind: REPLY_DOC,
        targetId: reply.id,
        spaceSlug: thread.spaceSlug,
        tags: thread.tags,
        visibility: thread.spaceVisibility,
        hidden: reply.hidden || thread.hidden,
        title: thread.title,
        body: [reply.body, ...feedback].join('\n\n'),
        link: replyLink(thread.id, reply.id),
        // No boost here: a new document starts at 1, and an edit keeps what acceptance (below)
        // or the archive (canonical, curated) set.
        createdAt: reply.createdAt,
      },
      manager,
    );
  }

  removeReply(replyId: string, manager: EntityManager): Promise<void> {
    return this.search.remove(REPLY_DOC, replyId, manager);
  }

  /** The thread and the documents of its replies. */
  async removeThread(threadId: string, replyIds: string[], manager: EntityManager) {
    await this.search.remove(THREAD_DOC, threadId, manager);
    // The search contract is per document; a thread-wide call would save these statements.
    for (const id of replyIds) await this.search.remove(REPLY_DOC, id, manager);
  }

  setReplyHidden(replyId: string, hidden: boolean, manager: EntityManager) {
    return this.search.setHidden(REPLY_DOC, replyId, hidden, manager);
  }

  /** Hiding a thread hides its replies' documents too; restoring it shows the unhidden ones. */
  async setThreadHidden(
    threadId: string,
    hidden: boolean,
    replies: Array<{ id: string; hidden: boolean }>,
    manager: EntityManager,
  ): Promise<void> {
    await this.search.setHidden(THREAD_DOC, threadId, hidden, manager);
    for (const reply of replies) {
      await this.search.setHidden(REPLY_DOC, reply.id, hidden || reply.hidden, manager);
    }
  }

  /** A new title or tags reach the thread's replies (their documents carry both). */
  async retitleReplies(
    replyIds: string[],
    patch: { title?: string; tags?: string[] },
    manager: EntityManager,
  ): Promise<void> {
    for (const id of replyIds) await this.search.update(REPLY_DOC, id, patch, manager);
  }

  async setSolved(threadId: string, solved: boolean, manager: EntityManager) {
    await this.search.update(THREAD_DOC, threadId, { solved }, manager);
  }

  async setAccepted(replyId: string, accepted: boolean, manager: EntityManager) {
    await this.search.update(REPLY_DOC, replyId, { boost: accepted ? ACCEPTED_BOOST : 1 }, manager);
  }
}
