import type { Alert, AlertState } from '../../core/model/alert';
import type { AlertStatus, Audience } from '../../core/model/alert-event';
import type { AlertHazard, Driver } from '../../core/model/hazard';
import type { TextEdit } from '../../core/model/officer-command';
import { silenceMatches, type Silence } from './silence';

/** One rule firing for one subject (station or area) inside an incident. */
export interface Firing {
  /** `${ruleId}:${subject}` */
  key: string;
  ruleId: string;
  subject: string;
  level: number;
  active: boolean;
  audience: Audience;
  autoRelease: boolean;
  stationIds: string[];
  evidence: Driver[];
  raisedAt: number;
  /** Event time of the last event applied to this firing (older events are stale). */
  lastAt: number;
  clearedAt: number | null;
}

export interface RevisionRef {
  version: number;
  identifier: string;
  sent: number;
  scope: 'Public' | 'Restricted';
}

/**
 * An incident: everything one area sees of one hazard, from the first firing until the
 * all-clear or a cancel. Plain data (JSON round-trips), changed only by IncidentBook.
 */
export interface Incident {
  id: string;
  key: string;
  areaId: string;
  hazard: AlertHazard;
  status: AlertStatus;
  /** public as soon as one firing is public; officers-only incidents never go public. */
  audience: Audience;
  state: AlertState;
  openedAt: number;
  firings: Record<string, Firing>;
  /** Level of the last revision (0 before the first). */
  level: number;
  peakLevel: number;
  /** Since when no firing is active (hold timer runs from here); null while one is. */
  quietSince: number | null;
  released: boolean;
  releasedBy: string | null;
  releasedAt: number | null;
  acknowledgements: { by: string; at: number }[];
  /** Officer text per language, merged over the template. */
  edits: TextEdit[];
  revisions: RevisionRef[];
  lastAlert: Alert | null;
  closedAt: number | null;
  closedBy: string | null;
}

export function isOpen(i: Incident): boolean {
  return i.state === 'pending' || i.state === 'released';
}

export function activeFirings(i: Incident): Firing[] {
  return Object.values(i.firings)
    .filter((f) => f.active)
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

export function isFiringSilenced(i: Incident, f: Firing, silences: Iterable<Silence>, at: number): boolean {
  for (const s of silences) if (silenceMatches(s, { areaId: i.areaId, hazard: i.hazard, ruleId: f.ruleId }, at)) return true;
  return false;
}

/** Firings that count toward the public level at `at`: active and not silenced. */
export function countingFirings(i: Incident, silences: Iterable<Silence>, at: number): Firing[] {
  const list = [...silences];
  return activeFirings(i).filter((f) => !isFiringSilenced(i, f, list, at));
}

export function maxLevel(firings: Firing[]): number {
  return firings.reduce((m, f) => Math.max(m, f.level), 0);
}

/** Evidence of the firings that drive the level, highest level first, without repeats. */
export function leadingEvidence(firings: Firing[]): Driver[] {
  const seen = new Set<string>();
  const out: Driver[] = [];
  for (const f of [...firings].sort((a, b) => b.level - a.level)) {
    for (const d of f.evidence) {
      const k = `${d.name}|${d.stationId ?? ''}`;
      if (seen.has(k)) continue;
      seen.add(k);
      out.push(d);
    }
  }
  return out;
}

/** `de-DE`, `de`, `DE` → `de`: edits are kept per primary language. */
export function primaryLanguage(tag: string): string {
  return tag.toLowerCase().split(/[-_]/)[0] ?? tag;
}

/** Merges an officer's edit over earlier ones (per primary language): null fields keep the earlier text. */
export function mergeEdits(current: TextEdit[], incoming: TextEdit[]): TextEdit[] {
  const byLang = new Map(current.map((e) => [primaryLanguage(e.language), { ...e }]));
  for (const e of incoming) {
    const lang = primaryLanguage(e.language);
    const prev = byLang.get(lang) ?? { language: lang, headline: null, description: null, instruction: null };
    byLang.set(lang, {
      language: lang,
      headline: e.headline ?? prev.headline,
      description: e.description ?? prev.description,
      instruction: e.instruction ?? prev.instruction,
    });
  }
  return [...byLang.values()];
}
