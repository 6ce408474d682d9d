import type { SensorReading } from '../../core/model/reading';
import { ReadingBuffer } from './reading-buffer';

const r = (at: number, value: number): SensorReading => ({ id: `g/water_level/${at}`, stationId: 'g', quantity: 'water_level', value, unit: 'cm', observedAt: at, receivedAt: at, source: 't', quality: 'good', qualityFlags: [] });

describe('reading buffer', () => {
  it('keeps event-time order with late and repeated readings, bounded by age and count', () => {
    const buf = new ReadingBuffer(10_000, 4);
    for (const [at, v] of [[1000, 1], [3000, 3], [2000, 2], [3000, 33]] as const) buf.add(r(at, v));
    expect(buf.get('g', 'water_level').map((p) => [p.at, p.value])).toEqual([[1000, 1], [2000, 2], [3000, 33]]);
    buf.add(r(12_500, 5)); // 1000 and 2000 are now older than 10 s before the newest
    expect(buf.get('g', 'water_level').map((p) => p.at)).toEqual([3000, 12_500]);
    for (let i = 0; i < 6; i++) buf.add(r(13_000 + i, i));
    expect(buf.get('g', 'water_level')).toHaveLength(4);
    expect(buf.last('g', 'water_level')?.at).toBe(13_005);
  });
});
