import {
  MAX_POSITION,
  childPath,
  depthOfPath,
  isDescendantPath,
  isPath,
  segment,
  DESCENDANT_BOUND,
} from './reply-path';

/** Byte-wise comparison, as PostgreSQL's "C" collation sorts. */
const byteOrder = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

describe('reply paths', () => {
  it('encodes positions as fixed-width base-36 segments', () => {
    expect(segment(1)).toBe('0001');
    expect(segment(35)).toBe('000z');
    expect(segment(36)).toBe('0010');
    expect(segment(MAX_POSITION)).toBe('zzzz');
    expect(() => segment(0)).toThrow(RangeError);
    expect(() => segment(MAX_POSITION + 1)).toThrow(RangeError);
  });

  it('sorts into pre-order: parents before children, children before later siblings', () => {
    const a = childPath(null, 1);
    const b = childPath(null, 2);
    const a1 = childPath(a, 1);
    const a2 = childPath(a, 2);
    const a10 = childPath(a, 10);
    const a36 = childPath(a, 36);
    const a1x = childPath(a1, 1);
    const shuffled = [b, a36, a1x, a2, a, a10, a1];
    expect([...shuffled].sort(byteOrder)).toEqual([a, a1, a1x, a2, a10, a36, b]);
  });

  it('bounds the descendants of a path', () => {
    const a = childPath(null, 7);
    const deep = childPath(childPath(a, MAX_POSITION), 3);
    expect(deep > a && deep < a + DESCENDANT_BOUND).toBe(true);
    const next = childPath(null, 8);
    expect(next < a + DESCENDANT_BOUND).toBe(false);
    expect(isDescendantPath(deep, a)).toBe(true);
    expect(isDescendantPath(a, a)).toBe(false);
  });

  it('knows depth and valid paths', () => {
    expect(depthOfPath('0001')).toBe(0);
    expect(depthOfPath('00010002')).toBe(1);
    expect(isPath('0001000a')).toBe(true);
    expect(isPath('001')).toBe(false);
    expect(isPath('0001ZZZZ')).toBe(false);
    expect(isPath("0001' OR 1=1")).toBe(false);
  });
});
