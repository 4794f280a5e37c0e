import { HANDLE_PATTERN, firstFreeHandle, handleBase } from './handle';

describe('handles', () => {
  it('makes URL-safe handles from display names', () => {
    expect(handleBase("Zoë O'Brien")).toBe('zoe-obrien');
    expect(handleBase('  Ana   María López!! ')).toBe('ana-maria-lopez');
    expect(handleBase('李')).toBe('member');
    expect(handleBase('Al')).toBe('member-al');
    for (const name of ["Zoë O'Brien", 'x'.repeat(200), '---a---', 'Émile Durkheim']) {
      expect(handleBase(name)).toMatch(HANDLE_PATTERN);
    }
  });

  it('appends the first free number when the base is taken', () => {
    expect(firstFreeHandle('ana', [])).toBe('ana');
    expect(firstFreeHandle('ana', ['ana'])).toBe('ana-2');
    expect(firstFreeHandle('ana', ['ana', 'ana-2', 'ana-4'])).toBe('ana-3');
  });
});
