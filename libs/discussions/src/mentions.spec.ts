import { renderMarkdown } from '@app/core';
import { MAX_MENTIONS, linkMentions, mentionedHandles } from './mentions';

const mentions = (markdown: string) => mentionedHandles(renderMarkdown(markdown));

describe('mentions', () => {
  it('finds handles at the start, after spaces and punctuation, once each', () => {
    expect(mentions('@priya-raman what do you think, (@marcus-bell)? Also @Priya-Raman.')).toEqual([
      'priya-raman',
      'marcus-bell',
    ]);
  });

  it('ignores emails, code, links and partial words', () => {
    expect(
      mentions(
        'mail bob@example.org or `@inline` and\n\n```\n@fenced\n```\n\n[@linked](https://x.org) a@b x@y-z',
      ),
    ).toEqual([]);
  });

  it('refuses what cannot be a handle', () => {
    expect(mentions('@-dash @trailing- @ab @x')).toEqual(['x']);
    expect(mentions(`@${'a'.repeat(31)}`)).toEqual([]);
    expect(mentions(`@${'a'.repeat(30)}`)).toEqual(['a'.repeat(30)]);
  });

  it('keeps at most MAX_MENTIONS', () => {
    const many = Array.from({ length: 30 }, (_, i) => `@member-${i}`).join(' ');
    expect(mentions(many)).toHaveLength(MAX_MENTIONS);
  });

  it('links only known handles, outside code', () => {
    const html = renderMarkdown('Hi @priya-raman and @nobody, see `@priya-raman`');
    const linked = linkMentions(html, new Set(['priya-raman']));
    expect(linked).toBe(
      '<p>Hi <a href="/members/priya-raman" class="mention">@priya-raman</a> and @nobody, see <code>@priya-raman</code></p>',
    );
  });
});
