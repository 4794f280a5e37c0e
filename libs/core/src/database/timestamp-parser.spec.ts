import { types } from 'pg';
import { parseTimestamptz } from './timestamp-parser';

const general = types.getTypeParser(1184, 'text') as (text: string) => Date;

describe('parseTimestamptz', () => {
  it.each([
    '2026-11-24 06:38:35.242123+00',
    '2026-11-24 06:38:35.2+00',
    '2026-11-24 06:38:35.24+00',
    '2026-11-24 06:38:35.999999+00',
    '2026-11-24 06:38:35+00',
    '2024-02-29 23:59:59.5+00',
    '1970-01-01 00:00:00+00',
    '0999-03-01 12:00:00+00',
  ])('reads %s as pg does', (text) => {
    expect(parseTimestamptz(text).toISOString()).toBe(general(text).toISOString());
  });

  it.each([
    '2026-11-24 08:38:35.242+02',
    '2026-11-24 01:08:35.242-05:30',
    '0044-03-15 12:00:00+00 BC',
    '12026-11-24 06:38:35+00',
    '0050-06-01 10:00:00+00',
  ])('hands %s to pg’s own parser', (text) => {
    expect(parseTimestamptz(text).getTime()).toBe(general(text).getTime());
  });

  it('leaves infinity to pg’s parser', () => {
    expect(parseTimestamptz('infinity')).toBe(general('infinity'));
  });
});
