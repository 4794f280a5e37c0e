import { normaliseTag, normaliseTags } from './tag-name';

describe('tag names', () => {
  it('lower-cases, trims and collapses spaces', () => {
    expect(normaliseTag('  Engagement   Metrics ')).toBe('engagement metrics');
    expect(normaliseTag('ROI')).toBe('roi');
    expect(normaliseTag('Café')).toBe('café');
  });

  it('refuses empty, overlong or odd tags', () => {
    expect(normaliseTag('   ')).toBeNull();
    expect(normaliseTag('x'.repeat(51))).toBeNull();
    expect(normaliseTag('<script>')).toBeNull();
    expect(normaliseTag('-leading')).toBeNull();
  });

  it('dedupes after normalising, keeping the first order', () => {
    expect(normaliseTags(['Onboarding', 'onboarding ', 'Governance', '!!'])).toEqual({
      tags: ['onboarding', 'governance'],
      invalid: ['!!'],
    });
  });
});
