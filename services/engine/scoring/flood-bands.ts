import type { GaugeWarningLevels } from '../../core/catalogue/catalogue';
import type { Bands } from './score-bands';

/**
 * Gauge level to flood level: levels 1-3 are the station's NRW information levels
 * (Informationsstufen, as in the gauge-information-level rule); level 4 ("extreme") is one more
 * step above level 3 of the size of the step from 2 to 3, and the score reaches 1 a further such
 * step up. Below level 1 the score rises from 0 at two steps (1→2) under level 1, so a river
 * that is high but not yet at level 1 already shows as a higher score.
 */
export function gaugeBands(w: GaugeWarningLevels): Bands {
  const step = Math.max(1, w.level3 - w.level2);
  return { bounds: [w.level1, w.level2, w.level3, w.level3 + step], top: w.level3 + 2 * step, floor: w.level1 - 2 * Math.max(1, w.level2 - w.level1) };
}

/**
 * Rain sums (mm) to levels. Levels 2-4 are the DWD heavy-rain warning criteria (Starkregen
 * 15 mm/1 h or 20 mm/6 h; heftiger Starkregen 25/35; extrem heftiger Starkregen 40/60), the
 * thresholds rules/heavy-rain.yaml uses too. Level 1 (10 mm/1 h, 12 mm/6 h) is our choice: rain
 * worth watching that is not yet a DWD warning.
 */
export const RAIN_1H_BANDS: Bands = { bounds: [10, 15, 25, 40], top: 60 };
export const RAIN_6H_BANDS: Bands = { bounds: [12, 20, 35, 60], top: 90 };

/**
 * Soil moisture (% volumetric) scales the rain score: saturated soil cannot take up the rain,
 * dry soil takes up much of it. From ×0.75 at 60 % or less to ×1.25 at 90 % or more; without a
 * soil probe in the area the rain score stands as it is. 80 % is the saturation the
 * rain-on-saturated-soil rule uses; there the factor is ×1.08.
 */
export function soilFactor(soilMoisture: number | null): number {
  if (soilMoisture === null) return 1;
  const wet = Math.min(1, Math.max(0, (soilMoisture - 60) / 30));
  return 0.75 + 0.5 * wet;
}
