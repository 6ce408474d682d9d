import type { Prng } from './prng';

/**
 * A long frontal rain event like 13/14 July 2021 over the Sauerland: a stalled low brings a
 * day of steady rain (a few mm/h) with embedded convective cores of 15-25 mm/h, ~100-150 mm in
 * 24 h. Intensity in mm/h as a function of hours since the rain began.
 */
export interface StormShape {
  /** Length of the steady frontal rain, hours. */
  durationH: number;
  /** Peak of the steady (sin²) part, mm/h. */
  frontalPeakMmH: number;
  /** Embedded cores: centre (h after start), peak intensity (mm/h), width (sd, h). */
  cores: { atH: number; peakMmH: number; widthH: number }[];
}

/** The storm of one scenario run, drawn from the seed within July-2021-like bounds. */
export function drawStorm(rng: Prng): StormShape {
  return {
    durationH: rng.uniform(22, 25),
    frontalPeakMmH: rng.uniform(4.0, 4.4),
    cores: [
      { atH: rng.uniform(11, 13), peakMmH: rng.uniform(17, 21), widthH: rng.uniform(1.0, 1.2) },
      { atH: rng.uniform(16, 18), peakMmH: rng.uniform(7, 9), widthH: rng.uniform(0.8, 1.0) },
    ],
  };
}

/** Intensity (mm/h) at `h` hours after the start of the rain, without noise. */
export function stormIntensity(storm: StormShape, h: number): number {
  if (h < 0 || h > storm.durationH) return 0;
  const frontal = storm.frontalPeakMmH * Math.sin((Math.PI * h) / storm.durationH) ** 2;
  const cores = storm.cores.reduce((sum, c) => sum + c.peakMmH * Math.exp(-0.5 * ((h - c.atH) / c.widthH) ** 2), 0);
  return frontal + cores;
}

/**
 * Rain per step (mm) at one gauge: the storm arrives `delayH` later and `factor` stronger or
 * weaker than the reference (the front moves from south-west to north-east over the city), with
 * multiplicative noise per step as real tipping buckets show.
 */
export function gaugeRain(storm: StormShape, rng: Prng, opts: { steps: number; stepH: number; startH: number; delayH: number; factor: number }): number[] {
  const out: number[] = [];
  for (let i = 0; i < opts.steps; i++) {
    const h = i * opts.stepH - opts.startH - opts.delayH;
    const mean = stormIntensity(storm, h) * opts.stepH * opts.factor;
    out.push(mean <= 0 ? 0 : Math.max(0, mean * Math.exp(rng.normal(0, 0.25) - 0.03)));
  }
  return out;
}
