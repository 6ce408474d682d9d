import { PlausibilityTracker } from './plausibility-tracker';

describe('PlausibilityTracker', () => {
  it('keeps at most maxSeries entries, dropping the least recently seen', () => {
    const t = new PlausibilityTracker(3);
    for (let i = 0; i < 10; i++) t.observe(`s${i}`, 'water_level', 100, 1000);
    expect(t.size).toBe(3);
    // s0 was dropped: a huge jump is not a spike any more because there is no previous value.
    expect(t.observe('s0', 'water_level', 2000, 2000)).toEqual([]);
    // s9 is still remembered.
    expect(t.observe('s9', 'water_level', 2000, 2000)).toEqual(['spike']);
  });
});
