import { FieldErrors } from '@app/core';

/** The poll rules that need no database: what a poll may ask, and how votes are counted. */
export const POLL_OPTIONS = { min: 2, max: 6 } as const;
export const POLL_QUESTION_MAX = 200;
export const POLL_OPTION_MAX = 100;

/** What is wrong with a poll's options beyond their shape (checked by the payload class). */
export function pollOptionErrors(options: readonly string[]): FieldErrors {
  const fields: FieldErrors = {};
  const seen = new Map<string, number>();
  options.forEach((option, index) => {
    const key = option.trim().toLowerCase();
    if (!key) fields[`options.${index}`] = ['must not be blank'];
    else if (seen.has(key)) fields[`options.${index}`] = [`repeats option ${seen.get(key)}`];
    else seen.set(key, index);
  });
  return fields;
}

/** Counts after one vote for `option` (0-based); the input is left alone. */
export function countVote(counts: readonly number[], option: number): number[] {
  if (!Number.isInteger(option) || option < 0 || option >= counts.length) {
    throw new RangeError(`option ${option} is not one of the ${counts.length} options`);
  }
  return counts.map((count, index) => (index === option ? count + 1 : count));
}

export interface PollResult {
  text: string;
  votes: number;
  /** Whole percent of the votes cast, 0 when none were. */
  percent: number;
}

/**
 * Options with their votes and percentages. Percentages use the largest-remainder method, so
 * they add up to exactly 100 once anyone voted (33 + 33 + 34, never 99).
 */
export function pollResults(options: readonly string[], counts: readonly number[]): PollResult[] {
  const total = counts.reduce((sum, count) => sum + count, 0);
  const exact = counts.map((count) => (total ? (count * 100) / total : 0));
  const percent = exact.map(Math.floor);
  let left = total ? 100 - percent.reduce((sum, p) => sum + p, 0) : 0;
  const byRemainder = exact
    .map((value, index) => ({ index, remainder: value - Math.floor(value) }))
    .sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  for (const { index } of byRemainder) {
    if (left <= 0) break;
    percent[index] += 1;
    left -= 1;
  }
  return options.map((text, index) => ({
    text,
    votes: counts[index] ?? 0,
    percent: percent[index],
  }));
}
