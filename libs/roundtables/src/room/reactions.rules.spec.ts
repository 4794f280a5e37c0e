import { REACTION_EMOJI, ReactionWindow } from './reactions.rules';

describe('the reaction window', () => {
  it('counts reactions per message and emoji, the room first, the most counted first', () => {
    const window = new ReactionWindow();
    window.add('👍', 7);
    window.add('👍', 7);
    window.add('🎉', 7);
    window.add('👍', null);
    window.add('👍', 3);
    expect(window.size).toBe(4);
    expect(window.drain()).toEqual([
      { emoji: '👍', seq: null, count: 1 },
      { emoji: '👍', seq: 3, count: 1 },
      { emoji: '👍', seq: 7, count: 2 },
      { emoji: '🎉', seq: 7, count: 1 },
    ]);
  });

  it('starts afresh after a drain', () => {
    const window = new ReactionWindow();
    window.add('🔥', null);
    window.drain();
    expect(window.size).toBe(0);
    expect(window.drain()).toEqual([]);
  });

  it('has a palette of distinct emoji short enough for the counter column', () => {
    expect(new Set(REACTION_EMOJI).size).toBe(REACTION_EMOJI.length);
    for (const emoji of REACTION_EMOJI) expect(emoji.length).toBeLessThanOrEqual(16);
  });
});
