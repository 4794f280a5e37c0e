import { RateLimitSetting } from '@app/core';

/** Settings of the discussions library; nothing here is read from the environment. */
export interface DiscussionsOptions {
  /** Replies one member may post per window (10 a minute by default). */
  replyRateLimit: RateLimitSetting;
}

/** Provider token of the options. Tests adjust the provided object (`app.get(DISCUSSIONS_OPTIONS)`). */
export const DISCUSSIONS_OPTIONS = 'DISCUSSIONS_OPTIONS';

export function defaultDiscussionsOptions(): DiscussionsOptions {
  return { replyRateLimit: { limit: 10, windowSeconds: 60 } };
}
