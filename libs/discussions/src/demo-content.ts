import { SpaceVisibility } from './space.entity';
import { ThreadKind } from './thread.entity';

/** Demo authors by the local part of their demo email (`priya` is priya@roundtable.demo). */
export interface DemoReply {
  by: string;
  body: string;
  feedback?: { worked?: string; wouldChange?: string; risks?: string };
  /** The asker accepts this answer. */
  accepted?: boolean;
  replies?: DemoReply[];
}

export interface DemoThread {
  space: string;
  kind: ThreadKind;
  by: string;
  title: string;
  body: string;
  tags: string[];
  replies: DemoReply[];
}

export const DEMO_SPACES = [
  {
    slug: 'engagement',
    name: 'Engagement',
    description: 'Getting members to show up, contribute and come back.',
    visibility: SpaceVisibility.PUBLIC,
  },
  {
    slug: 'measurement-roi',
    name: 'Measurement and ROI',
    description: 'Metrics, health scores and making the case for community.',
    visibility: SpaceVisibility.PUBLIC,
  },
  {
    slug: 'governance',
    name: 'Governance and moderation',
    description: 'Codes of conduct, moderator teams, conflict and trust & safety.',
    visibility: SpaceVisibility.MEMBERS,
  },
  {
    slug: 'tools',
    name: 'Tools and platforms',
    description: 'Forums, chat, CRMs and migrating between them.',
    visibility: SpaceVisibility.MEMBERS,
  },
  {
    slug: 'career',
    name: 'Career',
    description: 'Growing as a community professional.',
    visibility: SpaceVisibility.MEMBERS,
  },
];

export const DEMO_THREADS: DemoThread[] = [
  {
    space: 'measurement-roi',
    kind: ThreadKind.QUESTION,
    by: 'noah',
    title: 'How do you measure engagement beyond likes and post counts?',
    body: 'My manager wants an "engagement number" every month. Counting posts feels wrong: a few power users post most of it. What do you actually track, and how do you explain it?',
    tags: ['engagement metrics', 'health scores'],
    replies: [
      {
        by: 'grace',
        accepted: true,
        body: 'Track **behaviours that mean value**, not volume:\n\n1. % of new members who get a reply within 24 h\n2. Returning contributors per month (posted in 2 of the last 3 months)\n3. Questions answered by members rather than staff\n\nReport them as a trend, never a single number.',
        feedback: {
          worked: 'Returning contributors moved with retention in every audit I ran.',
          wouldChange: 'I would drop raw DAU from the report entirely.',
          risks: 'Small communities get noisy month-to-month: use a rolling 3-month window.',
        },
        replies: [
          {
            by: 'kwame',
            body: 'Agree with @grace-liu. We added "time to first reply" to the support dashboard and it finally got executive attention.',
            replies: [
              {
                by: 'noah',
                body: 'How did you pull time to first reply, from the platform API or a BI export?',
                replies: [
                  {
                    by: 'kwame',
                    body: 'A nightly export into our warehouse, then a simple SQL view. Happy to share the query.',
                  },
                ],
              },
            ],
          },
        ],
      },
      {
        by: 'priya',
        body: 'For developer communities we track **docs contributions and answered questions**: both correlate with product adoption far better than likes.',
        feedback: { worked: 'Answered-question rate predicted expansion revenue for us.' },
      },
    ],
  },
  {
    space: 'engagement',
    kind: ThreadKind.QUESTION,
    by: 'amara',
    title: 'Onboarding new members: what does your first week look like?',
    body: 'We get ~200 sign-ups a month and most never post. What do you do in a new member’s first week?',
    tags: ['onboarding', 'engagement metrics'],
    replies: [
      {
        by: 'sofia',
        accepted: true,
        body: 'A personal welcome thread, a *buddy* from the regulars, and one tiny first task ("introduce your project in 3 lines"). Then a check-in on day 7.',
        feedback: {
          worked: 'First-post rate went from 12% to 31% in two months.',
          wouldChange: 'Automate the buddy matching: by hand it broke at 150 sign-ups.',
          risks: 'Buddies burn out; rotate them every quarter.',
        },
        replies: [
          {
            by: 'hana',
            body: 'We do the same on Discord with a #start-here channel. The 3-line intro is gold.',
          },
        ],
      },
      {
        by: 'marcus',
        body: 'In open source we label "good first issues" and thank every first contributor publicly. The thank-you matters more than the task.',
      },
    ],
  },
  {
    space: 'governance',
    kind: ThreadKind.QUESTION,
    by: 'lena',
    title: 'Moderating conflict between two long-time members',
    body: 'Two respected regulars keep clashing in every thread about the new rules. Members are starting to take sides. How do you step in without losing either of them?',
    tags: ['moderation', 'conflict resolution'],
    replies: [
      {
        by: 'ines',
        accepted: true,
        body: 'Take it **out of public**: one private conversation with each, separately, about behaviour not opinions. Then a short public note that restates the rule without naming anyone.',
        feedback: {
          worked: 'Both stayed, and one became a moderator a year later.',
          risks: 'If you only talk to one of them it reads as taking sides.',
        },
        replies: [
          {
            by: 'marcus',
            body: 'Agree, and write down what you agreed with each. It makes the second conversation much easier if it comes to that.',
            replies: [
              {
                by: 'lena',
                body: 'Good point, we have no notes today. Do you keep them in the moderation tool or elsewhere?',
              },
            ],
          },
        ],
      },
      {
        by: 'moderator',
        body: 'Also consider a cool-down: lock the hottest thread for 24 hours and say why.',
      },
    ],
  },
  {
    space: 'measurement-roi',
    kind: ThreadKind.QUESTION,
    by: 'tom',
    title: 'Proving community ROI to executives who only read dashboards',
    body: 'Budget review is next month. Executives want one slide. What numbers convinced yours?',
    tags: ['roi', 'customer community'],
    replies: [
      {
        by: 'kwame',
        accepted: true,
        body: '**Ticket deflection** in money: answered threads × share of readers who would have opened a ticket × cost per ticket. Then retention of community members vs. non-members as the second line.',
        feedback: {
          worked: 'The CFO accepted deflection once support agreed the cost per ticket.',
          wouldChange: 'Start with retention if support costs are low in your company.',
          risks: 'Correlation, not causation: say so before someone else does.',
        },
        replies: [
          {
            by: 'grace',
            body: 'Matched cohorts help with the causation question: compare members and non-members who signed up the same month with the same plan.',
          },
          {
            by: 'noah',
            body: 'Coming from support: our cost per ticket was in the support team’s quarterly report already.',
          },
        ],
      },
    ],
  },
  {
    space: 'tools',
    kind: ThreadKind.DISCUSSION,
    by: 'diego',
    title: 'Discord or a forum for a 5,000-member customer community?',
    body: 'We are choosing a home for our customer community. Chat feels alive, a forum keeps answers findable. What would you pick today?',
    tags: ['platform migration', 'customer community'],
    replies: [
      {
        by: 'hana',
        body: 'Both, with clear jobs: chat for events and hanging out, the forum for questions. Link every answered chat question to a forum thread.',
        feedback: { worked: 'Search traffic to the forum tripled in a year.' },
      },
      {
        by: 'tom',
        body: 'For customers: a forum. Searchable answers are what deflect tickets.',
      },
    ],
  },
  {
    space: 'career',
    kind: ThreadKind.QUESTION,
    by: 'noah',
    title: 'Moving from support to community management: what to learn first?',
    body: 'I have three years in customer support and just joined the community team. What skills should I build first?',
    tags: ['customer support', 'onboarding'],
    replies: [
      {
        by: 'priya',
        body: 'Facilitation and writing. You already know the product and the customers, which is most of the job.',
        replies: [
          {
            by: 'amara',
            body: 'And member research: talk to five members a month. It keeps your programs honest.',
          },
        ],
      },
    ],
  },
];
