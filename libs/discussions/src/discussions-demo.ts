import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { AccountsService, StartupState } from '@app/core';
import { DEMO_SPACES, DEMO_THREADS, DemoReply } from './demo-content';
import { Actor } from './reader';
import { RepliesService } from './replies.service';
import { SpacesService } from './spaces.service';
import { ThreadsService } from './threads.service';

/** Spaces and threads with nested answers and feedback, by the demo members (after them: 30). */
@Injectable()
export class DiscussionsDemo implements OnModuleInit {
  private readonly logger = new Logger(DiscussionsDemo.name);
  private readonly actors = new Map<string, Actor | null>();

  constructor(
    private readonly startup: StartupState,
    private readonly accounts: AccountsService,
    private readonly spaces: SpacesService,
    private readonly threads: ThreadsService,
    private readonly replies: RepliesService,
  ) {}

  onModuleInit(): void {
    this.startup.registerDemoSeeder('discussions', 30, () => this.seed());
  }

  private async actor(name: string): Promise<Actor | null> {
    if (!this.actors.has(name)) {
      const account = await this.accounts.findByEmail(`${name}@roundtable.demo`);
      this.actors.set(
        name,
        account && { id: account.id, handle: account.handle, role: account.role },
      );
    }
    return this.actors.get(name) ?? null;
  }

  async seed(): Promise<void> {
    const moderator = await this.actor('moderator');
    if (!moderator) {
      this.logger.warn('No demo moderator: skipping the discussions demo');
      return;
    }
    for (const space of DEMO_SPACES) {
      if (await this.spaces.findReadable(space.slug, moderator)) continue;
      await this.spaces.create(moderator, space);
    }
    for (const thread of DEMO_THREADS) {
      const asker = await this.actor(thread.by);
      if (!asker) continue;
      const started = await this.threads.start(asker, {
        spaceSlug: thread.space,
        kind: thread.kind,
        title: thread.title,
        body: thread.body,
        tags: thread.tags,
        idempotencyKey: `demo:${thread.title.slice(0, 60)}`,
      });
      await this.post(asker, started.id, null, thread.replies);
    }
  }

  private async post(
    asker: Actor,
    threadId: string,
    parentReplyId: string | null,
    replies: DemoReply[],
  ) {
    for (const reply of replies) {
      const author = await this.actor(reply.by);
      if (!author) continue;
      const posted = await this.replies.post(
        author,
        {
          threadId,
          parentReplyId: parentReplyId ?? undefined,
          body: reply.body,
          feedback: reply.feedback,
        },
        { rateLimited: false },
      );
      if (reply.accepted) await this.threads.acceptAnswer(asker, posted.id);
      if (reply.replies) await this.post(asker, threadId, posted.id, reply.replies);
    }
  }
}
