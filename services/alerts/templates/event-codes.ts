import type { AlertStatus } from '../../core/model/alert-event';
import type { AlertHazard, Driver } from '../../core/model/hazard';

/** What the warning is about, finer than the hazard: it picks the text and the event code. */
export type EventKind = 'flood' | 'heavy-rain' | 'fire-danger' | 'wildfire' | 'sensor';

/**
 * BBK event codes of the German CAP profile (profile:DE-BBK-EVENTCODE), as listed in
 * /work/shared/NINA.md: 038 Hochwasser, 062 Starkregen, 077 Waldbrand, 011 Brandgefahr,
 * 050 Probewarnung. Silent sensors have no BBK code; FW-EVC-SENSOR is Fruehwarn's own and
 * never leaves the Restricted scope.
 */
export const EVENT_CODES: Record<EventKind, string> = {
  flood: 'BBK-EVC-038',
  'heavy-rain': 'BBK-EVC-062',
  'fire-danger': 'BBK-EVC-011',
  wildfire: 'BBK-EVC-077',
  sensor: 'FW-EVC-SENSOR',
};
export const TEST_EVENT_CODE = 'BBK-EVC-050';

/** CAP 1.2 categories: river flood is environmental, heavy rain meteorological, fire is Fire, a broken sensor Safety. */
export const CAP_CATEGORIES: Record<EventKind, string[]> = {
  flood: ['Env'],
  'heavy-rain': ['Met'],
  'fire-danger': ['Fire'],
  wildfire: ['Fire'],
  sensor: ['Safety'],
};

const RIVER_DRIVERS = new Set(['water_level', 'rise_rate', 'discharge']);

/**
 * Flood warnings driven only by rainfall are heavy-rain warnings (Starkregen); as soon as a gauge
 * is among the drivers it is a flood (Hochwasser). Wildfire with a smoke detector among the drivers
 * is a fire (Waldbrand), otherwise fire danger (Brandgefahr).
 */
export function eventKindOf(hazard: AlertHazard, drivers: Driver[]): EventKind {
  switch (hazard) {
    case 'flood': {
      const names = drivers.map((d) => d.name);
      return names.length > 0 && !names.some((n) => RIVER_DRIVERS.has(n)) && names.some((n) => n.startsWith('rain')) ? 'heavy-rain' : 'flood';
    }
    case 'wildfire':
      return drivers.some((d) => d.name === 'smoke') ? 'wildfire' : 'fire-danger';
    default:
      return 'sensor';
  }
}

/** A test message carries the Probewarnung code whatever the hazard. */
export function eventCodeOf(kind: EventKind, status: AlertStatus): string {
  return status === 'Test' ? TEST_EVENT_CODE : EVENT_CODES[kind];
}
