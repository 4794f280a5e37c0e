import { countVote, pollOptionErrors, pollResults } from './polls.rules';

describe('poll options', () => {
  it('accepts distinct options', () => {
    expect(pollOptionErrors(['Yes', 'No', 'Not sure'])).toEqual({});
  });

  it('refuses a repeated option, ignoring case and spaces, naming both', () => {
    expect(pollOptionErrors(['Yes', 'No', ' yes '])).toEqual({ 'options.2': ['repeats option 0'] });
  });

  it('refuses a blank option', () => {
    expect(pollOptionErrors(['Yes', '   '])).toEqual({ 'options.1': ['must not be blank'] });
  });
});

describe('counting votes', () => {
  it('adds one to the chosen option only, leaving the input alone', () => {
    const before = [0, 2, 1];
    expect(countVote(before, 1)).toEqual([0, 3, 1]);
    expect(before).toEqual([0, 2, 1]);
  });

  it('refuses an option out of range or not whole', () => {
    expect(() => countVote([0, 0], 2)).toThrow(RangeError);
    expect(() => countVote([0, 0], -1)).toThrow(RangeError);
    expect(() => countVote([0, 0], 0.5)).toThrow(RangeError);
  });

  it('counts a stream of votes', () => {
    const votes = [0, 1, 1, 2, 1, 0];
    expect(votes.reduce(countVote, [0, 0, 0])).toEqual([2, 3, 1]);
  });
});

describe('poll results', () => {
  it('gives 0% everywhere before anyone voted', () => {
    expect(pollResults(['a', 'b'], [0, 0])).toEqual([
      { text: 'a', votes: 0, percent: 0 },
      { text: 'b', votes: 0, percent: 0 },
    ]);
  });

  it('makes percentages add up to exactly 100', () => {
    const results = pollResults(['a', 'b', 'c'], [1, 1, 1]);
    expect(results.map((r) => r.percent)).toEqual([34, 33, 33]);
    const uneven = pollResults(['a', 'b', 'c', 'd', 'e', 'f'], [1, 2, 3, 4, 5, 6]);
    expect(uneven.reduce((sum, r) => sum + r.percent, 0)).toBe(100);
  });

  it('gives the largest remainders the spare points', () => {
    // 2/3 = 66.67, 1/3 = 33.33: the first gets the spare point.
    expect(pollResults(['a', 'b'], [2, 1]).map((r) => r.percent)).toEqual([67, 33]);
  });
});
