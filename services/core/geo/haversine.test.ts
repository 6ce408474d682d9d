import { haversineMetres, REDIS_EARTH_RADIUS_M } from './haversine';

describe('haversineMetres', () => {
  it('measures along a meridian as radius times angle', () => {
    // One degree of latitude on Redis' sphere.
    expect(haversineMetres(7.46, 51, 7.46, 52)).toBeCloseTo((REDIS_EARTH_RADIUS_M * Math.PI) / 180, 6);
  });

  it('measures Hagen Hbf to Dortmund Hbf (about 17.3 km) symmetrically', () => {
    const there = haversineMetres(7.4606, 51.3627, 7.4593, 51.5178);
    const back = haversineMetres(7.4593, 51.5178, 7.4606, 51.3627);
    expect(there).toBe(back);
    expect(there).toBeGreaterThan(17_200);
    expect(there).toBeLessThan(17_300);
  });

  it('shrinks east-west distances with latitude', () => {
    const atEquator = haversineMetres(0, 0, 1, 0);
    const inHagen = haversineMetres(7, 51.36, 8, 51.36);
    expect(inHagen / atEquator).toBeCloseTo(Math.cos((51.36 * Math.PI) / 180), 3);
    expect(haversineMetres(7.46, 51.36, 7.46, 51.36)).toBe(0);
  });
});
