import { encodeCursor } from '@app/core';
import {
  decodeTimeCursor,
  decodeVotesCursor,
  encodeTimeCursor,
  encodeVotesCursor,
} from './cursors';
import { RoundtablesError } from './roundtables.errors';

const ID = '6f1c1a52-8d5e-4c55-9a3c-0b7c2b2a9e01';
const TIME = '2026-01-02T03:04:05.123456Z';

describe('roundtable cursors', () => {
  it('round-trip microsecond positions', () => {
    expect(decodeTimeCursor(encodeTimeCursor({ time: TIME, id: ID }))).toEqual({
      time: TIME,
      id: ID,
    });
    expect(decodeVotesCursor(encodeVotesCursor({ votes: 3, time: TIME, id: ID }))).toEqual({
      votes: 3,
      time: TIME,
      id: ID,
    });
  });

  it.each([
    ['garbage', 'not-a-cursor'],
    ['a millisecond time', encodeCursor(['2026-01-02T03:04:05.123Z', ID])],
    ['a non-uuid id', encodeCursor([TIME, 'x; DROP TABLE roundtable'])],
    ['a votes cursor where a time cursor goes', encodeCursor([1, TIME, ID])],
  ])('refuses %s as BAD_USER_INPUT', (_what, cursor) => {
    try {
      decodeTimeCursor(cursor);
      throw new Error('accepted');
    } catch (error) {
      expect((error as RoundtablesError).publicCode).toBe('BAD_USER_INPUT');
    }
  });

  it('refuses negative or fractional vote counts', () => {
    expect(() => decodeVotesCursor(encodeCursor([-1, TIME, ID]))).toThrow(RoundtablesError);
    expect(() => decodeVotesCursor(encodeCursor([1.5, TIME, ID]))).toThrow(RoundtablesError);
  });
});
