import type { CatalogueIndex } from '../core/catalogue/catalogue';
import type { Alert } from '../core/model/alert';
import type { AlertStatus } from '../core/model/alert-event';
import { renderCapXml } from './cap/cap-xml';
import { districtKey } from './nina/ars';
import { DE_LABELS } from './nina/labels';
import { DEFAULT_PROVIDER, ninaDashboardItem, ninaGeoJson, ninaMapDataItem, ninaWarningBody, sha256Hex, type NinaOptions } from './nina/nina-mapping';
import type { GeoJsonFeatureCollection, NinaDashboardItem, NinaDataVersion, NinaMapDataItem } from './nina/types';
import { arsOf, expiresOf, isAllClear, isPublishable } from './public-alert';

/**
 * The public view of the alerts topic: what the NINA JSON, CAP and Atom endpoints serve.
 *
 * Rules (decided here, documented for operators):
 * - Only revisions that are released, Public in scope and of a public hazard are ever seen
 *   (pending or unreleased revisions never; officer-only sensor alerts never).
 * - Per incident the latest such revision (highest version) is current; an older or duplicate
 *   revision arriving late (replay, redelivery) does not replace it.
 * - Status: the default lists (dashboard, mapData, Atom) hold `Actual` messages only. Exercise
 *   and Test messages are listed only when asked for explicitly (`?status=Exercise` /
 *   `?status=Test`), never mixed with actual warnings; their details still resolve by identifier
 *   and say their status.
 * - An all-clear (msgType Cancel, responseType AllClear, or state cleared/cancelled) replaces
 *   the warning on the lists for `allClearDisplayMs` after it was sent (default 1 hour), then
 *   the incident leaves the lists. A warning whose `expires` has passed leaves them too.
 * - Every revision ever listed keeps resolving at its identifier for `detailRetentionMs` after
 *   its incident left the lists (default 7 days); real clients break when a listed detail 404s.
 * Pure: time comes in as `now`, no I/O.
 */
export interface FeedStateOptions {
  catalogue?: CatalogueIndex;
  provider?: string;
  timeZone?: string;
  allClearDisplayMs?: number;
  detailRetentionMs?: number;
}

export const DEFAULT_ALL_CLEAR_DISPLAY_MS = 60 * 60_000;
export const DEFAULT_DETAIL_RETENTION_MS = 7 * 24 * 3600_000;

/** One published revision with its served bodies (computed once; revisions are immutable). */
export class PublishedRevision {
  readonly detailBody: string;
  readonly hash: string;
  private capXml: string | null = null;

  constructor(
    readonly alert: Alert,
    private readonly nina: NinaOptions,
    private readonly timeZone: string | undefined,
  ) {
    this.detailBody = ninaWarningBody(alert, nina);
    this.hash = sha256Hex(this.detailBody);
  }

  get identifier(): string {
    return this.alert.identifier;
  }

  cap(): string {
    if (this.capXml === null) this.capXml = renderCapXml(this.alert, { catalogue: this.nina.catalogue, timeZone: this.timeZone });
    return this.capXml;
  }

  geoJson(): GeoJsonFeatureCollection {
    return ninaGeoJson(this.alert, this.nina);
  }
}

interface IncidentView {
  current: PublishedRevision;
  districts: Set<string>;
  /** All identifiers published for this incident (pruned together). */
  identifiers: Set<string>;
}

export type ApplyOutcome = 'published' | 'not-public' | 'stale';

export class FeedState {
  private readonly incidents = new Map<string, IncidentView>();
  private readonly revisions = new Map<string, PublishedRevision>();
  private readonly nina: NinaOptions;
  private readonly allClearDisplayMs: number;
  private readonly detailRetentionMs: number;
  /** Changes made by applied records (deterministic on replay). */
  private applied = 0;
  private lastAppliedAt = 0;
  /** Ends of incidents already pruned: keep Last-Modified and the data version monotonic. */
  private prunedEnds = 0;
  private prunedLastEnd = 0;

  constructor(private readonly options: FeedStateOptions = {}) {
    this.nina = { provider: options.provider ?? DEFAULT_PROVIDER, timeZone: options.timeZone, catalogue: options.catalogue };
    this.allClearDisplayMs = options.allClearDisplayMs ?? DEFAULT_ALL_CLEAR_DISPLAY_MS;
    this.detailRetentionMs = options.detailRetentionMs ?? DEFAULT_DETAIL_RETENTION_MS;
  }

  get provider(): string {
    return this.nina.provider;
  }

  apply(alert: Alert): ApplyOutcome {
    if (!isPublishable(alert)) return 'not-public';
    const existing = this.incidents.get(alert.incidentId);
    if (existing && existing.current.alert.version >= alert.version) {
      // Late or duplicate: keep it resolvable if it is new to us, but do not go back in time.
      if (!this.revisions.has(alert.identifier)) {
        this.revisions.set(alert.identifier, new PublishedRevision(alert, this.nina, this.options.timeZone));
        existing.identifiers.add(alert.identifier);
      }
      return 'stale';
    }
    const revision = new PublishedRevision(alert, this.nina, this.options.timeZone);
    this.revisions.set(alert.identifier, revision);
    const districts = new Set(arsOf(alert, this.options.catalogue).map(districtKey));
    const identifiers = existing?.identifiers ?? new Set<string>();
    identifiers.add(alert.identifier);
    this.incidents.set(alert.incidentId, { current: revision, districts, identifiers });
    this.applied++;
    this.lastAppliedAt = Math.max(this.lastAppliedAt, alert.sent, alert.releasedAt ?? 0);
    return 'published';
  }

  /** When the incident leaves the lists (null: open-ended). */
  private endOf(alert: Alert): number | null {
    const expires = expiresOf(alert);
    const allClearEnd = isAllClear(alert) ? alert.sent + this.allClearDisplayMs : null;
    if (expires === null) return allClearEnd;
    return allClearEnd === null ? expires : Math.min(expires, allClearEnd);
  }

  private isListed(view: IncidentView, now: number, status: AlertStatus): boolean {
    if (view.current.alert.status !== status) return false;
    const end = this.endOf(view.current.alert);
    return end === null || now < end;
  }

  /** Current revisions on the lists, newest first (ties by identifier, for stable bodies). */
  listed(now: number, status: AlertStatus = 'Actual'): PublishedRevision[] {
    return [...this.incidents.values()]
      .filter((v) => this.isListed(v, now, status))
      .map((v) => v.current)
      .sort((a, b) => b.alert.sent - a.alert.sent || a.identifier.localeCompare(b.identifier));
  }

  /** Current revisions of a district (any 12-digit ARS is reduced to its district key), newest first. */
  districtListed(ars: string, now: number, status: AlertStatus = 'Actual'): PublishedRevision[] {
    const district = districtKey(ars);
    return [...this.incidents.values()]
      .filter((v) => v.districts.has(district) && this.isListed(v, now, status))
      .map((v) => v.current)
      .sort((a, b) => b.alert.sent - a.alert.sent || a.identifier.localeCompare(b.identifier));
  }

  /** NINA dashboard of a district. */
  dashboard(ars: string, now: number, status: AlertStatus = 'Actual'): NinaDashboardItem[] {
    return this.districtListed(ars, now, status).map((r) => ninaDashboardItem(r.alert, this.nina, now));
  }

  mapData(now: number, status: AlertStatus = 'Actual'): NinaMapDataItem[] {
    return this.listed(now, status).map((r) => ninaMapDataItem(r.alert, this.nina));
  }

  /** Any published revision by CAP identifier (listed or not, any status, until pruned). */
  revision(identifier: string): PublishedRevision | undefined {
    return this.revisions.get(identifier);
  }

  private endsUpTo(now: number): { count: number; last: number } {
    let count = this.prunedEnds;
    let last = this.prunedLastEnd;
    for (const v of this.incidents.values()) {
      const end = this.endOf(v.current.alert);
      if (end !== null && end <= now) {
        count++;
        last = Math.max(last, end);
      }
    }
    return { count, last };
  }

  /**
   * When the lists last changed, as of `now`: the latest applied revision or the latest moment an
   * incident left the lists. Never later than `now`.
   */
  lastModified(now: number): number {
    return Math.min(now, Math.max(this.lastAppliedAt, this.endsUpTo(now).last));
  }

  /** NINA's dataVersion: a number that grows with every change of the lists, and hashes. */
  dataVersion(now: number): NinaDataVersion {
    const version = this.applied + this.endsUpTo(now).count;
    const listed = this.listed(now).map((r) => `${r.identifier}:${r.hash}`).join('\n');
    const mapDataHash = sha256Hex(listed);
    const labelsHash = sha256Hex(JSON.stringify(DE_LABELS));
    return {
      version,
      hash: sha256Hex(`${version}\n${mapDataHash}\n${labelsHash}`),
      entries: [
        { name: 'labels', version: 1, hash: labelsHash },
        { name: 'mapData', version, hash: mapDataHash },
      ],
    };
  }

  /** Forgets incidents that left the lists more than `detailRetentionMs` ago. */
  prune(now: number): number {
    let removed = 0;
    for (const [id, v] of this.incidents) {
      const end = this.endOf(v.current.alert);
      if (end === null || now - end < this.detailRetentionMs) continue;
      for (const identifier of v.identifiers) this.revisions.delete(identifier);
      this.incidents.delete(id);
      this.prunedEnds++;
      this.prunedLastEnd = Math.max(this.prunedLastEnd, end);
      removed++;
    }
    return removed;
  }

  get size(): { incidents: number; revisions: number } {
    return { incidents: this.incidents.size, revisions: this.revisions.size };
  }
}
