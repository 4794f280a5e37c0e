import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AccountEntity, AccountsService, StartupState } from '@app/core';
import { QuestionsService } from './questions.service';
import { RegistrationsService } from './registrations.service';
import { RoundtableEntity } from './roundtable.entity';
import { RoundtablesService } from './roundtables.service';

interface DemoRoundtable {
  host: string;
  /** Demo members by the name before @roundtable.demo, like every name below. */
  facilitators: string[];
  title: string;
  description: string;
  daysAhead: number;
  durationMinutes: number;
  capacity: number;
  tags: string[];
  agenda: Array<{ title: string; minutes: number }>;
  registrants: string[];
  questions: Array<{ author: string; text: string; voters: string[] }>;
}

const email = (name: string) => `${name}@roundtable.demo`;

const DEMO_ROUNDTABLES: DemoRoundtable[] = [
  {
    host: 'kwame',
    facilitators: ['grace'],
    title: 'Proving community ROI to executives',
    description:
      'Bring the dashboard your leadership ignores. We compare what **actually lands** with executives: ticket deflection, retention cohorts, expansion revenue, and the stories that go with the numbers.',
    daysAhead: 3,
    durationMinutes: 90,
    capacity: 12,
    tags: ['roi', 'engagement metrics'],
    agenda: [
      { title: 'Welcome and one-line intros', minutes: 10 },
      { title: 'What executives actually read', minutes: 30 },
      { title: 'Ticket deflection and retention cohorts', minutes: 30 },
      { title: 'Open questions and takeaways', minutes: 15 },
    ],
    registrants: ['priya', 'marcus', 'amara', 'noah', 'diego', 'lena', 'tom'],
    questions: [
      {
        author: 'noah',
        text: 'How do you attribute support-ticket deflection to the community without a data team?',
        voters: ['priya', 'marcus', 'amara', 'diego'],
      },
      {
        author: 'priya',
        text: 'If you could put a single metric on a slide for the CFO, which one would it be?',
        voters: ['noah', 'lena'],
      },
      {
        author: 'amara',
        text: 'How do you measure belonging in a way executives take seriously?',
        voters: ['tom'],
      },
    ],
  },
  {
    host: 'sofia',
    facilitators: ['hana'],
    title: 'The first 30 days of a new member',
    description:
      'Welcome threads, buddy systems and first contributions: a small circle, so the waitlist moves when someone drops out.',
    daysAhead: 6,
    durationMinutes: 60,
    capacity: 3,
    tags: ['onboarding'],
    agenda: [
      { title: 'What your first week looks like', minutes: 20 },
      { title: 'Rituals that make people stay', minutes: 30 },
    ],
    registrants: ['noah', 'lena', 'marcus', 'tom', 'amara'],
    questions: [
      {
        author: 'lena',
        text: 'Do buddy systems survive once the community passes a few thousand members?',
        voters: ['noah'],
      },
    ],
  },
];

/** Upcoming roundtables for the demo community (after the member profiles, order 10). */
@Injectable()
export class RoundtablesDemo implements OnModuleInit {
  constructor(
    private readonly startup: StartupState,
    private readonly accounts: AccountsService,
    private readonly roundtables: RoundtablesService,
    private readonly registrations: RegistrationsService,
    private readonly questions: QuestionsService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    this.startup.registerDemoSeeder('roundtables', 20, () => this.seed());
  }

  private async seed(): Promise<void> {
    for (const demo of DEMO_ROUNDTABLES) {
      const exists = await this.dataSource
        .getRepository(RoundtableEntity)
        .existsBy({ title: demo.title });
      if (exists) continue;
      const host = await this.accounts.findByEmail(email(demo.host));
      if (!host) continue;
      const member = async (name: string): Promise<AccountEntity | null> =>
        this.accounts.findByEmail(email(name));
      const facilitators = (await Promise.all(demo.facilitators.map(member))).flatMap((a) =>
        a ? [a.handle] : [],
      );
      const startsAt = new Date();
      startsAt.setUTCDate(startsAt.getUTCDate() + demo.daysAhead);
      startsAt.setUTCHours(16, 0, 0, 0);
      const roundtable = await this.roundtables.schedule(host, {
        title: demo.title,
        description: demo.description,
        startsAt,
        durationMinutes: demo.durationMinutes,
        capacity: demo.capacity,
        tags: demo.tags,
        agenda: demo.agenda,
        facilitatorHandles: facilitators,
        chathamHouse: false,
      });
      for (const name of demo.registrants) {
        const account = await member(name);
        if (account) await this.registrations.register(account, roundtable.id);
      }
      for (const question of demo.questions) {
        const author = await member(question.author);
        if (!author) continue;
        const asked = await this.questions.submit(author, roundtable.id, question.text);
        for (const voter of question.voters) {
          const account = await member(voter);
          if (account) await this.questions.upvote(account, asked.id);
        }
      }
    }
  }
}
