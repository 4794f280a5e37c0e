import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { AccountsService, StartupState } from '@app/core';
import { ThreadModel, ThreadOrder, ThreadQueries } from '@app/discussions';
import { RoundtableRecords, RoundtablesService } from '@app/roundtables';
import { ArchiveError, ArchiveErrorCode } from './archive.errors';
import { CollectionQueries } from './collection-queries.service';
import { CollectionsService } from './collections.service';
import { RecapsService } from './recaps.service';

/** The demo's ended roundtable (libs/roundtables room demo). */
const DEMO_SESSION = 'Moderation burnout: what actually helps';

interface DemoCollection {
  slug: string;
  title: string;
  summary: string;
  tags: string[];
  /** [thread title start, note on the thread, note on its accepted answer] */
  threads: Array<[string, string, string | null]>;
  withRecap?: boolean;
}

const COLLECTIONS: DemoCollection[] = [
  {
    slug: 'proving-community-roi',
    title: 'Proving community ROI',
    summary:
      'What practitioners show executives when they ask **what the community is worth**: ' +
      'engagement that predicts retention, support deflection priced with the support team, and dashboards that tell a story.',
    tags: ['roi', 'measurement'],
    threads: [
      [
        'Proving community ROI to executives',
        'The question every community lead meets in budget season.',
        'Deflection priced per ticket, agreed with support: the argument that convinced a CFO.',
      ],
      [
        'How do you measure engagement beyond likes',
        'Before ROI: which engagement signals are worth measuring at all.',
        'Returning contributors over raw activity.',
      ],
    ],
  },
  {
    slug: 'healthy-communities',
    title: 'Healthy communities: onboarding and moderation',
    summary:
      'A first week that turns sign-ups into members, conflict handled in the open, and moderators who last.',
    tags: ['onboarding', 'moderation'],
    threads: [
      [
        'Onboarding new members',
        'A first week, step by step, from several communities.',
        'The welcome ritual that worked best.',
      ],
      ['Moderating conflict between two long-time members', 'Conflict between regulars.', null],
    ],
    withRecap: true,
  },
];

/**
 * Two published collections built from the demo threads, and a published recap of the demo's
 * ended roundtable (after discussions, 30, and the live room, 40). Skipped if those are absent.
 */
@Injectable()
export class ArchiveDemo implements OnModuleInit {
  private readonly logger = new Logger(ArchiveDemo.name);

  constructor(
    private readonly startup: StartupState,
    private readonly accounts: AccountsService,
    private readonly threads: ThreadQueries,
    private readonly collections: CollectionsService,
    private readonly queries: CollectionQueries,
    private readonly recaps: RecapsService,
    private readonly records: RoundtableRecords,
    private readonly roundtables: RoundtablesService,
  ) {}

  onModuleInit(): void {
    this.startup.registerDemoSeeder('archive', 60, () => this.seed());
  }

  async seed(): Promise<void> {
    const account = await this.accounts.findByEmail('moderator@roundtable.demo');
    if (!account) return;
    const curator = { id: account.id, handle: account.handle, role: account.role };
    const page = await this.threads.page(curator, undefined, ThreadOrder.NEWEST, 100);
    const demoThreads = page.edges.map((edge) => edge.node);
    if (demoThreads.length === 0) {
      this.logger.warn('No demo threads: skipping the archive demo');
      return;
    }
    const recapId = await this.recap(curator);
    for (const demo of COLLECTIONS) {
      if (await this.queries.findBySlug(demo.slug, curator)) continue;
      await this.collections.create(curator, {
        title: demo.title,
        slug: demo.slug,
        summary: demo.summary,
        tags: demo.tags,
      });
      for (const [start, note, answerNote] of demo.threads) {
        const thread = demoThreads.find((t: ThreadModel) => t.title.startsWith(start));
        if (!thread) continue;
        const add = (input: { threadId?: string; replyId?: string; note: string }) =>
          this.collections.addEntry(curator, { collectionSlug: demo.slug, ...input });
        await add({ threadId: thread.id, note });
        if (answerNote && thread.acceptedReplyId) {
          await add({ replyId: thread.acceptedReplyId, note: answerNote });
        }
      }
      if (demo.withRecap && recapId) {
        await this.collections.addEntry(curator, {
          collectionSlug: demo.slug,
          recapId,
          note: 'What moderators from five communities said about carrying the load.',
        });
      }
      await this.collections.publish(curator, demo.slug);
    }
  }

  /** The demo session's recap, drafted and published once; null without the session. */
  private async recap(curator: Parameters<RecapsService['draft']>[0]): Promise<string | null> {
    for (const roundtableId of await this.records.recent(20)) {
      const roundtable = await this.roundtables.findById(roundtableId);
      if (roundtable?.title !== DEMO_SESSION) continue;
      try {
        const draft = await this.recaps.draft(curator, roundtableId);
        await this.recaps.update(curator, {
          recapId: draft.id,
          summary:
            'Moderators compared how they share the load: weekly rotations, escalation paths for the hardest reports, and days off that stay off.',
        });
        return (await this.recaps.publish(curator, { recapId: draft.id, collectionSlugs: [] })).id;
      } catch (error) {
        // Seeded before: the recap exists already.
        if (error instanceof ArchiveError && error.code === ArchiveErrorCode.RECAP_EXISTS)
          return null;
        throw error;
      }
    }
    return null;
  }
}
