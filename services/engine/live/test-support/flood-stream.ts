import type { SensorReading } from '../../../core/model/reading';
import { HOUR, MIN, T0, reading } from '../../core/test-support/hagen';
import { mulberry32 } from '../../../core/random/mulberry32';

/**
 * A flood afternoon over Hagen (test input for the live worker and the backtester): a rain
 * burst at three rain gauges, Volme and Ennepe rising through their information levels and
 * falling again, soil getting wet, the other gauges steady, one rain gauge falling silent.
 * Readings every 15 min (gauges), 5 min (rain), 1 h (soil), in event-time order, stations
 * spread over several partitions by their keys.
 */
export function floodStream(opts: { hours?: number; seed?: number } = {}): SensorReading[] {
  const hours = opts.hours ?? 10;
  const rnd = mulberry32(opts.seed ?? 42);
  const out: SensorReading[] = [];
  const bump = (t: number, peakAt: number, width: number) => Math.exp(-(((t - peakAt) / width) ** 2));
  const end = T0 + hours * HOUR;
  for (let t = T0; t < end; t += 5 * MIN) {
    const h = (t - T0) / HOUR;
    if ((t - T0) % (15 * MIN) === 0) {
      out.push(reading('volme-eckesey', 'water_level', t, Math.round(200 + 170 * bump(h, 5, 2) + rnd() * 4)));
      out.push(reading('volme-dahl', 'water_level', t, Math.round(150 + 120 * bump(h, 4.5, 1.8) + rnd() * 4)));
      out.push(reading('ennepe-haspe', 'water_level', t, Math.round(120 + 110 * bump(h, 4.5, 1.5) + rnd() * 4)));
      out.push(reading('lenne-hohenlimburg', 'water_level', t, Math.round(250 + rnd() * 6)));
      out.push(reading('ruhr-hengstey', 'water_level', t, Math.round(350 + rnd() * 6)));
    }
    const rain = (peak: number) => Math.round(Math.max(0, peak * bump(h, 2.5, 1) + rnd() * 0.4 - 0.2) * 10) / 10;
    out.push(reading('rain-mitte', 'rain', t, rain(4)));
    out.push(reading('rain-haspe', 'rain', t, rain(3)));
    // rain-dahl stops reporting after 3 h: the silent-sensor rule must notice.
    if (h < 3) out.push(reading('rain-dahl', 'rain', t, rain(5)));
    if ((t - T0) % HOUR === 0) {
      out.push(reading('soil-dahl', 'soil_moisture', t, Math.min(100, 60 + 6 * h)));
      out.push(reading('soil-haspe', 'soil_moisture', t, Math.min(100, 55 + 5 * h)));
    }
  }
  return out;
}
