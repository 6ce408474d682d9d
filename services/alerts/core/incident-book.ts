import type { Alert } from '../../core/model/alert';
import type { AlertEvent, AlertStatus } from '../../core/model/alert-event';
import type { OfficerCommand } from '../../core/model/officer-command';
import type { AlertComposer, RevisionKind } from './alert-composer';
import type { AuditEntry } from '../../core/model/audit-entry';
import { DedupWindow, type DedupWindowState } from './dedup-window';
import {
  activeFirings,
  countingFirings,
  isFiringSilenced,
  isOpen,
  maxLevel,
  mergeEdits,
  type Firing,
  type Incident,
} from './incident';
import type { Silence } from './silence';

export const DEFAULT_HOLD_MS = 30 * 60_000;

export interface IncidentBookOptions {
  composer: AlertComposer;
  /** How long all firings must stay clear before the all-clear (event time). */
  holdMs?: number;
  /** Applied event ids and command ids remembered each (bounded memory). */
  dedupCapacity?: number;
  /** Closed incidents kept in the book for the console (full history stays in the audit trail). */
  closedRetention?: number;
  /** `source` of audit entries. */
  source?: string;
}

/** What one input caused: revisions for `alerts.v1` and lines for the audit trail. */
export interface BookOutput {
  alerts: Alert[];
  audit: AuditEntry[];
  /** Inputs ignored because their id was already applied. */
  duplicates: number;
}

export interface IncidentBookState {
  format: 1;
  time: number;
  incidents: Incident[];
  /** `${incidentKey}|${status}` → open incident id. */
  open: Record<string, string>;
  /** Closed incident ids, oldest first. */
  closed: string[];
  silences: Silence[];
  events: DedupWindowState;
  commands: DedupWindowState;
}

/** An incident as the console shows it: the record plus what follows from the current silences and timers. */
export interface IncidentView extends Incident {
  /** Active firings that a silence keeps from counting. */
  silencedFirings: string[];
  /** Every active firing is silenced. */
  silenced: boolean;
  /** When the all-clear is due if nothing fires again; null while a firing is active. */
  allClearDueAt: number | null;
}

type Timer = { at: number; kind: 'silence-end'; silence: Silence } | { at: number; kind: 'hold'; incident: Incident };

/** Collects the output of one input; audit ids are `${inputId}#${n}` so they are the same on every replay. */
class Emission {
  private n = 0;
  constructor(
    readonly out: BookOutput,
    readonly inputId: string,
    private readonly source: string,
  ) {}

  audit(at: number, actor: string, action: string, subject: string, detail: Record<string, unknown> = {}): void {
    this.out.audit.push({ id: `${this.inputId}#${this.n++}`, at, actor, action, subject, detail: JSON.stringify(detail), source: this.source });
  }
}

function compactUtc(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z');
}

/**
 * The alert lifecycle as a pure state machine. Inputs: AlertEvents (rule firings), OfficerCommands
 * and the passing of time (`advanceTo`); outputs: CAP-shaped revisions and audit lines.
 *
 * - Firings (ruleId + subject) of one area and hazard make one incident; its level is the max of
 *   the active, unsilenced firings. A level change makes a revision (Alert, then Update).
 * - Public incidents wait in `pending` (drafts go out with scope Restricted) until an officer
 *   releases them or a firing's rule allows auto-release; officers-only incidents stay Restricted.
 * - When every firing has been clear for `holdMs` of event time, a released incident gets the
 *   all-clear (Cancel, AllClear); a firing within the hold continues the same incident.
 * - Time is event time: the max `at` of all inputs. Same inputs, same outputs, same identifiers.
 */
export class IncidentBook {
  private readonly composer: AlertComposer;
  private readonly holdMs: number;
  private readonly closedRetention: number;
  private readonly source: string;
  private readonly incidentsById = new Map<string, Incident>();
  private readonly openByKey = new Map<string, string>();
  private readonly closed: string[] = [];
  private readonly silencesById = new Map<string, Silence>();
  private readonly seenEvents: DedupWindow;
  private readonly seenCommands: DedupWindow;
  private clock = Number.NEGATIVE_INFINITY;

  constructor(options: IncidentBookOptions, state?: IncidentBookState) {
    this.composer = options.composer;
    this.holdMs = options.holdMs ?? DEFAULT_HOLD_MS;
    this.closedRetention = options.closedRetention ?? 500;
    this.source = options.source ?? 'alerts';
    const capacity = options.dedupCapacity ?? 10_000;
    if (state) {
      if (state.format !== 1) throw new Error(`Unknown incident book format ${String(state.format)}`);
      this.clock = state.time;
      for (const i of state.incidents) this.incidentsById.set(i.id, i);
      for (const [k, id] of Object.entries(state.open)) this.openByKey.set(k, id);
      this.closed.push(...state.closed);
      for (const s of state.silences) this.silencesById.set(s.id, s);
      this.seenEvents = new DedupWindow(capacity, state.events.ids);
      this.seenCommands = new DedupWindow(capacity, state.commands.ids);
    } else {
      this.seenEvents = new DedupWindow(capacity);
      this.seenCommands = new DedupWindow(capacity);
    }
  }

  /** Event time the book has reached (max of all inputs); -Infinity before the first. */
  get time(): number {
    return this.clock;
  }

  snapshot(): IncidentBookState {
    return JSON.parse(
      JSON.stringify({
        format: 1,
        time: this.clock,
        incidents: [...this.incidentsById.values()],
        open: Object.fromEntries(this.openByKey),
        closed: this.closed,
        silences: [...this.silencesById.values()],
        events: this.seenEvents.snapshot(),
        commands: this.seenCommands.snapshot(),
      }),
    ) as IncidentBookState;
  }

  incident(id: string): IncidentView | undefined {
    const i = this.incidentsById.get(id);
    return i ? this.view(i) : undefined;
  }

  /** Open incidents first (newest first), then closed ones (most recently closed first). */
  incidents(): IncidentView[] {
    const all = [...this.incidentsById.values()];
    const open = all.filter(isOpen).sort((a, b) => b.openedAt - a.openedAt || (a.id < b.id ? -1 : 1));
    const closed = all.filter((i) => !isOpen(i)).sort((a, b) => (b.closedAt ?? 0) - (a.closedAt ?? 0) || (a.id < b.id ? -1 : 1));
    return [...open, ...closed].map((i) => this.view(i));
  }

  silences(): Silence[] {
    return [...this.silencesById.values()].sort((a, b) => a.from - b.from || (a.id < b.id ? -1 : 1));
  }

  applyEvent(e: AlertEvent): BookOutput {
    const out = emptyOutput();
    if (!this.seenEvents.add(e.id)) {
      out.duplicates++;
      return out;
    }
    this.advance(e.at, out);
    const em = new Emission(out, e.id, this.source);
    const actor = `rule:${e.ruleId}`;
    const openKey = `${e.incidentKey}|${e.status}`;
    let inc = this.openIncident(openKey);
    if (!inc) {
      // A clear for something we have no open incident for (closed by cancel, or never raised) changes nothing.
      if (e.kind === 'cleared') return out;
      inc = this.openNew(openKey, e);
      em.audit(e.at, actor, 'incident.opened', inc.id, { incidentKey: inc.key, hazard: inc.hazard, areaId: inc.areaId, status: inc.status });
    }
    const fkey = `${e.ruleId}:${e.subject}`;
    const f = inc.firings[fkey];
    if (f && e.at < f.lastAt) {
      em.audit(e.at, actor, 'event.stale', inc.id, { eventId: e.id, firing: fkey, lastAt: f.lastAt });
      return out;
    }
    if (e.kind === 'cleared') {
      if (!f || !f.active) return out;
      f.active = false;
      f.clearedAt = e.at;
      f.lastAt = e.at;
      em.audit(e.at, actor, 'firing.cleared', inc.id, { firing: fkey, eventId: e.id });
    } else {
      const firing: Firing = f ?? {
        key: fkey,
        ruleId: e.ruleId,
        subject: e.subject,
        level: e.level,
        active: true,
        audience: e.audience,
        autoRelease: e.autoRelease,
        stationIds: [],
        evidence: [],
        raisedAt: e.at,
        lastAt: e.at,
        clearedAt: null,
      };
      if (!firing.active) firing.raisedAt = e.at;
      Object.assign(firing, {
        level: e.level,
        active: true,
        audience: e.audience,
        autoRelease: e.autoRelease,
        stationIds: [...e.stationIds],
        evidence: e.evidence.map((d) => ({ ...d })),
        lastAt: e.at,
        clearedAt: null,
      });
      inc.firings[fkey] = firing;
      if (e.audience === 'public') inc.audience = 'public';
      const silenced = isFiringSilenced(inc, firing, this.silencesById.values(), e.at);
      em.audit(e.at, actor, `firing.${e.kind}`, inc.id, { firing: fkey, level: e.level, silenced, eventId: e.id });
    }
    this.reconcile(inc, e.at, actor, em);
    return out;
  }

  applyCommand(c: OfficerCommand): BookOutput {
    const out = emptyOutput();
    if (!this.seenCommands.add(c.id)) {
      out.duplicates++;
      return out;
    }
    this.advance(c.at, out);
    const em = new Emission(out, c.id, this.source);
    const reject = (subject: string, why: string) => em.audit(c.at, c.by, 'command.rejected', subject, { commandId: c.id, command: c.action, why });

    if (c.action === 'silence') return this.silence(c, em, reject), out;
    if (c.action === 'unsilence') {
      const id = c.incidentId ?? '';
      const s = this.silencesById.get(id);
      if (!s) return reject(`silence:${id}`, 'no such silence'), out;
      this.silencesById.delete(id);
      em.audit(c.at, c.by, 'silence.removed', `silence:${id}`, { commandId: c.id, reason: c.reason });
      this.reconcileAll(c.at, c.by, em);
      return out;
    }

    const inc = c.incidentId ? this.incidentsById.get(c.incidentId) : undefined;
    if (!inc) return reject(c.incidentId ?? '', 'no such incident'), out;
    switch (c.action) {
      case 'acknowledge':
        inc.acknowledgements.push({ by: c.by, at: c.at });
        em.audit(c.at, c.by, 'incident.acknowledged', inc.id, { commandId: c.id, reason: c.reason });
        break;
      case 'release': {
        if (!isOpen(inc)) return reject(inc.id, `incident is ${inc.state}`), out;
        if (inc.released) return reject(inc.id, 'already released'), out;
        if (inc.audience !== 'public') return reject(inc.id, 'incident is for duty officers only'), out;
        const counting = countingFirings(inc, this.silencesById.values(), c.at);
        if (counting.length === 0) return reject(inc.id, 'no active, unsilenced firing'), out;
        this.release(inc, c.at, c.by, counting, em, c.reason);
        break;
      }
      case 'edit': {
        if (!isOpen(inc)) return reject(inc.id, `incident is ${inc.state}`), out;
        if (c.edits.length === 0) return reject(inc.id, 'no edits given'), out;
        inc.edits = mergeEdits(inc.edits, c.edits);
        em.audit(c.at, c.by, 'incident.edited', inc.id, { commandId: c.id, languages: c.edits.map((e) => e.language), reason: c.reason });
        if (inc.revisions.length > 0) this.emit(inc, 'warning', c.at, countingOrActive(inc, this.silencesById.values(), c.at), em, c.by);
        break;
      }
      case 'cancel': {
        if (!isOpen(inc)) return reject(inc.id, `incident is ${inc.state}`), out;
        inc.state = 'cancelled';
        em.audit(c.at, c.by, 'incident.cancelled', inc.id, { commandId: c.id, reason: c.reason, wasReleased: inc.released });
        this.emit(inc, 'cancelled', c.at, activeFirings(inc), em, c.by);
        this.close(inc, c.at, c.by);
        break;
      }
    }
    return out;
  }

  /** Lets event time pass without an input (wall-clock punctuation): fires due hold and silence timers. */
  advanceTo(t: number): BookOutput {
    const out = emptyOutput();
    this.advance(t, out);
    return out;
  }

  private silence(c: OfficerCommand, em: Emission, reject: (subject: string, why: string) => void): void {
    if (c.until === null || c.until <= c.at) return reject(`silence:${c.incidentId ?? c.id}`, 'until must lie after the command time');
    let silence: Silence;
    if (c.areaId !== null || c.ruleId !== null) {
      silence = { id: c.incidentId ?? c.id, areaId: c.areaId, ruleId: c.ruleId, hazard: null, from: c.at, until: c.until, by: c.by, reason: c.reason };
    } else {
      const inc = c.incidentId ? this.incidentsById.get(c.incidentId) : undefined;
      if (!inc) return reject(`silence:${c.incidentId ?? c.id}`, 'a silence needs an area, a rule or an incident');
      silence = { id: c.id, areaId: inc.areaId, ruleId: null, hazard: inc.hazard, from: c.at, until: c.until, by: c.by, reason: c.reason };
      em.audit(c.at, c.by, 'incident.silenced', inc.id, { silenceId: silence.id, until: c.until, reason: c.reason });
    }
    this.silencesById.set(silence.id, silence);
    em.audit(c.at, c.by, 'silence.created', `silence:${silence.id}`, {
      commandId: c.id,
      areaId: silence.areaId,
      ruleId: silence.ruleId,
      hazard: silence.hazard,
      until: silence.until,
      reason: c.reason,
    });
    this.reconcileAll(c.at, c.by, em);
  }

  private openIncident(openKey: string): Incident | undefined {
    const id = this.openByKey.get(openKey);
    return id ? this.incidentsById.get(id) : undefined;
  }

  private openNew(openKey: string, e: AlertEvent): Incident {
    const base = `${e.areaId}.${e.hazard}.${e.status === 'Actual' ? '' : e.status.toLowerCase() + '.'}${compactUtc(e.at)}`;
    let id = base;
    for (let n = 2; this.incidentsById.has(id); n++) id = `${base}-${n}`;
    const inc: Incident = {
      id,
      key: e.incidentKey,
      areaId: e.areaId,
      hazard: e.hazard,
      status: e.status as AlertStatus,
      audience: e.audience,
      state: 'pending',
      openedAt: e.at,
      firings: {},
      level: 0,
      peakLevel: 0,
      quietSince: null,
      released: false,
      releasedBy: null,
      releasedAt: null,
      acknowledgements: [],
      edits: [],
      revisions: [],
      lastAlert: null,
      closedAt: null,
      closedBy: null,
    };
    this.incidentsById.set(id, inc);
    this.openByKey.set(openKey, id);
    return inc;
  }

  /** Brings an open incident in line with its firings at `at`: quiet timer, auto-release, level revisions. */
  private reconcile(inc: Incident, at: number, actor: string, em: Emission): void {
    if (!isOpen(inc)) return;
    const active = activeFirings(inc);
    inc.quietSince = active.length === 0 ? (inc.quietSince ?? at) : null;
    const counting = countingFirings(inc, this.silencesById.values(), at);
    const target = maxLevel(counting);
    if (target === 0) return; // quiet, or only silenced firings: nothing new to say
    if (!inc.released && inc.audience === 'public' && counting.some((f) => f.autoRelease && f.audience === 'public')) {
      this.release(inc, at, 'system:auto-release', counting, em, null);
      return;
    }
    if (target === inc.level) return;
    const previous = inc.level;
    inc.level = target;
    inc.peakLevel = Math.max(inc.peakLevel, target);
    if (previous > 0) em.audit(at, actor, target > previous ? 'incident.escalated' : 'incident.deescalated', inc.id, { from: previous, to: target });
    this.emit(inc, 'warning', at, counting, em, actor);
  }

  private reconcileAll(at: number, actor: string, em: Emission): void {
    for (const id of [...this.openByKey.values()].sort()) {
      const inc = this.incidentsById.get(id);
      if (inc) this.reconcile(inc, at, actor, em);
    }
  }

  private release(inc: Incident, at: number, by: string, counting: Firing[], em: Emission, reason: string | null): void {
    inc.released = true;
    inc.releasedBy = by;
    inc.releasedAt = at;
    inc.state = 'released';
    const previous = inc.level;
    inc.level = maxLevel(counting);
    inc.peakLevel = Math.max(inc.peakLevel, inc.level);
    em.audit(at, by, 'incident.released', inc.id, { level: inc.level, previousLevel: previous, reason });
    this.emit(inc, 'warning', at, counting, em, by);
  }

  /**
   * Appends a revision. Scope follows release: drafts of unreleased (and officers-only)
   * incidents are Restricted, released ones Public. msgType: the first revision of a scope is
   * an Alert, later ones Update, the end a Cancel; references name the earlier revisions of the
   * same scope (the public never saw the drafts). An end with nothing to end sends nothing.
   */
  private emit(inc: Incident, kind: RevisionKind, at: number, firings: Firing[], em: Emission, actor: string): void {
    const scope = inc.released ? 'Public' : 'Restricted';
    const earlier = inc.revisions.filter((r) => r.scope === scope);
    if (kind !== 'warning' && earlier.length === 0) return;
    const version = inc.revisions.length + 1;
    const identifier = this.composer.identifier(inc, version);
    const alert = this.composer.compose(inc, {
      kind,
      version,
      identifier,
      msgType: kind !== 'warning' ? 'Cancel' : earlier.length > 0 ? 'Update' : 'Alert',
      scope,
      sent: at,
      references: earlier.map((r) => this.composer.reference(r.identifier, r.sent)),
      firings,
    });
    inc.revisions.push({ version, identifier, sent: at, scope });
    inc.lastAlert = alert;
    em.out.alerts.push(alert);
    em.audit(at, actor, 'revision.published', inc.id, { identifier, version, msgType: alert.msgType, scope, level: alert.level, kind });
  }

  private close(inc: Incident, at: number, by: string): void {
    inc.closedAt = at;
    inc.closedBy = by;
    inc.quietSince = null;
    for (const [k, id] of this.openByKey) if (id === inc.id) this.openByKey.delete(k);
    this.closed.push(inc.id);
    while (this.closed.length > this.closedRetention) this.incidentsById.delete(this.closed.shift()!);
  }

  private nextTimer(): Timer | null {
    let next: Timer | null = null;
    const earlier = (t: Timer) => {
      if (!next || t.at < next.at) return true;
      if (t.at > next.at) return false;
      // Same instant: silences end before hold timers, then by id (deterministic order).
      const rank = (x: Timer) => (x.kind === 'silence-end' ? 0 : 1);
      const id = (x: Timer) => (x.kind === 'silence-end' ? x.silence.id : x.incident.id);
      return rank(t) < rank(next) || (rank(t) === rank(next) && id(t) < id(next));
    };
    for (const s of this.silencesById.values()) {
      const t: Timer = { at: s.until, kind: 'silence-end', silence: s };
      if (earlier(t)) next = t;
    }
    for (const id of this.openByKey.values()) {
      const inc = this.incidentsById.get(id);
      if (!inc || inc.quietSince === null) continue;
      const t: Timer = { at: inc.quietSince + this.holdMs, kind: 'hold', incident: inc };
      if (earlier(t)) next = t;
    }
    return next;
  }

  private advance(t: number, out: BookOutput): void {
    for (let timer = this.nextTimer(); timer && timer.at <= t; timer = this.nextTimer()) {
      this.clock = Math.max(this.clock, timer.at);
      if (timer.kind === 'silence-end') {
        const s = timer.silence;
        const em = new Emission(out, `timer:silence-end:${s.id}:${s.until}`, this.source);
        this.silencesById.delete(s.id);
        em.audit(s.until, 'system:silence-expiry', 'silence.expired', `silence:${s.id}`, {});
        this.reconcileAll(s.until, 'system:silence-expiry', em);
      } else {
        const inc = timer.incident;
        const em = new Emission(out, `timer:hold:${inc.id}:${timer.at}`, this.source);
        inc.state = 'cleared';
        em.audit(timer.at, 'system:hold-timer', inc.released ? 'incident.all-clear' : 'incident.closed', inc.id, { quietSince: inc.quietSince, holdMs: this.holdMs });
        this.emit(inc, 'all-clear', timer.at, [], em, 'system:hold-timer');
        this.close(inc, timer.at, 'system:hold-timer');
      }
    }
    this.clock = Math.max(this.clock, t);
  }

  private view(i: Incident): IncidentView {
    const at = Number.isFinite(this.clock) ? this.clock : i.openedAt;
    const active = activeFirings(i);
    const silencedFirings = isOpen(i) ? active.filter((f) => isFiringSilenced(i, f, this.silencesById.values(), at)).map((f) => f.key) : [];
    return {
      ...i,
      silencedFirings,
      silenced: active.length > 0 && silencedFirings.length === active.length,
      allClearDueAt: isOpen(i) && i.quietSince !== null ? i.quietSince + this.holdMs : null,
    };
  }
}

function emptyOutput(): BookOutput {
  return { alerts: [], audit: [], duplicates: 0 };
}

/** For an edit's revision: the counting firings, or every active one when all are silenced. */
function countingOrActive(inc: Incident, silences: Iterable<Silence>, at: number): Firing[] {
  const counting = countingFirings(inc, silences, at);
  return counting.length > 0 ? counting : activeFirings(inc);
}
