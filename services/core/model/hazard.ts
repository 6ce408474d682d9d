export type Hazard = 'flood' | 'wildfire';
/** `sensor` is for duty officers only: silent, stuck or implausible sensors. */
export type AlertHazard = Hazard | 'sensor';

/**
 * Warning level 0..4. 0 = none; 1..3 follow the NRW flood information levels
 * (Informationsstufen 1-3) and the lower DWD/WBI fire danger levels; 4 = extreme.
 */
export type Level = 0 | 1 | 2 | 3 | 4;

/** CAP severity for a level. */
export function severityOf(level: number): 'Minor' | 'Moderate' | 'Severe' | 'Extreme' | 'Unknown' {
  switch (level) {
    case 1:
      return 'Minor';
    case 2:
      return 'Moderate';
    case 3:
      return 'Severe';
    case 4:
      return 'Extreme';
    default:
      return 'Unknown';
  }
}

/** One measured fact that pushed a score or fired a rule, e.g. gauge level 312 cm rising 24 cm/h. */
export interface Driver {
  /** What it is: `water_level`, `rise_rate`, `rain_6h`, `fwi`, `smoke`, `silent`, ... */
  name: string;
  stationId: string | null;
  value: number;
  unit: string;
  /** Short human text, German-neutral (templates localise), e.g. "Pegel Hagen-Eckesey 312 cm". */
  text: string;
}
