import { createHash } from 'node:crypto';
import type { CatalogueIndex } from '../../core/catalogue/catalogue';
import type { Alert, AlertArea, AlertInfo } from '../../core/model/alert';
import { severityOf } from '../../core/model/hazard';
import type { TextEdit } from '../../core/model/officer-command';
import type { AlertComposer, RevisionDraft } from '../core/alert-composer';
import { leadingEvidence, primaryLanguage, type Incident } from '../core/incident';
import { capArea } from './cap-area';
import { capDateTime } from './cap-time';
import { describeDrivers, type Language } from './drivers';
import { CAP_CATEGORIES, eventCodeOf, eventKindOf } from './event-codes';
import { renderText } from './texts';

export interface CapComposerOptions {
  catalogue: CatalogueIndex;
  /** CAP sender: no spaces, commas, `<` or `&`. */
  sender: string;
  senderName: string;
  web?: string | null;
  contact?: string | null;
  timeZone?: string;
}

/** info blocks in this order: German first (NINA shows the first), English second. */
export const LANGUAGES: { cap: string; lang: Language }[] = [
  { cap: 'de-DE', lang: 'de' },
  { cap: 'en-GB', lang: 'en' },
];

const RESPONSE_BY_LEVEL = ['Monitor', 'Monitor', 'Prepare', 'Avoid', 'Avoid'];

/**
 * CAP identifiers: `fw.<ARS>.<h>.<version>` with h = first 12 hex digits of sha256(incident id).
 * Like NINA's ("mow.DE-NW-...", "dwd.2.49...") they start with a source prefix, contain no
 * comma or space (references are comma separated), are safe in a URL path
 * (/warnings/{identifier}.json) and are derived only from the incident, so a replay gives the same.
 */
export function capIdentifier(ars: string, incidentId: string, version: number): string {
  const h = createHash('sha256').update(incidentId).digest('hex').slice(0, 12);
  return `fw.${ars}.${h}.${version}`;
}

function editFor(edits: TextEdit[], lang: Language): TextEdit | undefined {
  return edits.find((e) => primaryLanguage(e.language) === lang);
}

/** Builds the CAP-shaped Alert of a revision from the catalogue and the templates. */
export class CapComposer implements AlertComposer {
  readonly sender: string;

  constructor(private readonly options: CapComposerOptions) {
    if (/[\s,<&]/.test(options.sender)) throw new Error(`CAP sender "${options.sender}" must not contain spaces, commas, < or &`);
    this.sender = options.sender;
  }

  private ars(areaId: string): string {
    return this.options.catalogue.area(areaId)?.ars ?? '000000000000';
  }

  identifier(incident: Incident, version: number): string {
    return capIdentifier(this.ars(incident.areaId), incident.id, version);
  }

  reference(identifier: string, sent: number): string {
    return `${this.sender},${identifier},${capDateTime(sent, this.options.timeZone)}`;
  }

  compose(incident: Incident, draft: RevisionDraft): Alert {
    const area = this.options.catalogue.area(incident.areaId);
    const areaName = area?.name ?? incident.areaId;
    // An all-clear or an edit while quiet has no active firing: describe with the last known ones.
    const firings = draft.firings.length > 0 ? draft.firings : Object.values(incident.firings);
    const evidence = leadingEvidence(firings);
    const eventKind = eventKindOf(incident.hazard, evidence);
    const stationName = (id: string) => this.options.catalogue.station(id)?.name;
    const responseType =
      draft.kind === 'all-clear' ? ['AllClear'] : draft.kind === 'cancelled' ? ['None'] : eventKind === 'sensor' ? ['Assess'] : [RESPONSE_BY_LEVEL[Math.min(4, incident.level)]!];
    const info: AlertInfo[] = LANGUAGES.map(({ cap, lang }) => {
      const text = renderText({
        kind: draft.kind,
        eventKind,
        level: incident.level,
        language: lang,
        areaName,
        status: incident.status,
        drivers: describeDrivers(evidence, lang, stationName),
      });
      // Officer edits replace the template text of warnings; an all-clear or withdrawal keeps its own words.
      const edit = draft.kind === 'warning' ? editFor(incident.edits, lang) : undefined;
      return {
        language: cap,
        category: CAP_CATEGORIES[eventKind],
        event: text.event,
        eventCode: eventCodeOf(eventKind, incident.status),
        responseType,
        urgency: draft.kind === 'warning' ? 'Immediate' : 'Past',
        severity: draft.kind === 'warning' ? severityOf(incident.level) : 'Minor',
        certainty: 'Observed',
        onset: incident.openedAt,
        expires: null,
        senderName: this.options.senderName,
        headline: edit?.headline ?? text.headline,
        description: edit?.description ?? text.description,
        instruction: edit?.instruction ?? text.instruction,
        web: this.options.web ?? null,
        contact: this.options.contact ?? null,
        parameters: [
          { valueName: 'warnVerwaltungsbereiche', value: this.ars(incident.areaId) },
          { valueName: 'level', value: String(incident.level) },
        ],
      };
    });
    const areas: AlertArea[] = area ? [capArea(area)] : [{ areaDesc: areaName, polygons: [], geocodes: [] }];
    return {
      identifier: draft.identifier,
      incidentId: incident.id,
      incidentKey: incident.key,
      version: draft.version,
      sender: this.sender,
      sent: draft.sent,
      status: incident.status,
      msgType: draft.msgType,
      scope: draft.scope,
      references: draft.references,
      hazard: incident.hazard,
      level: incident.level,
      areaIds: [incident.areaId],
      state: incident.state,
      released: incident.released,
      releasedBy: incident.releasedBy,
      releasedAt: incident.releasedAt,
      info,
      area: areas,
    };
  }
}
