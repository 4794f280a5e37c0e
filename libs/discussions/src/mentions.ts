/**
 * `@handle` mentions, found in the rendered (sanitised) HTML so that markdown decides what is
 * code or a link: mentions inside <code>, <pre> or <a> (an email address, say) do not count.
 */
export const MAX_MENTIONS = 20;

// A handle (core's HANDLE_PATTERN) after a start or a character that cannot be part of a word,
// an email or a path, and not followed by more handle characters.
const MENTION =
  /(^|[^\p{L}\p{N}_@/.+-])@([a-z0-9](?:[a-z0-9-]{0,28}[a-z0-9])?)(?![\p{L}\p{N}_-])/giu;
const TAG = /(<[^>]*>)/;
const SKIPPED = new Set(['code', 'pre', 'a']);

function tagName(tag: string): { name: string; closing: boolean } | null {
  const match = /^<(\/?)([a-z0-9]+)/i.exec(tag);
  return match ? { name: match[2].toLowerCase(), closing: match[1] === '/' } : null;
}

/** Splits HTML into text runs, telling which are inside code, pre or a. */
function eachText(html: string, visit: (text: string, skipped: boolean) => string): string {
  let depth = 0;
  return html
    .split(TAG)
    .map((part) => {
      if (part.startsWith('<')) {
        const tag = tagName(part);
        if (tag && SKIPPED.has(tag.name)) depth = Math.max(0, depth + (tag.closing ? -1 : 1));
        return part;
      }
      return visit(part, depth > 0);
    })
    .join('');
}

/** Distinct handles mentioned (lower-case), in order of first mention, at most MAX_MENTIONS. */
export function mentionedHandles(html: string): string[] {
  const handles: string[] = [];
  eachText(html, (text, skipped) => {
    if (!skipped) {
      for (const match of text.matchAll(MENTION)) {
        const handle = match[2].toLowerCase();
        if (handle.length !== 2 && !handles.includes(handle)) handles.push(handle);
      }
    }
    return text;
  });
  return handles.slice(0, MAX_MENTIONS);
}

/** Turns mentions of known handles into links to their profiles; other text is unchanged. */
export function linkMentions(html: string, known: ReadonlySet<string>): string {
  if (known.size === 0) return html;
  return eachText(html, (text, skipped) =>
    skipped
      ? text
      : text.replace(MENTION, (whole, before: string, handle: string) => {
          const lower = handle.toLowerCase();
          // Handles are [a-z0-9-] only, so nothing here needs escaping.
          return known.has(lower)
            ? `${before}<a href="/members/${lower}" class="mention">@${lower}</a>`
            : whole;
        }),
  );
}
