import type { Station } from '../../core/catalogue/catalogue';
import type { SensorReading } from '../../core/model/reading';
import { SensorHealthTracker } from './sensor-health';

const station = (id: string): Station => ({ id, name: id, kind: 'river_gauge', areaId: 'a', location: { lon: 7, lat: 51 }, quantities: ['water_level'], expectedIntervalS: 60 });
const reading = (stationId: string, at: number, value: number, quality: SensorReading['quality'] = 'good', flags: string[] = []): SensorReading => ({ id: `${stationId}/${at}`, stationId, quantity: 'water_level', value, unit: 'cm', observedAt: at, receivedAt: at, source: 't', quality, qualityFlags: flags });

describe('sensor health', () => {
  it('tells silent, stuck and implausible sensors apart', () => {
    const t = new SensorHealthTracker([station('quiet'), station('flat'), station('odd'), station('fine')], 0);
    for (let i = 0; i < 12; i++) t.observe(reading('flat', 100_000 + i * 60_000, 42));
    t.observe(reading('odd', 800_000, 9999, 'bad', ['range']));
    for (let i = 0; i < 12; i++) t.observe(reading('fine', 100_000 + i * 60_000, 40 + i));
    const view = Object.fromEntries(t.view(800_000).map((h) => [h.stationId, h.problems]));
    expect(view).toEqual({ quiet: ['silent'], flat: ['stuck'], odd: ['implausible'], fine: [] });
    expect(t.view(800_000).find((h) => h.stationId === 'odd')?.flags).toEqual(['range']);
    // The flag fades after three intervals without another bad reading.
    expect(t.view(800_000 + 181_000).find((h) => h.stationId === 'odd')?.problems).toEqual(['silent']);
  });
});
