import { moistureOfFfmc } from './ffmc';

/** Initial Spread Index (Van Wagner 1987, equations 24-26): expected rate of spread from wind and FFMC. */
export function isi(ffmc: number, wind: number): number {
  const m = moistureOfFfmc(ffmc);
  const windFactor = Math.exp(0.05039 * wind);
  const fuelFactor = 91.9 * Math.exp(-0.1386 * m) * (1 + m ** 5.31 / 4.93e7);
  return 0.208 * windFactor * fuelFactor;
}
