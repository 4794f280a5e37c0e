import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AccountEntity, AccountsService, StartupState } from '@app/core';
import { RegistrationEntity, RegistrationStatus } from '../registration.entity';
import { RoundtableFacilitatorEntity } from '../roundtable-facilitator.entity';
import { RoundtableEntity, RoundtableState } from '../roundtable.entity';
import { MESSAGE_NEW, MessagePayload } from './messages.service';
import { RecordWriter } from './record-writer';
import { RoomLog } from './room-log';

const email = (name: string) => `${name}@roundtable.demo`;
const TITLE = 'Moderation burnout: what actually helps';
const MINUTE = 60_000;

const AGENDA = [
  { title: 'Check-in: how heavy is your queue?', minutes: 10 },
  { title: 'Rotations, escalation paths and days off', minutes: 30 },
  { title: 'Takeaways', minutes: 10 },
];

/** [who, minutes after the start, text] */
const CHAT: Array<[string, number, string]> = [
  ['grace', 1, 'Welcome everyone! One line each: how many reports did your team handle last week?'],
  ['priya', 2, 'About 300, two of us part-time. Mondays are the worst.'],
  ['marcus', 3, 'Closer to 900, but half are spam our filters now catch.'],
  ['noah', 12, 'We rotate the queue weekly; the person off-rotation does community events only.'],
  ['amara', 14, 'Same, and nobody moderates on their day off: the on-call rota covers it.'],
  [
    'lena',
    20,
    'Escalation path saved us: anything about self-harm goes straight to a trained lead.',
  ],
  ['priya', 33, 'Stealing the weekly rotation idea. What size of team does it need?'],
  ['noah', 35, 'Three is the minimum that worked for us; two burns both people.'],
  ['grace', 45, 'Thank you all: the takeaways go in the record, see you next month.'],
];

/**
 * An ended roundtable with its log and record for the demo community (after the upcoming
 * roundtables, order 20). Written directly, in the past, rather than by scheduling through
 * the service (which only accepts future starts).
 */
@Injectable()
export class RoomDemo implements OnModuleInit {
  constructor(
    private readonly startup: StartupState,
    private readonly accounts: AccountsService,
    private readonly log: RoomLog,
    private readonly records: RecordWriter,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    this.startup.registerDemoSeeder('live-room', 40, () => this.seed());
  }

  private async seed(): Promise<void> {
    const repo = this.dataSource.getRepository(RoundtableEntity);
    if (await repo.existsBy({ title: TITLE })) return;
    const members = new Map<string, AccountEntity>();
    for (const name of new Set(['grace', ...CHAT.map(([who]) => who)])) {
      const account = await this.accounts.findByEmail(email(name));
      if (account) members.set(name, account);
    }
    const host = members.get('grace');
    if (!host) return;
    const startedAt = new Date(Date.now() - 2 * 86_400_000);
    startedAt.setUTCHours(16, 0, 0, 0);
    const endedAt = new Date(startedAt.getTime() + 50 * MINUTE);

    const roundtable = await this.dataSource.transaction(async (manager) => {
      const saved = await manager.getRepository(RoundtableEntity).save(
        manager.getRepository(RoundtableEntity).create({
          hostId: host.id,
          title: TITLE,
          description:
            'Moderators carry the worst of the internet so members do not have to. How teams share the load: rotations, escalation paths, days off that stay off.',
          startsAt: startedAt,
          durationMinutes: 50,
          capacity: 12,
          chathamHouse: false,
          agenda: AGENDA,
          tags: [],
          state: RoundtableState.LIVE,
          startedAt,
        }),
      );
      await manager
        .getRepository(RoundtableFacilitatorEntity)
        .insert({ roundtableId: saved.id, accountId: host.id, position: 0 });
      const registrants = [...members.values()].filter((a) => a.id !== host.id);
      if (registrants.length) {
        await manager.getRepository(RegistrationEntity).insert(
          registrants.map((account) => ({
            roundtableId: saved.id,
            accountId: account.id,
            status: RegistrationStatus.REGISTERED,
            position: null,
          })),
        );
      }
      // Everyone attended; minutes present vary a little.
      for (const [i, account] of [...members.values()].entries()) {
        await manager.query(
          `INSERT INTO room_participant (roundtable_id, account_id, first_joined_at, present_seconds)
           VALUES ($1, $2, $3, $4)`,
          [saved.id, account.id, startedAt, (50 - (i % 3) * 5) * 60],
        );
      }
      return saved;
    });

    await this.log.transact(roundtable.id, async (tx) => {
      for (const [i, [who, minutes, text]] of CHAT.entries()) {
        const author = members.get(who);
        if (!author) continue;
        const sentAt = new Date(startedAt.getTime() + minutes * MINUTE);
        const payload: MessagePayload = {
          clientId: `demo-${i}`,
          author: { id: author.id, handle: author.handle, displayName: author.displayName },
          text,
          sentAt: sentAt.toISOString(),
        };
        const event = await tx.append(MESSAGE_NEW, payload, author.id);
        await tx.manager.query(
          'UPDATE room_event SET created_at = $3 WHERE roundtable_id = $1 AND seq = $2',
          [roundtable.id, event.seq, sentAt],
        );
      }
    });
    await this.dataSource.query(
      `UPDATE roundtable SET state = 'ENDED', ended_at = $2, sequence = sequence + 1 WHERE id = $1`,
      [roundtable.id, endedAt],
    );
    await this.records.write(roundtable.id);
  }
}
