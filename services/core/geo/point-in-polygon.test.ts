import type { MultiPolygon, Polygon } from './geojson';
import { pointInPolygon } from './point-in-polygon';

/**
 * A concave "U" around Hagen's centre, open to the north:
 *   (7.40,51.40)  (7.43,51.40)   (7.49,51.40)  (7.52,51.40)
 *        |  left arm  |   notch    |  right arm  |
 *        |        (7.43,51.36)--(7.49,51.36)      |
 *   (7.40,51.32) --------------------------- (7.52,51.32)
 */
const u: Polygon = {
  type: 'Polygon',
  coordinates: [
    [
      [7.4, 51.32],
      [7.52, 51.32],
      [7.52, 51.4],
      [7.49, 51.4],
      [7.49, 51.36],
      [7.43, 51.36],
      [7.43, 51.4],
      [7.4, 51.4],
      [7.4, 51.32],
    ],
  ],
};

/** A square with a square hole (e.g. a district minus a lake), the hole ring left open on purpose. */
const withHole: Polygon = {
  type: 'Polygon',
  coordinates: [
    [
      [7.4, 51.3],
      [7.6, 51.3],
      [7.6, 51.4],
      [7.4, 51.4],
      [7.4, 51.3],
    ],
    [
      [7.45, 51.33],
      [7.55, 51.33],
      [7.55, 51.37],
      [7.45, 51.37],
    ],
  ],
};

describe('pointInPolygon', () => {
  it('tells the arms of a concave polygon from its notch', () => {
    expect(pointInPolygon(u, 7.415, 51.38)).toBe(true); // left arm
    expect(pointInPolygon(u, 7.505, 51.38)).toBe(true); // right arm
    expect(pointInPolygon(u, 7.46, 51.34)).toBe(true); // base
    expect(pointInPolygon(u, 7.46, 51.38)).toBe(false); // notch: inside the bounding box, outside the polygon
    expect(pointInPolygon(u, 7.3, 51.38)).toBe(false);
    expect(pointInPolygon(u, 7.46, 51.41)).toBe(false);
  });

  it('counts a ray through vertices once', () => {
    // The eastward ray at lat 51.36 runs along the notch floor and through two vertices; at 51.40 through the tops.
    expect(pointInPolygon(u, 7.41, 51.36)).toBe(true);
    expect(pointInPolygon(u, 7.39, 51.36)).toBe(false);
    expect(pointInPolygon(u, 7.39, 51.4)).toBe(false);
    expect(pointInPolygon(u, 7.46, 51.399)).toBe(false);
  });

  it('leaves out the hole but keeps the ring around it', () => {
    expect(pointInPolygon(withHole, 7.5, 51.35)).toBe(false); // in the hole
    expect(pointInPolygon(withHole, 7.42, 51.35)).toBe(true); // west of the hole
    expect(pointInPolygon(withHole, 7.5, 51.38)).toBe(true); // north of the hole
    expect(pointInPolygon(withHole, 7.5, 51.31)).toBe(true); // south of the hole
    expect(pointInPolygon(withHole, 7.7, 51.35)).toBe(false);
  });

  it('counts points on an edge or vertex, of the outer ring or a hole, as inside', () => {
    expect(pointInPolygon(u, 7.46, 51.36)).toBe(true); // notch floor
    expect(pointInPolygon(u, 7.52, 51.35)).toBe(true); // east edge
    expect(pointInPolygon(u, 7.43, 51.4)).toBe(true); // vertex
    expect(pointInPolygon(withHole, 7.5, 51.33)).toBe(true); // hole edge
    expect(pointInPolygon(withHole, 7.45, 51.35)).toBe(true); // closing edge of the open hole ring
  });

  it('looks in every polygon of a MultiPolygon', () => {
    const two: MultiPolygon = { type: 'MultiPolygon', coordinates: [u.coordinates, [[[8, 51], [8.1, 51], [8.1, 51.1], [8, 51.1]]]] };
    expect(pointInPolygon(two, 8.05, 51.05)).toBe(true);
    expect(pointInPolygon(two, 7.415, 51.38)).toBe(true);
    expect(pointInPolygon(two, 7.46, 51.38)).toBe(false);
    expect(pointInPolygon(two, 7.8, 51.05)).toBe(false);
  });
});
