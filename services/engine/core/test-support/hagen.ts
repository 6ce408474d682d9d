import { CatalogueIndex, type Area, type Station } from '../../../core/catalogue/catalogue';
import type { Quantity, SensorReading } from '../../../core/model/reading';
import { CANONICAL_UNITS, readingId } from '../../../core/model/reading';

/** A small Hagen catalogue for engine tests (same ids as rules/catalogue.yaml). */
const square = (lon: number, lat: number): Area['geometry'] => ({
  type: 'Polygon',
  coordinates: [
    [
      [lon, lat],
      [lon + 0.02, lat],
      [lon + 0.02, lat + 0.02],
      [lon, lat + 0.02],
      [lon, lat],
    ],
  ],
});

const areas: Area[] = [
  { id: 'hagen-mitte', name: 'Hagen-Mitte', ars: '059140000000', geometry: square(7.46, 51.36) },
  { id: 'hagen-nord', name: 'Hagen-Nord', ars: '059140000000', geometry: square(7.46, 51.39) },
  { id: 'hagen-haspe', name: 'Hagen-Haspe', ars: '059140000000', geometry: square(7.41, 51.35) },
  { id: 'hagen-eilpe-dahl', name: 'Hagen-Eilpe/Dahl', ars: '059140000000', geometry: square(7.5, 51.32) },
  { id: 'hagen-hohenlimburg', name: 'Hagen-Hohenlimburg', ars: '059140000000', geometry: square(7.57, 51.35) },
];

const at = { lon: 7.47, lat: 51.36 };
const gauge = (id: string, name: string, river: string, areaId: string, l1: number, l2: number, l3: number): Station => ({
  id,
  name,
  kind: 'river_gauge',
  areaId,
  location: at,
  quantities: ['water_level'],
  expectedIntervalS: 900,
  river,
  warningLevels: { level1: l1, level2: l2, level3: l3 },
});
const simple = (id: string, name: string, kind: Station['kind'], areaId: string, quantities: Quantity[], interval: number, extra: Partial<Station> = {}): Station => ({
  id,
  name,
  kind,
  areaId,
  location: at,
  quantities,
  expectedIntervalS: interval,
  ...extra,
});

const stations: Station[] = [
  gauge('volme-eckesey', 'Hagen-Eckesey', 'Volme', 'hagen-mitte', 250, 300, 350),
  gauge('volme-dahl', 'Dahl', 'Volme', 'hagen-eilpe-dahl', 180, 220, 260),
  gauge('ennepe-haspe', 'Haspe', 'Ennepe', 'hagen-haspe', 150, 190, 230),
  gauge('lenne-hohenlimburg', 'Hohenlimburg', 'Lenne', 'hagen-hohenlimburg', 300, 380, 450),
  gauge('ruhr-hengstey', 'Hengstey', 'Ruhr', 'hagen-nord', 400, 500, 600),
  simple('rain-mitte', 'Regenschreiber Mitte', 'rain_gauge', 'hagen-mitte', ['rain'], 300),
  simple('rain-dahl', 'Regenschreiber Dahl', 'rain_gauge', 'hagen-eilpe-dahl', ['rain'], 300),
  simple('rain-haspe', 'Regenschreiber Haspe', 'rain_gauge', 'hagen-haspe', ['rain'], 300),
  simple('soil-dahl', 'Bodenfeuchte Dahl', 'soil_moisture', 'hagen-eilpe-dahl', ['soil_moisture'], 3600),
  simple('soil-haspe', 'Bodenfeuchte Haspe', 'soil_moisture', 'hagen-haspe', ['soil_moisture'], 3600),
  simple('wx-hohenlimburg-wald', 'Wetterstation Hohenlimburger Wald', 'weather', 'hagen-hohenlimburg', ['temperature', 'humidity', 'wind_speed', 'rain'], 600, { fireWeather: true }),
  simple('wx-eilpe-wald', 'Wetterstation Eilper Wald', 'weather', 'hagen-eilpe-dahl', ['temperature', 'humidity', 'wind_speed', 'rain'], 600, { fireWeather: true }),
  simple('smoke-hohenlimburg-1', 'Rauchmelder Hohenlimburg 1', 'smoke_detector', 'hagen-hohenlimburg', ['smoke'], 1800),
  simple('smoke-hohenlimburg-2', 'Rauchmelder Hohenlimburg 2', 'smoke_detector', 'hagen-hohenlimburg', ['smoke'], 1800),
  simple('smoke-eilpe-1', 'Rauchmelder Eilpe 1', 'smoke_detector', 'hagen-eilpe-dahl', ['smoke'], 1800),
];

export const hagenCatalogue = (): CatalogueIndex => new CatalogueIndex({ areas, stations });

/** 2024-06-01T00:00:00Z, a fixed origin so tests are reproducible. */
export const T0 = Date.UTC(2024, 5, 1);
export const MIN = 60_000;
export const HOUR = 60 * MIN;

export function reading(stationId: string, quantity: Quantity, observedAt: number, value: number, quality: SensorReading['quality'] = 'good'): SensorReading {
  return {
    id: readingId(stationId, quantity, observedAt),
    stationId,
    quantity,
    value,
    unit: CANONICAL_UNITS[quantity],
    observedAt,
    receivedAt: observedAt,
    source: 'test',
    quality,
    qualityFlags: [],
  };
}
