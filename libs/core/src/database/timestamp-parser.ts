import { types } from 'pg';

const TIMESTAMPTZ_OID = 1184;
const UTC_SUFFIX = '+00';
const fallback = types.getTypeParser(TIMESTAMPTZ_OID, 'text');

function digits(text: string, start: number, end: number): number {
  let value = 0;
  for (let i = start; i < end; i++) value = value * 10 + text.charCodeAt(i) - 48;
  return value;
}

/**
 * A `timestamptz` as PostgreSQL writes it in a UTC session ('2026-11-24 06:38:35.242123+00'),
 * read without a regular expression: a 2,000-reply tree carries thousands of them, and pg's
 * general parser made up a tenth of its CPU time. Anything else (another time zone, BC, infinity,
 * a year below 100 or past 9999) goes to pg's own parser. Milliseconds are kept, as pg's parser keeps them.
 */
export function parseTimestamptz(text: string): Date {
  const length = text.length;
  if (
    length < 22 ||
    text.charCodeAt(4) !== 45 || // '-'
    text.charCodeAt(10) !== 32 || // ' '
    text.charCodeAt(13) !== 58 || // ':'
    !text.endsWith(UTC_SUFFIX) ||
    (length > 22 && text.charCodeAt(19) !== 46) // '.'
  ) {
    return fallback(text) as Date;
  }
  const year = digits(text, 0, 4);
  if (year < 100) return fallback(text) as Date; // Date.UTC would read 0050 as 1950
  let ms = 0;
  for (let i = 20, scale = 100; i < length - 3 && scale >= 1; i++, scale /= 10) {
    ms += (text.charCodeAt(i) - 48) * scale;
  }
  return new Date(
    Date.UTC(
      year,
      digits(text, 5, 7) - 1,
      digits(text, 8, 10),
      digits(text, 11, 13),
      digits(text, 14, 16),
      digits(text, 17, 19),
      ms,
    ),
  );
}

/** Installs `parseTimestamptz` for every pg client of this process (once; idempotent). */
export function useFastTimestampParser(): void {
  types.setTypeParser(TIMESTAMPTZ_OID, parseTimestamptz);
}
