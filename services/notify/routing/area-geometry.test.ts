import type { AreaGeometry } from '../../core/catalogue/catalogue';
import { boundingBox, containsPoint, coveringBoxQuery } from './area-geometry';

// A concave "U" around Hagen with a hole in its left arm.
const U: AreaGeometry = {
  type: 'Polygon',
  coordinates: [
    [[7.40, 51.33], [7.52, 51.33], [7.52, 51.40], [7.49, 51.40], [7.49, 51.35], [7.43, 51.35], [7.43, 51.40], [7.40, 51.40], [7.40, 51.33]],
    [[7.405, 51.36], [7.425, 51.36], [7.425, 51.38], [7.405, 51.38], [7.405, 51.36]],
  ],
};

describe('area geometry', () => {
  it('tells inside from outside for a concave polygon with a hole', () => {
    expect(containsPoint(U, 7.46, 51.34)).toBe(true); // bottom of the U
    expect(containsPoint(U, 7.46, 51.38)).toBe(false); // in the notch
    expect(containsPoint(U, 7.50, 51.39)).toBe(true); // right arm
    expect(containsPoint(U, 7.415, 51.37)).toBe(false); // in the hole
    expect(containsPoint(U, 7.402, 51.37)).toBe(true); // left arm beside the hole
    expect(containsPoint(U, 7.60, 51.36)).toBe(false);
  });

  it('handles multipolygons', () => {
    const multi: AreaGeometry = { type: 'MultiPolygon', coordinates: [U.coordinates as never, [[[7.6, 51.3], [7.7, 51.3], [7.7, 51.4], [7.6, 51.3]]]] };
    expect(containsPoint(multi, 7.68, 51.32)).toBe(true);
    expect(containsPoint(multi, 7.46, 51.34)).toBe(true);
  });

  it('builds a box query that covers every corner of the bounding box', () => {
    const box = boundingBox(U);
    expect(box).toEqual({ minLon: 7.4, minLat: 51.33, maxLon: 7.52, maxLat: 51.4 });
    const q = coveringBoxQuery(box);
    const halfW = q.widthM / 2;
    const halfH = q.heightM / 2;
    for (const [lon, lat] of [[7.4, 51.33], [7.52, 51.4], [7.4, 51.4], [7.52, 51.33]]) {
      const dx = (lon - q.lon) * 111_320 * Math.cos((lat * Math.PI) / 180);
      const dy = (lat - q.lat) * 111_320;
      expect(Math.abs(dx)).toBeLessThanOrEqual(halfW);
      expect(Math.abs(dy)).toBeLessThanOrEqual(halfH);
    }
  });
});
