import { capPolygonToRing, checkCapPolygon, sanitizePolygons } from './polygon';

describe('checkCapPolygon', () => {
  const ok = '51.35,7.45 51.35,7.5 51.38,7.5 51.35,7.45';

  it('accepts a closed ring of at least four lat,lon pairs', () => {
    expect(checkCapPolygon(ok)).toEqual({ ok: true, problems: [] });
  });

  it('refuses open rings, too few pairs, bad syntax and out-of-range values', () => {
    expect(checkCapPolygon('51.35,7.45 51.35,7.5 51.38,7.5 51.39,7.45').problems.join()).toMatch(/not closed/);
    expect(checkCapPolygon('51.35,7.45 51.35,7.5 51.35,7.45').problems.join()).toMatch(/at least 4/);
    expect(checkCapPolygon('51.35;7.45 51.35,7.5 51.38,7.5 51.35;7.45').problems.join()).toMatch(/not "lat,lon"/);
    expect(checkCapPolygon('91,7 91,8 92,8 91,7').problems.join()).toMatch(/latitude 91/);
    expect(checkCapPolygon('50,181 50,8 51,8 50,181').problems.join()).toMatch(/longitude 181/);
    expect(checkCapPolygon('').ok).toBe(false);
  });

  it('detects swapped GeoJSON order only through range (lat beyond 90)', () => {
    // [lon, lat] written by mistake for a place at lon 120: latitude 120 is impossible
    expect(checkCapPolygon('120,10 121,10 121,11 120,10').ok).toBe(false);
  });

  it('turns a CAP polygon into a GeoJSON ring [lon, lat]', () => {
    expect(capPolygonToRing(ok)).toEqual([
      [7.45, 51.35],
      [7.5, 51.35],
      [7.5, 51.38],
      [7.45, 51.35],
    ]);
    expect(() => capPolygonToRing('1,2 3,4')).toThrow(/invalid CAP polygon/);
  });
});

describe('sanitizePolygons', () => {
  it('closes an open ring, normalises whitespace and drops broken polygons with reasons', () => {
    const result = sanitizePolygons(['51.35,7.45  51.35,7.5\n51.38,7.5', 'garbage', '51.35,7.45 51.35,7.5 51.38,7.5 51.35,7.45']);
    expect(result.valid).toEqual(['51.35,7.45 51.35,7.5 51.38,7.5 51.35,7.45', '51.35,7.45 51.35,7.5 51.38,7.5 51.35,7.45']);
    expect(result.rejected).toHaveLength(1);
    expect(result.rejected[0]!.polygon).toBe('garbage');
  });
});
