import { Injectable, OnModuleInit } from '@nestjs/common';
import { AccountsService, AuthService, DEMO_PASSWORD, StartupState } from '@app/core';
import { UpdateProfileInput } from './dto/update-profile.input';
import { MembersService } from './members.service';
import { ProfileVisibility } from './profile.entity';

type DemoMember = { email: string; displayName: string } & UpdateProfileInput;

/** A dozen practitioners, so a fresh `npm start` shows a directory worth searching. */
export const DEMO_MEMBERS: DemoMember[] = [
  {
    email: 'priya@roundtable.demo',
    displayName: 'Priya Raman',
    headline: 'Head of Community at a developer-tools startup',
    organization: 'Stackforge',
    jobTitle: 'Head of Community',
    yearsOfPractice: 9,
    location: 'Bengaluru',
    timeZone: 'Asia/Kolkata',
    bio: 'I build **developer communities** that ship: champions programs, docs sprints and office hours.',
    expertise: ['superusers', 'developer relations', 'engagement metrics'],
    learning: ['governance'],
    visibility: ProfileVisibility.PUBLIC,
  },
  {
    email: 'marcus@roundtable.demo',
    displayName: 'Marcus Bell',
    headline: 'Community manager, open-source foundation',
    organization: 'Open Commons Foundation',
    jobTitle: 'Community Manager',
    yearsOfPractice: 6,
    location: 'Portland',
    timeZone: 'America/Los_Angeles',
    bio: 'Codes of conduct, contributor ladders, and making first-time contributors stay.',
    expertise: ['governance', 'onboarding', 'moderation'],
    learning: ['engagement metrics'],
    visibility: ProfileVisibility.PUBLIC,
  },
  {
    email: 'ines@roundtable.demo',
    displayName: 'Inès Moreau',
    headline: 'Moderation lead for a 200k-member forum',
    organization: 'Parlons Jardin',
    jobTitle: 'Moderation Lead',
    yearsOfPractice: 11,
    location: 'Lyon',
    timeZone: 'Europe/Paris',
    bio: 'Volunteer moderator teams, escalation paths, and keeping heated threads civil.',
    expertise: ['moderation', 'conflict resolution', 'volunteer management'],
    learning: ['platform migration'],
  },
  {
    email: 'kwame@roundtable.demo',
    displayName: 'Kwame Asante',
    headline: 'Proving community ROI to the C-suite',
    organization: 'Brightpath SaaS',
    jobTitle: 'Director of Community',
    yearsOfPractice: 8,
    location: 'Accra',
    timeZone: 'Africa/Accra',
    bio: 'Ticket deflection, retention cohorts and the dashboards executives actually read.',
    expertise: ['engagement metrics', 'roi', 'customer community'],
    learning: ['superusers'],
    visibility: ProfileVisibility.PUBLIC,
  },
  {
    email: 'hana@roundtable.demo',
    displayName: 'Hana Kobayashi',
    headline: 'Migrated three communities without losing the regulars',
    organization: 'Kumo Games',
    jobTitle: 'Community Operations Manager',
    yearsOfPractice: 7,
    location: 'Tokyo',
    timeZone: 'Asia/Tokyo',
    bio: 'Platform migrations, Discord to forum and back, with redirects and rituals intact.',
    expertise: ['platform migration', 'gaming communities', 'onboarding'],
    learning: ['roi'],
  },
  {
    email: 'sofia@roundtable.demo',
    displayName: 'Sofía Herrera',
    headline: 'Onboarding journeys for member-led communities',
    organization: 'Red de Cuidadoras',
    jobTitle: 'Community Manager',
    yearsOfPractice: 4,
    location: 'Bogotá',
    timeZone: 'America/Bogota',
    bio: 'Welcome threads, buddy systems and the first 30 days of a new member.',
    expertise: ['onboarding', 'member-led events'],
    learning: ['moderation', 'engagement metrics'],
    visibility: ProfileVisibility.PUBLIC,
  },
  {
    email: 'tom@roundtable.demo',
    displayName: 'Tom Eriksen',
    headline: 'Superuser programs at scale',
    organization: 'Nordlys Telecom',
    jobTitle: 'Community Program Lead',
    yearsOfPractice: 10,
    location: 'Oslo',
    timeZone: 'Europe/Oslo',
    bio: 'Recognition, private spaces and early access: what keeps 80 superusers answering.',
    expertise: ['superusers', 'customer community', 'gamification'],
    learning: ['developer relations'],
  },
  {
    email: 'amara@roundtable.demo',
    displayName: 'Amara Okafor',
    headline: 'Community strategist for nonprofits',
    organization: 'Civic Threads',
    jobTitle: 'Community Strategist',
    yearsOfPractice: 5,
    location: 'Lagos',
    timeZone: 'Africa/Lagos',
    bio: 'Member research, community charters and measuring belonging.',
    expertise: ['governance', 'member research', 'engagement metrics'],
    learning: ['platform migration'],
  },
  {
    email: 'lena@roundtable.demo',
    displayName: 'Lena Fischer',
    headline: 'Community moderator and trust & safety generalist',
    organization: 'Fahrrad Forum',
    jobTitle: 'Moderator',
    yearsOfPractice: 3,
    location: 'Berlin',
    timeZone: 'Europe/Berlin',
    bio: 'Spam waves, ban appeals and writing rules people read.',
    expertise: ['moderation', 'trust and safety'],
    learning: ['governance', 'volunteer management'],
    visibility: ProfileVisibility.PUBLIC,
  },
  {
    email: 'diego@roundtable.demo',
    displayName: 'Diego Alvarez',
    headline: 'Events and roundtables for product communities',
    organization: 'Loomly Labs',
    jobTitle: 'Community Events Manager',
    yearsOfPractice: 5,
    location: 'Mexico City',
    timeZone: 'America/Mexico_City',
    bio: 'AMAs, meetups and facilitated roundtables that people come back to.',
    expertise: ['member-led events', 'facilitation', 'engagement metrics'],
    learning: ['superusers'],
  },
  {
    email: 'grace@roundtable.demo',
    displayName: 'Grace Liu',
    headline: 'Consultant: community audits and health scores',
    organization: 'Independent',
    jobTitle: 'Community Consultant',
    yearsOfPractice: 14,
    location: 'Toronto',
    timeZone: 'America/Toronto',
    bio: 'I have audited 40+ communities. Ask me about health scores and churn signals.',
    expertise: ['engagement metrics', 'roi', 'community audits'],
    learning: ['gaming communities'],
    visibility: ProfileVisibility.PUBLIC,
  },
  {
    email: 'noah@roundtable.demo',
    displayName: 'Noah Williams',
    headline: 'New to community management, coming from support',
    organization: 'Brightpath SaaS',
    jobTitle: 'Community Associate',
    yearsOfPractice: 1,
    location: 'Austin',
    timeZone: 'America/Chicago',
    bio: 'Learning everything: onboarding, metrics, moderation. Happy to share my support-desk lens.',
    expertise: ['customer support'],
    learning: ['onboarding', 'engagement metrics', 'moderation'],
  },
];

@Injectable()
export class MembersDemo implements OnModuleInit {
  constructor(
    private readonly startup: StartupState,
    private readonly accounts: AccountsService,
    private readonly auth: AuthService,
    private readonly members: MembersService,
  ) {}

  onModuleInit(): void {
    this.startup.registerDemoSeeder('member profiles', 10, () => this.seed());
  }

  private async seed(): Promise<void> {
    const passwordHash = await this.auth.hashPassword(DEMO_PASSWORD);
    for (const { email, displayName, ...profile } of DEMO_MEMBERS) {
      if (await this.accounts.findByEmail(email)) continue;
      const account = await this.accounts.create({ email, passwordHash, displayName });
      await this.members.updateProfile(account.id, profile);
    }
    const staff = [
      {
        email: 'admin@roundtable.demo',
        profile: {
          headline: 'Keeps Roundtable running',
          organization: 'Roundtable',
          jobTitle: 'Platform admin',
          expertise: ['community platforms'],
        },
      },
      {
        email: 'moderator@roundtable.demo',
        profile: {
          headline: 'Moderator of the Roundtable community',
          organization: 'Roundtable',
          jobTitle: 'Community Moderator',
          expertise: ['moderation', 'facilitation'],
          visibility: ProfileVisibility.PUBLIC,
        },
      },
    ];
    for (const { email, profile } of staff) {
      const account = await this.accounts.findByEmail(email);
      if (account) await this.members.updateProfile(account.id, profile);
    }
  }
}
