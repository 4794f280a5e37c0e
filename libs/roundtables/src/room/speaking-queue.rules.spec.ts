import { QueuedHand, nextInLine, orderQueue } from './speaking-queue.rules';

const at = (second: number) => new Date(Date.UTC(2030, 0, 1, 12, 0, second));
const hand = (memberId: string, second: number, hasSpoken = false): QueuedHand => ({
  memberId,
  raisedAt: at(second),
  hasSpoken,
});

describe('the speaking queue order', () => {
  it('is first come, first served among members who have not spoken', () => {
    const queue = orderQueue([hand('c', 3), hand('a', 1), hand('b', 2)]);
    expect(queue.map((h) => h.memberId)).toEqual(['a', 'b', 'c']);
  });

  it('puts members who have not spoken before those who have, whenever they raised', () => {
    const queue = orderQueue([hand('early', 1, true), hand('late', 9), hand('mid', 5, true)]);
    expect(queue.map((h) => h.memberId)).toEqual(['late', 'early', 'mid']);
  });

  it('breaks a tie on the same instant by member id, the same on every node', () => {
    const queue = orderQueue([hand('b', 1), hand('a', 1)]);
    expect(queue.map((h) => h.memberId)).toEqual(['a', 'b']);
    expect(orderQueue([hand('a', 1), hand('b', 1)]).map((h) => h.memberId)).toEqual(['a', 'b']);
  });

  it('leaves the input alone', () => {
    const hands = [hand('b', 2), hand('a', 1)];
    orderQueue(hands);
    expect(hands.map((h) => h.memberId)).toEqual(['b', 'a']);
  });

  it('names the next in line, or nobody when no hand is up', () => {
    expect(nextInLine([hand('spoke', 1, true), hand('fresh', 2)])?.memberId).toBe('fresh');
    expect(nextInLine([])).toBeNull();
  });
});
