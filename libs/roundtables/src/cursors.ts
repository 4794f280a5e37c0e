import { decodeCursor, encodeCursor } from '@app/core';
import { RoundtablesError, RoundtablesErrorCode } from './roundtables.errors';

/**
 * Keyset cursors carry timestamps as PostgreSQL's own UTC text with microseconds: a JS Date
 * keeps only milliseconds, and rows within one millisecond would be skipped or repeated.
 */
export const timeKey = (column: string) =>
  `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

const MICROSECOND_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function refuse(): never {
  throw new RoundtablesError(
    RoundtablesErrorCode.INVALID_CURSOR,
    'The `after` cursor is not from this list: use an endCursor or edge cursor from it.',
    { fields: { after: ['is not a cursor from this list'] } },
  );
}

export interface TimePosition {
  time: string;
  id: string;
}

export function encodeTimeCursor(position: TimePosition): string {
  return encodeCursor([position.time, position.id]);
}

export function decodeTimeCursor(cursor: string): TimePosition {
  const [time, id] = decodeCursor(cursor, 2);
  if (typeof time !== 'string' || !MICROSECOND_UTC.test(time)) refuse();
  if (typeof id !== 'string' || !UUID.test(id)) refuse();
  return { time, id };
}

export interface VotesPosition extends TimePosition {
  votes: number;
}

export function encodeVotesCursor(position: VotesPosition): string {
  return encodeCursor([position.votes, position.time, position.id]);
}

export function decodeVotesCursor(cursor: string): VotesPosition {
  const [votes, time, id] = decodeCursor(cursor, 3);
  if (typeof votes !== 'number' || !Number.isSafeInteger(votes) || votes < 0) refuse();
  const rest = decodeTimeCursor(encodeCursor([time, id]));
  return { votes, ...rest };
}
