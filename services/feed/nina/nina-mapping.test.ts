import { createHash } from 'node:crypto';
import { districtKey, isArs } from './ars';
import { ninaDashboardItem, ninaGeoJson, ninaMapDataItem, ninaWarning, ninaWarningBody } from './nina-mapping';
import { DE_LABELS } from './labels';
import { HOHENLIMBURG, sampleAlert, sampleAllClear, sampleCatalogue, SUMMER, WINTER } from '../testing/sample-alerts';

const OFFSET_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+0[12]:00$/;
const opts = { provider: 'FRUEHWARN', catalogue: sampleCatalogue };

describe('ARS', () => {
  it('reduces any 12-digit key to its district and refuses malformed keys', () => {
    expect(districtKey('059140001234')).toBe('059140000000');
    expect(districtKey('059540036036')).toBe('059540000000');
    expect(isArs('05914000000')).toBe(false);
    expect(isArs('05914000000a')).toBe(false);
    expect(() => districtKey('5914')).toThrow(RangeError);
  });
});

describe('NINA warning detail', () => {
  const alert = sampleAlert({ englishFirst: true, info: () => ({ expires: SUMMER + 3600_000, contact: 'Leitstelle 0000' }) });
  const w = ninaWarning(alert, opts);

  it('has the CAP header fields with NINA types', () => {
    expect(w.identifier).toBe(alert.identifier);
    expect(w.sender).toBe('fruehwarn@hagen.example');
    expect(w.sent).toBe('2024-07-14T16:35:21+02:00');
    expect(w.status).toBe('Actual');
    expect(w.msgType).toBe('Alert');
    expect(w.scope).toBe('Public');
    expect(Array.isArray(w.code)).toBe(true);
    expect(w.code.every((c) => typeof c === 'string' && !/\s/.test(c))).toBe(true);
    expect(w.references).toBeUndefined();
  });

  it('orders info DE before EN with upper-case languages', () => {
    expect(w.info.map((i) => i.language)).toEqual(['DE', 'EN']);
    expect(w.info[0]!.headline).toMatch(/Hochwasserwarnung/);
  });

  it('writes eventCode and parameter as valueName/value arrays, incl. warnVerwaltungsbereiche', () => {
    for (const info of w.info) {
      expect(info.eventCode).toEqual([{ valueName: 'profile:DE-BBK-EVENTCODE', value: 'BBK-EVC-038' }]);
      expect(info.parameter).toContainEqual({ valueName: 'warnVerwaltungsbereiche', value: '059140000000' });
      expect(info.parameter.every((p) => typeof p.valueName === 'string' && typeof p.value === 'string')).toBe(true);
      expect(Array.isArray(info.category)).toBe(true);
      expect(Array.isArray(info.responseType)).toBe(true);
      expect(info.instruction.length).toBeGreaterThan(0);
      expect(info.effective).toMatch(OFFSET_TIME);
      expect(info.onset).toMatch(OFFSET_TIME);
      expect(info.expires).toBe('2024-07-14T17:35:21+02:00');
      expect(info.contact).toBe('Leitstelle 0000');
    }
  });

  it('gives each area an AreaId geocode first and no polygons (those are in the GeoJSON)', () => {
    const area = w.info[0]!.area[0]!;
    expect(area.areaDesc).toBe('Hagen-Mitte');
    expect(area.geocode[0]).toEqual({ valueName: 'AreaId', value: 'hagen-mitte' });
    expect(area).not.toHaveProperty('polygon');
  });

  it('writes references of an all-clear as one space-separated string', () => {
    const cancel = sampleAllClear(alert, SUMMER + 1000);
    const c = ninaWarning(cancel, opts);
    expect(c.msgType).toBe('Cancel');
    expect(c.references).toBe(`fruehwarn@hagen.example,${alert.identifier},2024-07-14T16:35:21+02:00`);
    expect(c.info[0]!.responseType).toEqual(['AllClear']);
    expect(c.info[0]!.headline.startsWith('Entwarnung:')).toBe(true);
  });
});

describe('NINA dashboard item', () => {
  it('matches the api31 shape field by field', () => {
    const alert = sampleAlert({ version: 3, sent: WINTER, info: () => ({ onset: WINTER - 60_000, expires: WINTER + 3600_000 }) });
    const item = ninaDashboardItem(alert, opts, WINTER);
    expect(item.id).toBe(alert.identifier);
    expect(item.payload.version).toBe(3);
    expect(typeof item.payload.version).toBe('number');
    expect(item.payload.type).toBe('ALERT');
    expect(item.payload.id).toBe(alert.identifier);
    expect(item.payload.hash).toBe(createHash('sha256').update(ninaWarningBody(alert, opts)).digest('hex'));
    expect(item.payload.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(item.payload.data).toEqual({
      headline: 'Hochwasserwarnung für Hagen-Mitte',
      provider: 'FRUEHWARN',
      severity: 'Severe',
      urgency: 'Immediate',
      msgType: 'Update',
      transKeys: { event: 'BBK-EVC-038' },
      area: { type: 'ZGEM', data: '059140000000' },
      valid: true,
    });
    expect(item.i18nTitle).toEqual({ de: 'Hochwasserwarnung für Hagen-Mitte', en: 'Flood warning for Hagen-Mitte' });
    expect(item.sent).toBe('2024-01-15T13:00:00+01:00');
    expect(item.onset).toBe('2024-01-15T12:59:00+01:00');
    expect(item.effective).toBe('2024-01-15T13:00:00+01:00');
    expect(item.expires).toBe('2024-01-15T14:00:00+01:00');
    expect(ninaDashboardItem(alert, opts, WINTER + 3600_000).payload.data.valid).toBe(false);
  });

  it('keeps payload.type ALERT for a Cancel, and the hash changes with the detail', () => {
    const alert = sampleAlert();
    const cancel = sampleAllClear(alert, SUMMER + 1000);
    const a = ninaDashboardItem(alert, opts, SUMMER);
    const c = ninaDashboardItem(cancel, opts, SUMMER + 1000);
    expect(c.payload.type).toBe('ALERT');
    expect(c.payload.data.msgType).toBe('Cancel');
    expect(c.payload.hash).not.toBe(a.payload.hash);
    expect(a).not.toHaveProperty('expires');
  });
});

describe('NINA mapData item and labels', () => {
  it('has id, numeric version, startDate with offset, severity, type and titles', () => {
    const item = ninaMapDataItem(sampleAlert({ version: 2 }), opts);
    expect(item).toEqual({
      id: sampleAlert({ version: 2 }).identifier,
      version: 2,
      startDate: '2024-07-14T16:25:21+02:00',
      severity: 'Severe',
      urgency: 'Immediate',
      type: 'Update',
      i18nTitle: { de: 'Hochwasserwarnung für Hagen-Mitte', en: 'Flood warning for Hagen-Mitte' },
      transKeys: { event: 'BBK-EVC-038' },
    });
  });

  it('labels every BBK code the sample sends', () => {
    expect(DE_LABELS[sampleAlert().info[0]!.eventCode]).toBe('Hochwasser');
    expect(DE_LABELS['BBK-EVC-077']).toBe('Waldbrand');
  });
});

describe('NINA GeoJSON', () => {
  it('uses the catalogue geometry with [lon, lat] coordinates', () => {
    const g = ninaGeoJson(sampleAlert(), opts);
    expect(g.type).toBe('FeatureCollection');
    expect(g.features).toHaveLength(1);
    const f = g.features[0]!;
    expect(f.geometry.type).toBe('Polygon');
    const ring = (f.geometry.coordinates as number[][][])[0]!;
    expect(ring[0]).toEqual([7.45, 51.35]);
    expect(ring[0]).toEqual(ring[ring.length - 1]);
    expect(f.properties).toMatchObject({ areaDesc: 'Hagen-Mitte', areaId: 'hagen-mitte', ars: '059140000000' });
    expect(ninaGeoJson(sampleAlert({ area: HOHENLIMBURG }), opts).features[0]!.geometry.type).toBe('MultiPolygon');
  });

  it('falls back to the CAP polygons (lat,lon swapped to lon,lat) without a catalogue', () => {
    const g = ninaGeoJson(sampleAlert(), { provider: 'X' });
    const ring = (g.features[0]!.geometry.coordinates as number[][][])[0]!;
    expect(ring[0]).toEqual([7.45, 51.35]);
    expect(ring.length).toBe(5);
  });
});
