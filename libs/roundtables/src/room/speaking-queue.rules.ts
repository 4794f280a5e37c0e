/** The speaking queue's rules that need no database: who is next, fairly. */

export interface QueuedHand {
  memberId: string;
  raisedAt: Date;
  /** Whether the member already held the floor in this session. */
  hasSpoken: boolean;
}

/**
 * Fair order: members who have not spoken in this session first, then by time raised (the
 * member id breaks a tie, so every node and every client computes the same order).
 */
export function compareHands(a: QueuedHand, b: QueuedHand): number {
  if (a.hasSpoken !== b.hasSpoken) return a.hasSpoken ? 1 : -1;
  const byTime = a.raisedAt.getTime() - b.raisedAt.getTime();
  if (byTime !== 0) return byTime;
  return a.memberId < b.memberId ? -1 : a.memberId > b.memberId ? 1 : 0;
}

export function orderQueue<T extends QueuedHand>(hands: readonly T[]): T[] {
  return [...hands].sort(compareHands);
}

/** Who `floor.give` without a handle calls on: the head of the fair order, or null. */
export function nextInLine<T extends QueuedHand>(hands: readonly T[]): T | null {
  return orderQueue(hands)[0] ?? null;
}
