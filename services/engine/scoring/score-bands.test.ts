import { FIRE_DANGER_BANDS } from './fire-danger-classes';
import { band, levelOfScore } from './score-bands';

describe('score bands', () => {
  it('maps FWI to the five danger levels at the EFFIS class bounds', () => {
    const cases: Array<[number, number]> = [
      [0, 0],
      [5.19, 0],
      [5.2, 1],
      [11.19, 1],
      [11.2, 2],
      [21.29, 2],
      [21.3, 3],
      [37.99, 3],
      [38, 4],
      [80, 4],
    ];
    for (const [fwi, level] of cases) expect([fwi, band(fwi, FIRE_DANGER_BANDS).level]).toEqual([fwi, level]);
  });

  it('gives scores that rise with the value, stay within the level’s fifth, and reach 1 at the top', () => {
    let prev = -1;
    for (let v = 0; v <= 60; v += 0.05) {
      const { score, level } = band(v, FIRE_DANGER_BANDS);
      expect(score).toBeGreaterThanOrEqual(prev);
      expect(levelOfScore(score)).toBe(level);
      prev = score;
    }
    expect(band(5.2, FIRE_DANGER_BANDS).score).toBeCloseTo(0.2, 10);
    expect(band(50, FIRE_DANGER_BANDS).score).toBe(1);
    expect(band(500, FIRE_DANGER_BANDS).score).toBe(1);
    expect(band(-3, FIRE_DANGER_BANDS).score).toBe(0);
  });
});
