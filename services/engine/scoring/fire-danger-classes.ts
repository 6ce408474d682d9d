import type { Bands } from './score-bands';

/**
 * FWI to the five danger levels. The German Waldbrandgefahrenindex (DWD) has five levels
 * (1 sehr geringe … 5 sehr hohe Gefahr); our levels 0..4 are those five. The FWI class bounds
 * are those of the European Forest Fire Information System (EFFIS, JRC), which maps the same
 * Canadian FWI for all of Europe, Germany included: very low < 5.2, low 5.2-11.2,
 * moderate 11.2-21.3, high 21.3-38, very high ≥ 38. EFFIS later split "extreme" off at 50;
 * with five levels that is the top of level 4 (score 1). Chosen over the Canadian bounds because
 * they are calibrated on European fire occurrence, where FWI values run lower than in Canada.
 *
 *   level 0  FWI <  5.2   WBI 1 sehr geringe Gefahr
 *   level 1  FWI ≥  5.2   WBI 2 geringe Gefahr
 *   level 2  FWI ≥ 11.2   WBI 3 mittlere Gefahr
 *   level 3  FWI ≥ 21.3   WBI 4 hohe Gefahr
 *   level 4  FWI ≥ 38.0   WBI 5 sehr hohe Gefahr
 */
export const FIRE_DANGER_BANDS: Bands = { bounds: [5.2, 11.2, 21.3, 38.0], top: 50 };

export const FIRE_DANGER_LABEL = ['sehr geringe', 'geringe', 'mittlere', 'hohe', 'sehr hohe'] as const;
