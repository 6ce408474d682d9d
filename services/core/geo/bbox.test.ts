import { EmbeddedStore } from '../store/embedded/embedded-store';
import { bboxContains, bboxOf, boxQueryCovering } from './bbox';
import type { MultiPolygon, Polygon } from './geojson';
import { pointInPolygon } from './point-in-polygon';

const hagenish: Polygon = {
  type: 'Polygon',
  coordinates: [
    [
      [7.37, 51.3],
      [7.6, 51.32],
      [7.55, 51.42],
      [7.41, 51.4],
      [7.37, 51.3],
    ],
    [
      [7.45, 51.34],
      [7.5, 51.34],
      [7.5, 51.36],
    ],
  ],
};

describe('bboxOf', () => {
  it('spans the outer rings of all polygons', () => {
    expect(bboxOf(hagenish)).toEqual({ minLon: 7.37, minLat: 51.3, maxLon: 7.6, maxLat: 51.42 });
    const multi: MultiPolygon = { type: 'MultiPolygon', coordinates: [hagenish.coordinates, [[[8, 50.9], [8.1, 50.9], [8.1, 51]]]] };
    expect(bboxOf(multi)).toEqual({ minLon: 7.37, minLat: 50.9, maxLon: 8.1, maxLat: 51.42 });
    expect(bboxContains(bboxOf(multi), 7.9, 51.1)).toBe(true);
    expect(bboxContains(bboxOf(multi), 8.2, 51.1)).toBe(false);
  });

  it('refuses an empty geometry', () => {
    expect(() => bboxOf({ type: 'MultiPolygon', coordinates: [] })).toThrow(/no bounding box/);
  });
});

describe('boxQueryCovering', () => {
  it('makes GEOSEARCH BYBOX return every member inside the box, corners included, and nothing far outside', async () => {
    for (const box of [bboxOf(hagenish), { minLon: -0.5, minLat: -0.4, maxLon: 0.5, maxLat: 0.2 }, { minLon: 20, minLat: -60, maxLon: 21, maxLat: -59 }]) {
      const store = new EmbeddedStore();
      const inside: { member: string; lon: number; lat: number }[] = [];
      for (let i = 0; i <= 10; i++)
        for (let j = 0; j <= 10; j++) {
          const lon = box.minLon + ((box.maxLon - box.minLon) * i) / 10;
          const lat = box.minLat + ((box.maxLat - box.minLat) * j) / 10;
          inside.push({ member: `${i}/${j}`, lon, lat });
        }
      // A tenth of the span beyond: the box may cover a little more than the bounding box (up to a few
      // per cent of the width on the poleward side), never this much.
      const farOutside = [
        { member: 'west', lon: box.minLon - (box.maxLon - box.minLon) / 10, lat: box.minLat },
        { member: 'east', lon: box.maxLon + (box.maxLon - box.minLon) / 10, lat: box.maxLat },
        { member: 'north', lon: box.maxLon, lat: box.maxLat + (box.maxLat - box.minLat) / 10 },
        { member: 'south', lon: box.minLon, lat: box.minLat - (box.maxLat - box.minLat) / 10 },
      ];
      await store.geoAdd('g', [...inside, ...farOutside]);
      const hits = (await store.geoSearch('g', boxQueryCovering(box))).map((h) => h.member);
      expect(new Set(hits)).toEqual(new Set(inside.map((m) => m.member)));
      await store.close();
    }
  });

  it('prefilters candidates for the exact polygon test', async () => {
    const store = new EmbeddedStore();
    await store.geoAdd('subs', [
      { member: 'in', lon: 7.47, lat: 51.38 },
      { member: 'hole', lon: 7.49, lat: 51.345 },
      { member: 'box-corner', lon: 7.38, lat: 51.41 },
      { member: 'dortmund', lon: 7.4593, lat: 51.5178 },
    ]);
    const candidates = await store.geoSearch('subs', boxQueryCovering(bboxOf(hagenish)));
    expect(candidates.map((c) => c.member).sort()).toEqual(['box-corner', 'hole', 'in']);
    expect(candidates.filter((c) => pointInPolygon(hagenish, c.lon, c.lat)).map((c) => c.member)).toEqual(['in']);
    await store.close();
  });
});
