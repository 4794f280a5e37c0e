export const MAX_TAG_LENGTH = 50;
const TAG = /^[\p{L}\p{N}][\p{L}\p{N} &+./#-]*$/u;

/** Lower-case, trimmed, inner spaces collapsed; `null` when nothing usable is left. */
export function normaliseTag(raw: string): string | null {
  const name = raw.normalize('NFC').trim().toLowerCase().replace(/\s+/g, ' ');
  return name.length > 0 && name.length <= MAX_TAG_LENGTH && TAG.test(name) ? name : null;
}

/** Normalised and de-duplicated, first occurrence first; returns the rejects too. */
export function normaliseTags(raw: readonly string[]): { tags: string[]; invalid: string[] } {
  const tags: string[] = [];
  const invalid: string[] = [];
  for (const value of raw) {
    const name = normaliseTag(value);
    if (name === null) invalid.push(value);
    else if (!tags.includes(name)) tags.push(name);
  }
  return { tags, invalid };
}
