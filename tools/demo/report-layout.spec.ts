import { REPORT_WIDTH, fit, hoursAndMinutes, percent, wrap } from './report-layout';

describe('report layout', () => {
  it('keeps a short line and cuts a long one to the width', () => {
    expect(fit('short')).toBe('short');
    const cut = fit('x'.repeat(200));

    expect(cut).toHaveLength(REPORT_WIDTH);
    expect(cut.endsWith('...')).toBe(true);
  });

  it('wraps at spaces, indented, every line within the width', () => {
    const lines = wrap(Array.from({ length: 60 }, (_, i) => `K10${i}AA`).join(', '), 4);

    expect(lines.length).toBeGreaterThan(1);
    expect(lines[0]?.startsWith('    K100AA')).toBe(true);
    expect(lines.slice(1).every((line) => line.startsWith('      K'))).toBe(true);
    expect(lines.every((line) => line.length <= REPORT_WIDTH)).toBe(true);
  });

  it.each([
    [9, 21, ' 43% (9 of 21)'],
    [3, 3, '100% (3 of 3)'],
    [0, 0, '   - (0 of 0)'],
  ])('shows %i of %i as %s', (count, of, shown) => {
    expect(percent(count, of)).toBe(shown);
  });

  it('shows seconds as hours and minutes', () => {
    expect(hoursAndMinutes(30_000)).toBe('8 h 20 min');
    expect(hoursAndMinutes(84_030)).toBe('23 h 21 min');
  });
});
