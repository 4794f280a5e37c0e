/**
 * The materialised path of a reply: one fixed-width base-36 segment per level, the reply's
 * position among its siblings in posting order (`0001`, then `00010001` under it...). With byte
 * ("C") collation, ORDER BY path is the tree's pre-order, and every descendant of `p` sorts in
 * (`p`, `p~`), '~' being above every segment character.
 */
export const SEGMENT_WIDTH = 4;
export const MAX_POSITION = 36 ** SEGMENT_WIDTH - 1;
/** Depth 0 is the top level; 500 levels keep the path (2,000 chars) within a btree entry. */
export const MAX_DEPTH = 499;
export const DESCENDANT_BOUND = '~';

const PATH = /^(?:[0-9a-z]{4})+$/;

export function segment(position: number): string {
  if (!Number.isInteger(position) || position < 1 || position > MAX_POSITION) {
    throw new RangeError(`reply position ${position} is outside 1..${MAX_POSITION}`);
  }
  return position.toString(36).padStart(SEGMENT_WIDTH, '0');
}

export function childPath(parentPath: string | null, position: number): string {
  return `${parentPath ?? ''}${segment(position)}`;
}

export function depthOfPath(path: string): number {
  return path.length / SEGMENT_WIDTH - 1;
}

export function isPath(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 2000 && PATH.test(value);
}

/** True when `path` lies under `ancestor` (not equal). */
export function isDescendantPath(path: string, ancestor: string): boolean {
  return path.length > ancestor.length && path.startsWith(ancestor);
}
