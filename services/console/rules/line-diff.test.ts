import { lineDiff } from './line-diff';

describe('line diff for rule audits', () => {
  it('shows changed lines with their place', () => {
    expect(lineDiff('a\nb\nc\n', 'a\nB\nc\nd\n')).toEqual(['@@ line 2', '+B', '-b', '@@ line 4', '+d']);
    expect(lineDiff('same', 'same')).toEqual([]);
  });
});
