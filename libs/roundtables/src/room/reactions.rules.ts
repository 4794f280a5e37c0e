/** The reaction rules that need no database: which emoji, how many, and how they are batched. */

/** The palette: a fixed set keeps the per-message counters small and the payload checkable. */
export const REACTION_EMOJI = ['👍', '👏', '❤️', '😂', '😮', '🤔', '💡', '🎉', '🙌', '🔥'] as const;
export type ReactionEmoji = (typeof REACTION_EMOJI)[number];

/** Per member, across nodes: this many reactions a second, then RATE_LIMITED. */
export const REACTIONS_PER_SECOND = 5;
/** Reactions arriving within this window go out as one `reaction.burst`. */
export const REACTION_WINDOW_MS = 250;
/** `seq` 0 in the counters stands for the room itself (sequence numbers start at 1). */
export const ROOM_TARGET = 0;

export interface ReactionTally {
  emoji: string;
  /** The message's seq, or null for a reaction to the room. */
  seq: number | null;
  count: number;
}

/** Reactions of one session gathered during a window, counted per (seq, emoji). */
export class ReactionWindow {
  private readonly counts = new Map<string, ReactionTally>();

  add(emoji: string, seq: number | null): void {
    const key = `${seq ?? ROOM_TARGET}|${emoji}`;
    const tally = this.counts.get(key);
    if (tally) tally.count += 1;
    else this.counts.set(key, { emoji, seq, count: 1 });
  }

  get size(): number {
    return this.counts.size;
  }

  /** What was gathered (the room first, then by seq; most counted first), and empties the window. */
  drain(): ReactionTally[] {
    const tallies = [...this.counts.values()].sort(
      (a, b) =>
        (a.seq ?? ROOM_TARGET) - (b.seq ?? ROOM_TARGET) ||
        b.count - a.count ||
        (a.emoji < b.emoji ? -1 : 1),
    );
    this.counts.clear();
    return tallies;
  }
}
