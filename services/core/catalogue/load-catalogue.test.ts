import * as path from 'node:path';
import { CatalogueIndex } from './catalogue';
import { loadCatalogue, parseCatalogue } from './load-catalogue';
import { containsPoint } from '../../notify/routing/area-geometry';

const FILE = path.join(__dirname, '..', '..', '..', 'rules', 'catalogue.yaml');

describe('catalogue', () => {
  it('loads the example installation with every station inside its area', () => {
    const index = new CatalogueIndex(loadCatalogue(FILE));
    expect(index.areas.size).toBe(5);
    expect(index.stations.size).toBeGreaterThanOrEqual(15);
    for (const s of index.stations.values()) {
      const area = index.area(s.areaId)!;
      expect({ station: s.id, inside: containsPoint(area.geometry, s.location.lon, s.location.lat) }).toEqual({ station: s.id, inside: true });
      // ...and in no other area: districts do not overlap.
      const others = [...index.areas.values()].filter((a) => a.id !== s.areaId && containsPoint(a.geometry, s.location.lon, s.location.lat));
      expect(others.map((a) => a.id)).toEqual([]);
    }
    expect(index.stationsByDevEui.get('70b3d57ed0050a01')?.id).toBe('wx-hohenlimburg-wald');
  });

  it('names file and field of a mistake', () => {
    const base = 'areas:\n  - { id: a, name: A, ars: "059140000000", geometry: { type: Polygon, coordinates: [[[7,51],[8,51],[8,52],[7,51]]] } }\n';
    expect(() => parseCatalogue(base + 'stations:\n  - { id: s, name: S, kind: river_gauge, areaId: b, location: { lon: 7.5, lat: 51.2 }, quantities: [water_level], expectedIntervalS: 900 }\n', 'c.yaml')).toThrow(
      'c.yaml: stations[0].areaId is invalid; expected the id of an area in this file.',
    );
    expect(() => parseCatalogue(base.replace('[7,51]]]', '[7,51.5]]]') + 'stations: []\n', 'c.yaml')).toThrow(/areas\[0\]\.geometry\.coordinates\[0\] is invalid; expected a closed ring/);
    expect(() => parseCatalogue(base + 'stations:\n  - { id: s, name: S, kind: river_gauge, areaId: a, location: { lon: 7.5, lat: 51.2 }, quantities: [water_level], expectedIntervalS: 900, warningLevels: { level1: 3, level2: 2, level3: 4 } }\n', 'c.yaml')).toThrow(
      /stations\[0\]\.warningLevels is invalid; expected level1 < level2 < level3/,
    );
  });
});
