import { Injectable } from '@nestjs/common';
import { AccountsService, AuthenticatedMember, Role, hasRole } from '@app/core';
import { DiscussionsService, ThreadModeration } from '@app/discussions';
import { ContentSnapshot } from './moderation-item.entity';
import { ModerationTargetKind } from './moderation.enums';
import { ModerationError, ModerationErrorCode } from './moderation.errors';
import { ModerationTargetModel } from './moderation.models';
import { RoomMessages } from './room-messages';

/** A target by identity: what queue items and the audit log key on. */
export interface TargetRef {
  kind: ModerationTargetKind;
  /** Thread, reply or account id; the roundtable of a live message. */
  id: string;
  /** A live message's seq; null otherwise. */
  seq: number | null;
}

/** A target read for acting on it: its author, where it lives, and its content now. */
export interface ResolvedTarget extends TargetRef {
  authorId: string | null;
  threadId: string | null;
  /** How a notification names it: `your reply in “…”`. */
  label: string;
  snapshot: ContentSnapshot;
}

export interface TargetInput {
  threadId?: string | null;
  replyId?: string | null;
  memberHandle?: string | null;
  roundtableMessage?: { roundtableId: string; seq: number } | null;
}

/** The target fields of `report`; content actions take all but memberHandle. */
export const TARGET_FIELDS = ['threadId', 'replyId', 'memberHandle', 'roundtableMessage'] as const;
export const CONTENT_FIELDS = ['threadId', 'replyId', 'roundtableMessage'] as const;

/** How the audit log names a target (`<roundtableId>:<seq>` for a live message). */
export function auditTargetId(ref: TargetRef): string {
  return ref.seq === null ? ref.id : `${ref.id}:${ref.seq}`;
}

export function targetModel(ref: TargetRef, threadId: string | null): ModerationTargetModel {
  return {
    kind: ref.kind,
    threadId: ref.kind === ModerationTargetKind.THREAD ? ref.id : threadId,
    replyId: ref.kind === ModerationTargetKind.REPLY ? ref.id : null,
    memberId: ref.kind === ModerationTargetKind.MEMBER ? ref.id : null,
    roundtableMessage:
      ref.kind === ModerationTargetKind.ROUNDTABLE_MESSAGE && ref.seq !== null
        ? { roundtableId: ref.id, seq: ref.seq }
        : null,
  };
}

const quoted = (text: string) => `“${text.length > 80 ? `${text.slice(0, 79)}…` : text}”`;

/**
 * Turns inputs into targets and reads them through the domains' services: as the reporter may
 * see them (a member cannot report what is hidden from them), or as moderators do.
 */
@Injectable()
export class ModerationTargets {
  constructor(
    private readonly accounts: AccountsService,
    private readonly discussions: DiscussionsService,
    private readonly threads: ThreadModeration,
    private readonly messages: RoomMessages,
  ) {}

  /** Exactly one target among those given (BAD_USER_INPUT otherwise). */
  pick(input: TargetInput, names: readonly string[]): { ref: Omit<TargetRef, 'id'>; key: string } {
    const given = [
      input.threadId && { kind: ModerationTargetKind.THREAD, key: input.threadId, seq: null },
      input.replyId && { kind: ModerationTargetKind.REPLY, key: input.replyId, seq: null },
      input.memberHandle && {
        kind: ModerationTargetKind.MEMBER,
        key: input.memberHandle,
        seq: null,
      },
      input.roundtableMessage && {
        kind: ModerationTargetKind.ROUNDTABLE_MESSAGE,
        key: input.roundtableMessage.roundtableId,
        seq: input.roundtableMessage.seq,
      },
    ].filter((target) => !!target);
    if (given.length !== 1) {
      throw ModerationError.invalid(
        ModerationErrorCode.ONE_TARGET,
        'input',
        `needs exactly one of ${names.join(', ')}`,
        `Name exactly one target (one of ${names.join(', ')}); got ${given.length}.`,
      );
    }
    const [{ kind, key, seq }] = given;
    return { ref: { kind, seq }, key };
  }

  /** The target as `reader` may see it; TARGET_NOT_FOUND when they cannot. */
  async resolve(
    input: TargetInput,
    reader: AuthenticatedMember,
    names: readonly string[] = TARGET_FIELDS,
  ): Promise<ResolvedTarget> {
    const { ref, key } = this.pick(input, names);
    const staff = hasRole(reader, Role.MODERATOR);
    switch (ref.kind) {
      case ModerationTargetKind.THREAD:
        return this.thread(key, staff ? null : reader);
      case ModerationTargetKind.REPLY:
        return this.reply(key, staff ? null : reader);
      case ModerationTargetKind.MEMBER:
        return this.member(key);
      case ModerationTargetKind.ROUNDTABLE_MESSAGE:
        return this.message(key, ref.seq as number, reader);
    }
  }

  /** A thread; with `reader`, only if they can see it (moderators pass null). */
  async thread(id: string, reader: AuthenticatedMember | null = null): Promise<ResolvedTarget> {
    if (reader && !(await this.discussions.findThread(id, reader))) {
      throw ModerationError.targetNotFound('thread');
    }
    const thread = await this.threads.thread(id);
    if (!thread) throw ModerationError.targetNotFound('thread');
    return {
      kind: ModerationTargetKind.THREAD,
      id,
      seq: null,
      authorId: thread.authorId,
      threadId: id,
      label: `your thread ${quoted(thread.title)}`,
      snapshot: {
        title: thread.title,
        body: thread.body,
        tags: thread.tags,
        hidden: thread.hidden,
        locked: thread.locked,
        threadId: id,
        link: `/threads/${id}`,
      },
    };
  }

  async reply(id: string, reader: AuthenticatedMember | null = null): Promise<ResolvedTarget> {
    if (reader) {
      const shown = await this.discussions.findReply(id, reader);
      if (!shown || shown.removed) throw ModerationError.targetNotFound('reply');
    }
    const reply = await this.threads.reply(id);
    if (!reply) throw ModerationError.targetNotFound('reply');
    return {
      kind: ModerationTargetKind.REPLY,
      id,
      seq: null,
      authorId: reply.authorId,
      threadId: reply.threadId,
      label: `your reply in ${quoted(reply.threadTitle)}`,
      snapshot: {
        title: reply.threadTitle,
        body: reply.body,
        hidden: reply.hidden,
        threadId: reply.threadId,
        link: `/threads/${reply.threadId}#reply-${id}`,
      },
    };
  }

  async member(handle: string): Promise<ResolvedTarget> {
    const account = await this.accounts.findByHandle(handle);
    if (!account || account.deletedAt) throw ModerationError.targetNotFound('member');
    return {
      kind: ModerationTargetKind.MEMBER,
      id: account.id,
      seq: null,
      authorId: account.id,
      threadId: null,
      label: 'your account',
      snapshot: {
        title: account.displayName,
        handle: account.handle,
        suspendedUntil: account.suspendedUntil?.toISOString() ?? null,
        link: `/members/${account.handle}`,
      },
    };
  }

  async message(
    roundtableId: string,
    seq: number,
    reader: AuthenticatedMember,
  ): Promise<ResolvedTarget> {
    const message = await this.messages.find(roundtableId, seq, reader);
    if (!message) throw ModerationError.targetNotFound('message');
    return {
      kind: ModerationTargetKind.ROUNDTABLE_MESSAGE,
      id: roundtableId,
      seq,
      authorId: message.authorId,
      threadId: null,
      label: `your message in ${quoted(message.roundtableTitle)}`,
      snapshot: {
        title: message.roundtableTitle,
        body: message.text,
        hidden: message.hidden,
        link: `/roundtables/${roundtableId}#message-${seq}`,
      },
    };
  }
}
