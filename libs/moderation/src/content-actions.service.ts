import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuthenticatedMember } from '@app/core';
import { MessageTx } from '@app/roundtables';
import { DiscussionsService, ThreadModeration } from '@app/discussions';
import {
  EditThreadTagsInput,
  HideContentInput,
  MergeThreadsInput,
  MoveThreadInput,
  RestoreContentInput,
} from './dto/action.inputs';
import { ModerationActionKind as Kind, ModerationTargetKind } from './moderation.enums';
import { ModerationError, ModerationErrorCode } from './moderation.errors';
import { ModerationActionModel } from './moderation.models';
import { ModerationRecorder, State } from './moderation-recorder';
import { CONTENT_FIELDS, ModerationTargets, ResolvedTarget } from './moderation-targets';
import { RoomMessages } from './room-messages';

function noChange(message: string): ModerationError {
  return new ModerationError(ModerationErrorCode.NO_CHANGE, message);
}

const WHAT: Record<ModerationTargetKind, string> = {
  THREAD: 'thread',
  REPLY: 'reply',
  MEMBER: 'member',
  ROUNDTABLE_MESSAGE: 'message',
};

/** Acting on content: hide and restore (threads, replies, live messages), and thread actions. */
@Injectable()
export class ContentActions {
  constructor(
    private readonly recorder: ModerationRecorder,
    private readonly targets: ModerationTargets,
    private readonly discussions: DiscussionsService,
    private readonly threads: ThreadModeration,
    private readonly messages: RoomMessages,
  ) {}

  /** hideContent / restoreContent. */
  async setHidden(
    actor: AuthenticatedMember,
    input: HideContentInput | RestoreContentInput,
    hidden: boolean,
  ): Promise<ModerationActionModel> {
    const target = await this.targets.resolve(input, actor, CONTENT_FIELDS);
    const what = WHAT[target.kind];
    const isMessage = target.kind === ModerationTargetKind.ROUNDTABLE_MESSAGE;
    // A live message changes inside the room log's transaction (set by `transaction` below).
    let room: MessageTx | null = null;
    const change = async (manager: EntityManager) => {
      let changed: boolean | null;
      if (room) {
        changed = await room.setHidden(target.seq as number, hidden);
        if (changed === null) throw ModerationError.targetNotFound('message');
      } else {
        const kind = target.kind === ModerationTargetKind.THREAD ? 'THREAD' : 'REPLY';
        changed = await this.discussions.setHidden(kind, target.id, hidden, manager);
      }
      if (!changed) throw noChange(`This ${what} is already ${hidden ? 'hidden' : 'shown'}.`);
      return { before: { hidden: !hidden }, after: { hidden } };
    };
    return this.recorder.act(actor, {
      action: hidden ? Kind.HIDE_CONTENT : Kind.RESTORE_CONTENT,
      target,
      subjectId: target.authorId,
      reason: input.reason,
      notice: `A moderator ${hidden ? 'hid' : 'restored'} ${target.label}.`,
      link: target.snapshot.link ?? null,
      change,
      transaction: isMessage
        ? (work) =>
            this.messages.transaction(target.id, (manager, tx) => {
              room = tx;
              return work(manager);
            })
        : undefined,
    });
  }

  /** lockThread / unlockThread. */
  setLocked(actor: AuthenticatedMember, threadId: string, locked: boolean, reason: string) {
    return this.onThread(actor, threadId, reason, {
      action: locked ? Kind.LOCK_THREAD : Kind.UNLOCK_THREAD,
      notice: (label) => `A moderator ${locked ? 'locked' : 'unlocked'} ${label}.`,
      change: async (target, manager) => {
        if (!(await this.discussions.setLocked('THREAD', target.id, locked, manager))) {
          throw noChange(`This thread is already ${locked ? 'locked' : 'unlocked'}.`);
        }
        return { before: { locked: !locked }, after: { locked } };
      },
    });
  }

  /** pinThread / unpinThread: a pinned thread comes first in its space. */
  setPinned(actor: AuthenticatedMember, threadId: string, pinned: boolean, reason: string) {
    return this.onThread(actor, threadId, reason, {
      action: pinned ? Kind.PIN_THREAD : Kind.UNPIN_THREAD,
      notice: (label) => `A moderator ${pinned ? 'pinned' : 'unpinned'} ${label}.`,
      change: async (target, manager) => {
        if (!(await this.threads.setPinned(target.id, pinned, manager))) {
          throw noChange(`This thread is already ${pinned ? 'pinned' : 'not pinned'}.`);
        }
        return { before: { pinned: !pinned }, after: { pinned } };
      },
    });
  }

  move(actor: AuthenticatedMember, input: MoveThreadInput) {
    return this.onThread(actor, input.threadId, input.reason, {
      action: Kind.MOVE_THREAD,
      notice: (label) => `A moderator moved ${label} to the space “${input.spaceSlug}”.`,
      change: async (target, manager) => {
        const from = await this.threads.thread(target.id, manager);
        if (!(await this.threads.move(target.id, input.spaceSlug, manager))) {
          throw noChange(`This thread is already in “${input.spaceSlug}”.`);
        }
        return { before: { spaceSlug: from?.spaceSlug }, after: { spaceSlug: input.spaceSlug } };
      },
    });
  }

  editTags(actor: AuthenticatedMember, input: EditThreadTagsInput) {
    return this.onThread(actor, input.threadId, input.reason, {
      action: Kind.EDIT_THREAD_TAGS,
      notice: (label) => `A moderator changed the tags of ${label}.`,
      change: async (target, manager) => {
        const before = (await this.threads.thread(target.id, manager))?.tags ?? [];
        const after = await this.threads.setTags(target.id, input.tags, manager);
        if (after.length === before.length && after.every((tag, i) => tag === before[i])) {
          throw noChange('These are already the thread’s tags.');
        }
        return { before: { tags: before }, after: { tags: after } };
      },
    });
  }

  /** The replies of `from` move under `into`; `from` then redirects to it. */
  async merge(actor: AuthenticatedMember, input: MergeThreadsInput) {
    const into = await this.targets.thread(input.intoThreadId);
    return this.onThread(actor, input.fromThreadId, input.reason, {
      action: Kind.MERGE_THREADS,
      notice: (label) =>
        `A moderator merged ${label} into ${into.label.replace(/^your thread /, '')}.`,
      link: `/threads/${into.id}`,
      change: async (target, manager) => {
        const moved = await this.threads.merge(target.id, into.id, manager);
        return {
          before: { mergedInto: null },
          after: { mergedInto: into.id, movedReplies: moved },
        };
      },
    });
  }

  private async onThread(
    actor: AuthenticatedMember,
    threadId: string,
    reason: string,
    spec: {
      action: Kind;
      notice: (label: string) => string;
      link?: string;
      change: (
        target: ResolvedTarget,
        manager: EntityManager,
      ) => Promise<{ before: State; after: State }>;
    },
  ): Promise<ModerationActionModel> {
    const target = await this.targets.thread(threadId);
    return this.recorder.act(actor, {
      action: spec.action,
      target,
      subjectId: target.authorId,
      reason,
      notice: spec.notice(target.label),
      link: spec.link ?? target.snapshot.link ?? null,
      change: (manager) => spec.change(target, manager),
    });
  }
}
