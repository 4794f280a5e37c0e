import { DISCUSSIONS_OPTIONS, DiscussionsOptions } from '@app/discussions';
// Not part of @app/discussions' surface: tests wait for the listener to hand events on.
import { ThreadEventsListener } from '../../libs/discussions/src/thread-events.listener';
import { GraphQLResult, TestApp } from '../support/test-app';

/** Helpers of the part B suites (engagement*, live-threads); each suite still makes its own data. */
export const REACTIONS = 'reactions { kind count mine }';

export const TOGGLE = `mutation($input: ToggleReactionInput!) {
  toggleReaction(input: $input) { kind count mine }
}`;

export const RATE = `mutation($replyId: ID!, $useful: Boolean) {
  rateFeedback(replyId: $replyId, useful: $useful) { id feedbackUseful feedback { worked } }
}`;

export const INVITE = `mutation($threadId: ID!, $handle: String!) {
  invitePeer(threadId: $threadId, handle: $handle) {
    threadId createdAt invitee { handle } invitedBy { handle }
  }
}`;

export const FOLLOW = `mutation($threadId: ID!) { followThread(threadId: $threadId) { id following unreadCount } }`;
export const UNFOLLOW = `mutation($threadId: ID!) { unfollowThread(threadId: $threadId) { id following unreadCount } }`;
export const MARK_READ = `mutation($threadId: ID!) { markThreadRead(threadId: $threadId) { id following unreadCount } }`;

export const EARNED = `query($handle: String!) {
  member(handle: $handle) { handle earnedExpertise { tag score answers } }
}`;

export interface Reaction {
  kind: 'HELPFUL' | 'INSIGHTFUL' | 'SAME_HERE';
  count: number;
  mine: boolean;
}

export interface Earned {
  tag: string;
  score: number;
  answers: number;
}

/** The three kinds in order, with the given counts and `mine` flags. */
export function reactions(
  counts: Partial<Record<Reaction['kind'], number>> = {},
  mine: Reaction['kind'][] = [],
): Reaction[] {
  return (['HELPFUL', 'INSIGHTFUL', 'SAME_HERE'] as const).map((kind) => ({
    kind,
    count: counts[kind] ?? 0,
    mine: mine.includes(kind),
  }));
}

export function fieldsOf(result: GraphQLResult<unknown>): Record<string, string[]> | undefined {
  return result.errors?.[0]?.extensions?.fields as Record<string, string[]> | undefined;
}

/** Lets a suite post as fast as it likes (the limit has its own suite). */
export function unlimitedReplies(t: TestApp): void {
  t.app.get<string, DiscussionsOptions>(DISCUSSIONS_OPTIONS).replyRateLimit.limit = 100_000;
}

/** Resolves once the app has handed on every committed thread event it heard so far. */
export async function eventsSettled(t: TestApp, ms = 150): Promise<void> {
  // NOTIFY reaches the listener shortly after COMMIT: give it a moment, then wait for it.
  await new Promise((resolve) => setTimeout(resolve, ms));
  await t.app.get(ThreadEventsListener).idle();
}

/** Polls until `check` holds (or fails after `ms`): for work done after a commit. */
export async function eventually<T>(
  read: () => Promise<T>,
  check: (value: T) => boolean,
  ms = 5000,
): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (check(value) || Date.now() > until) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
