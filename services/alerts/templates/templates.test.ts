import type { Driver } from '../../core/model/hazard';
import { book, command, event, gauge, MIN, T0, testCatalogue } from '../testing/fixtures';
import { capArea, capPolygons } from './cap-area';
import { capIdentifier } from './cap-composer';
import { describeDrivers, formatNumber } from './drivers';
import { eventKindOf } from './event-codes';
import { renderText } from './texts';

const names = (id: string) => testCatalogue.station(id)?.name;

describe('driver phrases', () => {
  it('puts the gauge name, level and rise into German and English text', () => {
    expect(describeDrivers(gauge(312, 24), 'de', names)).toBe('Pegel Hagen-Eckesey 312 cm, steigt 24 cm/h');
    expect(describeDrivers(gauge(298.46, -3.25), 'de', names)).toBe('Pegel Hagen-Eckesey 298,5 cm, fällt 3,3 cm/h');
    expect(describeDrivers(gauge(312, 24), 'en', names)).toBe('Gauge Hagen-Eckesey 312 cm, rising 24 cm/h');
  });

  it('groups drivers per station and falls back to the driver text for unknown names', () => {
    const drivers: Driver[] = [
      { name: 'rise_rate', stationId: 'eckesey', value: 10, unit: 'cm/h', text: '' },
      { name: 'rain_6h', stationId: 'kuhlerkamp', value: 41.2, unit: 'mm', text: '' },
      { name: 'water_level', stationId: 'eckesey', value: 280, unit: 'cm', text: '' },
      { name: 'mystery', stationId: null, value: 1, unit: '', text: 'Sonderlage' },
    ];
    expect(describeDrivers(drivers, 'de', names)).toBe('Pegel Hagen-Eckesey 280 cm, steigt 10 cm/h; Station Kuhlerkamp: Niederschlag in 6 h: 41,2 mm; Sonderlage');
  });

  it('formats numbers with at most one decimal', () => {
    expect(formatNumber(3, 'de')).toBe('3');
    expect(formatNumber(0.05, 'en')).toBe('0.1');
    expect(formatNumber(12.34, 'de')).toBe('12,3');
  });
});

describe('texts and event codes', () => {
  it('distinguishes river flood from heavy rain and fire danger from fire', () => {
    expect(eventKindOf('flood', gauge(300, 1))).toBe('flood');
    expect(eventKindOf('flood', [{ name: 'rain_1h', stationId: null, value: 30, unit: 'mm', text: '' }])).toBe('heavy-rain');
    expect(eventKindOf('wildfire', [{ name: 'fwi', stationId: null, value: 40, unit: '', text: '' }])).toBe('fire-danger');
    expect(eventKindOf('wildfire', [{ name: 'smoke', stationId: 'smoke-1', value: 1, unit: 'alarm', text: '' }])).toBe('wildfire');
    expect(eventKindOf('sensor', [])).toBe('sensor');
  });

  it('has a headline, description and instruction for every hazard, level and language', () => {
    for (const eventKind of ['flood', 'heavy-rain', 'fire-danger', 'wildfire', 'sensor'] as const) {
      for (const language of ['de', 'en'] as const) {
        for (const kind of ['warning', 'all-clear', 'cancelled'] as const) {
          for (let level = 1; level <= 4; level++) {
            const t = renderText({ kind, eventKind, level, language, areaName: 'Hagen-Haspe', status: 'Actual', drivers: 'X' });
            expect(t.headline).toContain('Hagen-Haspe');
            expect(t.description.length).toBeGreaterThan(20);
            expect(t.instruction.length).toBeGreaterThan(10);
          }
        }
      }
    }
  });
});

describe('CAP alert from the templates', () => {
  it('fills the German warning with the driver values, BBK code, category and area', () => {
    const b = book();
    const a = b.applyEvent(event({ level: 3, autoRelease: true, evidence: gauge(312, 24) })).alerts[0]!;
    expect(a.info.map((i) => i.language)).toEqual(['de-DE', 'en-GB']);
    const [de, en] = a.info as [(typeof a.info)[0], (typeof a.info)[0]];
    expect(de.headline).toBe('Hochwassergefahr in Hagen-Mitte');
    expect(de.description).toContain('Pegel Hagen-Eckesey 312 cm, steigt 24 cm/h');
    expect(en.description).toContain('Gauge Hagen-Eckesey 312 cm, rising 24 cm/h');
    expect(de).toMatchObject({ eventCode: 'BBK-EVC-038', event: 'Hochwasser', category: ['Env'], urgency: 'Immediate', certainty: 'Observed', severity: 'Severe', responseType: ['Avoid'] });
    expect(de.parameters).toContainEqual({ valueName: 'warnVerwaltungsbereiche', value: '059140000000' });
    expect(a.area[0]!.areaDesc).toBe('Hagen-Mitte');
    expect(a.area[0]!.geocodes).toContainEqual({ valueName: 'ARS', value: '059140000000' });
  });

  it('fills fire texts and codes for a smoke detector and the Starkregen code for rain', () => {
    const b = book();
    const fire = b.applyEvent(
      event({ hazard: 'wildfire', areaId: 'hagen-eilpe-dahl', ruleId: 'smoke', subject: 'smoke-1', autoRelease: true, evidence: [{ name: 'smoke', stationId: 'smoke-1', value: 1, unit: 'alarm', text: '' }] }),
    ).alerts[0]!;
    expect(fire.info[0]).toMatchObject({ eventCode: 'BBK-EVC-077', category: ['Fire'] });
    expect(fire.info[0]!.description).toContain('Rauchmelder Hamperbach hat ausgelöst');
    const rain = b.applyEvent(event({ areaId: 'hagen-haspe', ruleId: 'rain', subject: 'kuhlerkamp', autoRelease: true, evidence: [{ name: 'rain_1h', stationId: 'kuhlerkamp', value: 27, unit: 'mm', text: '' }] })).alerts[0]!;
    expect(rain.info[0]).toMatchObject({ eventCode: 'BBK-EVC-062', event: 'Starkregen', category: ['Met'] });
    expect(rain.info[0]!.description).toContain('Niederschlag in 1 h: 27 mm');
  });

  it('writes polygons as closed "lat,lon" rings and identifiers without commas', () => {
    const ring = capPolygons({ type: 'Polygon', coordinates: [[[7.4, 51.3], [7.5, 51.3], [7.5, 51.4]]] })[0]!;
    expect(ring).toBe('51.3,7.4 51.3,7.5 51.4,7.5 51.3,7.4');
    const multi = capPolygons({ type: 'MultiPolygon', coordinates: [[[[7, 51], [8, 51], [8, 52], [7, 51]]], [[[9, 50], [9.5, 50], [9.5, 50.5], [9, 50]]]] });
    expect(multi).toHaveLength(2);
    const area = capArea(testCatalogue.area('hagen-nord')!);
    const pairs = area.polygons[0]!.split(' ');
    expect(pairs[0]).toBe(pairs[pairs.length - 1]);
    for (const p of pairs) {
      const [lat, lon] = p.split(',').map(Number) as [number, number];
      expect(lat).toBeGreaterThan(51);
      expect(lon).toBeLessThan(8);
    }
    expect(capIdentifier('059140000000', 'hagen-nord.flood.20240714T140000Z', 3)).toMatch(/^fw\.059140000000\.[0-9a-f]{12}\.3$/);
  });

  it('writes the all-clear headline with "Entwarnung:" and keeps officer edits out of it', () => {
    const b = book();
    const a = b.applyEvent(event({ autoRelease: true })).alerts[0]!;
    b.applyCommand(command('edit', a.incidentId, T0 + MIN, { edits: [{ language: 'de-DE', headline: 'Eigene Überschrift', description: null, instruction: null }] }));
    b.applyEvent(event({ kind: 'cleared', level: 0, at: T0 + 2 * MIN }));
    const clear = b.advanceTo(T0 + 60 * MIN).alerts[0]!;
    expect(clear.info[0]!.headline).toBe('Entwarnung: Hochwasser in Hagen-Mitte');
    expect(clear.info[1]!.headline).toBe('All clear: Flood in Hagen-Mitte');
    expect(clear.info[0]!.description).toContain('Hagen-Mitte');
  });
});
