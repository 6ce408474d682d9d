/**
 * Rainfall-runoff for the scenario's catchments: a soil bucket that fills with rain and drains
 * slowly, a runoff coefficient that grows as the soil saturates (wet soil sheds most of the
 * rain), and a Nash cascade of linear reservoirs (the classic unit hydrograph of hydrology) that
 * turns effective rain into a delayed, smoothed discharge. Pure arithmetic, one value per step.
 */
export interface SoilParams {
  /** Volumetric moisture at the start, %. */
  initial: number;
  /** Saturation, %: rain beyond this runs off. */
  saturation: number;
  /** Moisture the bucket drains towards, %. */
  fieldCapacity: number;
  /** % moisture gained per mm of rain (about 0.33 for a 30 cm layer). */
  perMm: number;
  /** Fraction of the excess over field capacity drained per hour. */
  drainPerH: number;
}

export function soilMoisture(rainPerStep: number[], stepH: number, p: SoilParams): number[] {
  const out: number[] = [];
  let theta = p.initial;
  for (const rain of rainPerStep) {
    theta += rain * p.perMm;
    theta -= Math.max(0, theta - p.fieldCapacity) * p.drainPerH * stepH;
    theta = Math.min(p.saturation, theta);
    out.push(theta);
  }
  return out;
}

/** Share of rain that runs off: ~15 % on dry soil, up to ~90 % on saturated soil. */
export function runoffCoefficient(theta: number, p: SoilParams): number {
  const wet = Math.min(1, Math.max(0, (theta - p.fieldCapacity + 10) / (p.saturation - p.fieldCapacity + 10)));
  return 0.15 + 0.75 * wet * wet;
}

/**
 * Nash cascade: `n` linear reservoirs in series, each releasing storage/k per hour. Input and
 * output are mm per step; the response to a pulse peaks about (n-1)·k hours later.
 */
export function nashCascade(inputPerStep: number[], stepH: number, n: number, kH: number): number[] {
  const storage = new Array<number>(n).fill(0);
  const out: number[] = [];
  // Sub-steps keep the explicit scheme stable and accurate for short k.
  const sub = Math.max(1, Math.ceil((4 * stepH) / kH));
  const dt = stepH / sub;
  for (const input of inputPerStep) {
    let outflow = 0;
    for (let s = 0; s < sub; s++) {
      let inflow = input / sub;
      for (let r = 0; r < n; r++) {
        const release = (storage[r] * dt) / kH;
        storage[r] += inflow - release;
        inflow = release;
      }
      outflow += inflow;
    }
    out.push(outflow);
  }
  return out;
}

/**
 * Water level from discharge: a power-law rating curve (h ∝ Q^0.6, typical of natural
 * channels) between the base level at no event flow and the target peak at the event's maximum.
 */
export function waterLevels(discharge: number[], baseCm: number, peakCm: number, exponent = 0.6): number[] {
  const max = Math.max(...discharge);
  if (!(max > 0)) return discharge.map(() => baseCm);
  return discharge.map((q) => baseCm + (peakCm - baseCm) * (Math.max(0, q) / max) ** exponent);
}
