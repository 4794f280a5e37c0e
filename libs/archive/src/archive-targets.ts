import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import DataLoader from 'dataloader';
import { DataSource, In } from 'typeorm';
import {
  APP_CONFIG,
  AccountsService,
  AppConfig,
  Role,
  byKeys,
  renderMarkdown,
  requestLoader,
} from '@app/core';
import { ReplyModel, ReplyQueries, ThreadModel, ThreadQueries } from '@app/discussions';
import { CollectionEntryKind, RecapStatus } from './archive.enums';
import { ArchivedContent } from './collection-entry.entity';
import { EntryContentModel } from './collection.models';
import { RecapEntity } from './recap.entity';
import { recapMarkdown } from './recap-markdown';

/** What content is shown for: an entry's target, or its archived copy. */
export interface TargetRef {
  kind: CollectionEntryKind;
  targetId: string;
  archived: boolean;
  archivedContent: ArchivedContent | null;
}

/**
 * Collections are read as members see them: hidden and deleted targets are unavailable even to
 * moderators (the id of the reader does not change what discussions shows, only the role).
 */
const MEMBER_VIEW = { id: '00000000-0000-0000-0000-000000000000', role: Role.MEMBER };

const SCOPE = Symbol('archive:scope');

/**
 * Discussions' loaders are keyed per request, whoever reads: the archive's member-view loaders
 * live on an object of their own, so a moderator's loaders in the same request stay apart.
 */
export function archiveScope(request: object): object {
  const holder = request as { [SCOPE]?: object };
  return (holder[SCOPE] ??= {});
}

/**
 * The one place the archive reads other domains' content: threads and replies through the
 * discussions services' batched loaders, recaps from its own table. Everything is batched, so a
 * collection costs the same few statements whatever its size.
 */
@Injectable()
export class ArchiveTargets {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly accounts: AccountsService,
    private readonly threads: ThreadQueries,
    private readonly replies: ReplyQueries,
  ) {}

  url(path: string): string {
    return `${this.config.publicUrl}${path}`;
  }

  /** The thread as members see it, or null (hidden, deleted, missing). */
  thread(scope: object, id: string): Promise<ThreadModel | null> {
    return this.threads.loader(archiveScope(scope), MEMBER_VIEW).load(id);
  }

  /** The reply as members see it in full, or null (also for a placeholder). */
  async reply(scope: object, id: string): Promise<ReplyModel | null> {
    const reply = await this.replies.loader(archiveScope(scope), MEMBER_VIEW).load(id);
    if (!reply || reply.removed) return null;
    // A reply is only available while its thread is.
    return (await this.thread(scope, reply.threadId)) ? reply : null;
  }

  /** Published recaps by id (drafts are not available). */
  recap(scope: object, id: string): Promise<RecapEntity | null> {
    return this.recapLoader(archiveScope(scope)).load(id);
  }

  /** Whether a target exists for members now (entries can only point at such targets). */
  async exists(kind: CollectionEntryKind, id: string): Promise<boolean> {
    const scope = {};
    if (kind === CollectionEntryKind.THREAD) return !!(await this.thread(scope, id));
    if (kind === CollectionEntryKind.REPLY) return !!(await this.reply(scope, id));
    return !!(await this.recap(scope, id));
  }

  /** The content each ref shows, null when unavailable; batched per scope. */
  content(scope: object, ref: TargetRef): Promise<EntryContentModel | null> {
    if (ref.archived) return Promise.resolve(archivedToModel(ref.archivedContent));
    switch (ref.kind) {
      case CollectionEntryKind.THREAD:
        return this.threadContent(scope, ref.targetId);
      case CollectionEntryKind.REPLY:
        return this.replyContent(scope, ref.targetId);
      case CollectionEntryKind.RECAP:
        return this.recapContent(scope, ref.targetId);
    }
  }

  private async threadContent(scope: object, id: string): Promise<EntryContentModel | null> {
    const thread = await this.thread(scope, id);
    if (!thread) return null;
    return {
      title: thread.title,
      body: thread.body,
      bodyHtml: thread.bodyHtml,
      author: await this.author(scope, thread.authorId),
      link: this.url(`/threads/${thread.id}`),
      createdAt: thread.createdAt,
    };
  }

  private async replyContent(scope: object, id: string): Promise<EntryContentModel | null> {
    const reply = await this.reply(scope, id);
    const thread = reply && (await this.thread(scope, reply.threadId));
    if (!reply || !thread) return null;
    return {
      title: thread.title,
      body: reply.body ?? '',
      bodyHtml: reply.bodyHtml ?? '',
      author: reply.authorId ? await this.author(scope, reply.authorId) : null,
      link: this.url(`/threads/${thread.id}#reply-${reply.id}`),
      createdAt: reply.createdAt,
    };
  }

  private async recapContent(scope: object, id: string): Promise<EntryContentModel | null> {
    const recap = await this.recap(scope, id);
    if (!recap) return null;
    const body = recapMarkdown(recap);
    return {
      title: recap.title,
      body,
      bodyHtml: renderMarkdown(body),
      author: null,
      link: this.url(`/recaps/${recap.id}`),
      createdAt: recap.publishedAt ?? recap.createdAt,
    };
  }

  private async author(scope: object, accountId: string) {
    const account = await this.accounts.loaderFor(archiveScope(scope)).load(accountId);
    return account ? { handle: account.handle, displayName: account.displayName } : null;
  }

  private recapLoader(scope: object): DataLoader<string, RecapEntity | null> {
    return requestLoader<string, RecapEntity | null>(
      scope,
      'archive.published-recap',
      async (ids) =>
        byKeys(
          ids,
          await this.dataSource
            .getRepository(RecapEntity)
            .findBy({ id: In([...ids]), status: RecapStatus.PUBLISHED }),
          (recap) => recap.id,
          null,
        ),
    );
  }
}

export function archivedToModel(content: ArchivedContent | null): EntryContentModel | null {
  if (!content) return null;
  return {
    title: content.title,
    body: content.body,
    bodyHtml: renderMarkdown(content.body),
    author: content.author,
    link: content.link,
    createdAt: new Date(content.createdAt),
  };
}
