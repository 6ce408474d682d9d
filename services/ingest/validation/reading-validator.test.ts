import * as path from 'node:path';
import { CatalogueIndex } from '../../core/catalogue/catalogue';
import { loadCatalogue } from '../../core/catalogue/load-catalogue';
import { ReadingValidator, type Validation } from './reading-validator';

const catalogue = new CatalogueIndex(loadCatalogue(path.join(__dirname, '..', '..', '..', 'rules', 'catalogue.yaml')));
const NOW = Date.parse('2024-06-01T12:00:00Z');
const MIN = 60_000;

function validator(): ReadingValidator {
  return new ReadingValidator(catalogue, { maxClockSkewMs: 5 * MIN, maxAgeMs: 7 * 24 * 60 * MIN });
}

function item(over: Record<string, unknown> = {}): Record<string, unknown> {
  return { stationId: 'volme-eckesey', quantity: 'water_level', value: 123, unit: 'cm', observedAt: '2024-06-01T11:45:00Z', ...over };
}

function rejected(v: Validation): { reason: string; field: string | null } {
  if (v.ok) throw new Error(`expected a rejection, got ${JSON.stringify(v.reading)}`);
  return { reason: v.rejection.reason, field: v.rejection.field };
}

describe('ReadingValidator', () => {
  it('accepts a good reading with a stable id and canonical unit', () => {
    const v = validator().validate(item(), 'http:test', NOW);
    expect(v).toEqual({
      ok: true,
      reading: {
        id: `volme-eckesey/water_level/${Date.parse('2024-06-01T11:45:00Z')}`,
        stationId: 'volme-eckesey',
        quantity: 'water_level',
        value: 123,
        unit: 'cm',
        observedAt: Date.parse('2024-06-01T11:45:00Z'),
        receivedAt: NOW,
        source: 'http:test',
        quality: 'good',
        qualityFlags: [],
      },
    });
  });

  it.each([
    ['water_level', 'volme-eckesey', 1.23, 'm', 123],
    ['water_level', 'volme-eckesey', 1230, 'mm', 123],
    ['temperature', 'wx-eilpe-wald', 68, 'degF', 20],
    ['temperature', 'wx-eilpe-wald', 293.15, 'K', 20],
    ['temperature', 'wx-eilpe-wald', 20, '°C', 20],
    ['wind_speed', 'wx-eilpe-wald', 10, 'm/s', 36],
    ['wind_speed', 'wx-eilpe-wald', 10, 'kn', 18.52],
    ['humidity', 'wx-eilpe-wald', 0.55, 'ratio', 55],
    ['rain', 'rain-mitte', 0.1, 'in', 2.54],
    ['soil_moisture', 'soil-dahl', 0.31, 'm3/m3', 31],
  ])('converts %s %s %s %s to %s canonical', (quantity, stationId, value, unit, expected) => {
    const v = validator().validate(item({ quantity, stationId, value, unit }), 's', NOW);
    expect(v.ok && v.reading.value).toBeCloseTo(expected as number, 6);
  });

  it('takes smoke alarms as booleans or 0/1 only', () => {
    const ok = validator().validate(item({ stationId: 'smoke-eilpe-1', quantity: 'smoke', value: true, unit: 'alarm' }), 's', NOW);
    expect(ok.ok && ok.reading.value).toBe(1);
    expect(rejected(validator().validate(item({ stationId: 'smoke-eilpe-1', quantity: 'smoke', value: 0.5, unit: 'alarm' }), 's', NOW)).reason).toBe('out-of-range');
  });

  it.each([
    [[1, 2], 'not-an-object', ''],
    [item({ stationId: undefined }), 'missing-field', '/stationId'],
    [item({ stationId: 42 }), 'wrong-type', '/stationId'],
    [item({ stationId: 'nowhere' }), 'unknown-station', '/stationId'],
    [item({ stationId: 'x'.repeat(1000) }), 'too-large', '/stationId'],
    [item({ quantity: 'pressure' }), 'unknown-quantity', '/quantity'],
    [item({ quantity: 'rain' }), 'quantity-not-measured', '/quantity'],
    [item({ value: '12' }), 'wrong-type', '/value'],
    [item({ value: NaN }), 'wrong-type', '/value'],
    [item({ value: Infinity }), 'wrong-type', '/value'],
    [item({ value: 1e300 }), 'out-of-range', '/value'],
    [item({ value: -600 }), 'out-of-range', '/value'],
    [item({ unit: 'furlong' }), 'unknown-unit', '/unit'],
    [item({ unit: undefined }), 'missing-field', '/unit'],
    [item({ observedAt: '2024-06-01T11:45:00' }), 'invalid-timestamp', '/observedAt'],
    [item({ observedAt: 'yesterday' }), 'invalid-timestamp', '/observedAt'],
    [item({ observedAt: 1.5 }), 'invalid-timestamp', '/observedAt'],
    [item({ observedAt: '2024-06-01T12:10:00Z' }), 'future-timestamp', '/observedAt'],
    [item({ observedAt: '2024-05-01T12:00:00Z' }), 'too-old', '/observedAt'],
  ])('refuses %j as %s at %s', (input, reason, field) => {
    expect(rejected(validator().validate(input, 's', NOW))).toEqual({ reason, field });
  });

  it('accepts `station` as the station field and epoch milliseconds as time', () => {
    const v = validator().validate({ station: 'rain-mitte', quantity: 'rain', value: 0.4, unit: 'mm', observedAt: NOW - MIN }, 's', NOW);
    expect(v.ok && v.reading.id).toBe(`rain-mitte/rain/${NOW - MIN}`);
  });

  it('flags a jump in water level as a spike but keeps the reading', () => {
    const val = validator();
    const at = (m: number) => new Date(NOW - 60 * MIN + m * MIN).toISOString();
    expect(val.validate(item({ value: 120, observedAt: at(0) }), 's', NOW)).toMatchObject({ ok: true, reading: { quality: 'good' } });
    expect(val.validate(item({ value: 125, observedAt: at(15) }), 's', NOW)).toMatchObject({ ok: true, reading: { quality: 'good' } });
    expect(val.validate(item({ value: 900, observedAt: at(30) }), 's', NOW)).toMatchObject({ ok: true, reading: { quality: 'suspect', qualityFlags: ['spike'] } });
  });

  it('does not flag a fast but physical rise (flash flood) as a spike', () => {
    const val = validator();
    const at = (m: number) => new Date(NOW - 60 * MIN + m * MIN).toISOString();
    val.validate(item({ value: 120, observedAt: at(0) }), 's', NOW);
    // 60 cm in 15 minutes: 4 cm/min, within step 50 + 5 cm/min × 15.
    expect(val.validate(item({ value: 180, observedAt: at(15) }), 's', NOW)).toMatchObject({ ok: true, reading: { quality: 'good' } });
  });

  it('flags a temperature stuck at the same value for hours as flatline', () => {
    const val = validator();
    const start = NOW - 4 * 60 * MIN;
    const results = Array.from({ length: 9 }, (_, i) => val.validate(item({ stationId: 'wx-eilpe-wald', quantity: 'temperature', value: 17.25, unit: 'degC', observedAt: start + i * 30 * MIN }), 's', NOW));
    const flags = results.map((r) => (r.ok ? r.reading.qualityFlags.join(',') : 'rejected'));
    // 3 h and 6 readings are needed: readings 0..5 span 2.5 h, reading 6 spans 3 h.
    expect(flags).toEqual(['', '', '', '', '', '', 'flatline', 'flatline', 'flatline']);
  });

  it('ignores late readings for spike state, so reordering cannot fake a spike', () => {
    const val = validator();
    val.validate(item({ value: 120, observedAt: NOW - 30 * MIN }), 's', NOW);
    expect(val.validate(item({ value: 400, observedAt: NOW - 60 * MIN }), 's', NOW)).toMatchObject({ ok: true, reading: { quality: 'good' } });
    expect(val.validate(item({ value: 122, observedAt: NOW - 15 * MIN }), 's', NOW)).toMatchObject({ ok: true, reading: { quality: 'good' } });
  });
});
