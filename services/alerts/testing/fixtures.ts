import { CatalogueIndex, type Area } from '../../core/catalogue/catalogue';
import type { AlertEvent, AlertEventKind, AlertStatus, Audience } from '../../core/model/alert-event';
import type { AlertHazard, Driver } from '../../core/model/hazard';
import type { OfficerAction, OfficerCommand } from '../../core/model/officer-command';
import { IncidentBook, type IncidentBookOptions } from '../core/incident-book';
import { CapComposer } from '../templates/cap-composer';

/** Rough boxes around Hagen's districts (test geometry, not official boundaries). */
function box(id: string, name: string, lon: number, lat: number): Area {
  const d = 0.02;
  return {
    id,
    name,
    ars: '059140000000',
    geometry: { type: 'Polygon', coordinates: [[[lon - d, lat - d], [lon + d, lat - d], [lon + d, lat + d], [lon - d, lat + d], [lon - d, lat - d]]] },
  };
}

export const testCatalogue = new CatalogueIndex({
  areas: [
    box('hagen-mitte', 'Hagen-Mitte', 7.47, 51.36),
    box('hagen-nord', 'Hagen-Nord', 7.47, 51.4),
    box('hagen-haspe', 'Hagen-Haspe', 7.41, 51.35),
    box('hagen-eilpe-dahl', 'Hagen-Eilpe/Dahl', 7.5, 51.32),
    box('hagen-hohenlimburg', 'Hagen-Hohenlimburg', 7.57, 51.35),
  ],
  stations: [
    { id: 'eckesey', name: 'Hagen-Eckesey', kind: 'river_gauge', areaId: 'hagen-mitte', location: { lon: 7.46, lat: 51.37 }, quantities: ['water_level'], expectedIntervalS: 900, river: 'Volme', warningLevels: { level1: 250, level2: 300, level3: 350 } },
    { id: 'kuhlerkamp', name: 'Kuhlerkamp', kind: 'rain_gauge', areaId: 'hagen-mitte', location: { lon: 7.44, lat: 51.35 }, quantities: ['rain'], expectedIntervalS: 600 },
    { id: 'smoke-1', name: 'Hamperbach', kind: 'smoke_detector', areaId: 'hagen-eilpe-dahl', location: { lon: 7.5, lat: 51.31 }, quantities: ['smoke'], expectedIntervalS: 3600 },
  ],
});

export function composer(): CapComposer {
  return new CapComposer({ catalogue: testCatalogue, sender: 'fruehwarn@hagen.example', senderName: 'Stadt Hagen (Fruehwarn)' });
}

export function book(options: Partial<IncidentBookOptions> = {}): IncidentBook {
  return new IncidentBook({ composer: composer(), holdMs: 30 * 60_000, ...options });
}

export const T0 = Date.parse('2024-07-14T14:00:00Z');
export const MIN = 60_000;

export const gauge = (value: number, rise: number): Driver[] => [
  { name: 'water_level', stationId: 'eckesey', value, unit: 'cm', text: `Pegel Hagen-Eckesey ${value} cm` },
  { name: 'rise_rate', stationId: 'eckesey', value: rise, unit: 'cm/h', text: `${rise} cm/h` },
];

export interface EventSpec {
  kind?: AlertEventKind;
  ruleId?: string;
  subject?: string;
  areaId?: string;
  hazard?: AlertHazard;
  level?: number;
  at?: number;
  audience?: Audience;
  autoRelease?: boolean;
  status?: AlertStatus;
  evidence?: Driver[];
}

export function event(spec: EventSpec = {}): AlertEvent {
  const e = {
    kind: spec.kind ?? 'raised',
    ruleId: spec.ruleId ?? 'gauge-level',
    subject: spec.subject ?? 'eckesey',
    areaId: spec.areaId ?? 'hagen-mitte',
    hazard: spec.hazard ?? 'flood',
    level: spec.level ?? 2,
    at: spec.at ?? T0,
  };
  return {
    // The engine's id is `${ruleId}:${subject}:${kind}:${level}:${at}`; subjects here are reused across areas and statuses, so those join the id.
    id: `${e.ruleId}:${e.subject}:${e.kind}:${e.level}:${e.at}:${e.areaId}:${spec.status ?? 'Actual'}`,
    ...e,
    incidentKey: `${e.areaId}:${e.hazard}`,
    stationIds: [e.subject],
    audience: spec.audience ?? 'public',
    autoRelease: spec.autoRelease ?? false,
    status: spec.status ?? 'Actual',
    evidence: spec.evidence ?? gauge(312, 24),
  };
}

let commandSeq = 0;
export function command(action: OfficerAction, incidentId: string | null, at: number, extra: Partial<OfficerCommand> = {}): OfficerCommand {
  return { id: `cmd-${++commandSeq}`, action, incidentId, by: 'officer.mueller', at, reason: null, until: null, areaId: null, ruleId: null, edits: [], ...extra };
}
