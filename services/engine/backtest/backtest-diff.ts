import type { AlertEvent, AlertEventKind } from '../../core/model/alert-event';

/** One alert event present in both runs at different times. shiftMs = compare.at - base.at (negative: earlier). */
export interface ShiftedAlert {
  ruleId: string;
  subject: string;
  kind: AlertEventKind;
  level: number;
  baseAt: number;
  compareAt: number;
  shiftMs: number;
}

/**
 * First `raised` per incident key in each run. leadMs = base - compare: positive when the
 * compared rule set warns earlier (it gains lead time), null when one run never raises.
 */
export interface LeadTime {
  incidentKey: string;
  baseFirstRaisedAt: number | null;
  compareFirstRaisedAt: number | null;
  leadMs: number | null;
}

export interface BacktestDiff {
  /** In compare only. */
  gained: AlertEvent[];
  /** In base only. */
  lost: AlertEvent[];
  shifted: ShiftedAlert[];
  /** Incident keys whose first raise differs (or that only one run raises). */
  leadTimes: LeadTime[];
}

/** Events match when rule, subject, kind and level agree; time may differ. */
const matchKey = (e: AlertEvent) => `${e.ruleId}\u0000${e.subject}\u0000${e.kind}\u0000${e.level}`;

/**
 * Pairs the events of two runs. Within one match key, pairs are chosen nearest-in-time first
 * (greedy), so an extra early episode in one run shows up as gained rather than shifting every
 * later episode by one. Pairs further apart than maxShiftMs are not the same alert.
 */
export function diffAlertEvents(base: AlertEvent[], compare: AlertEvent[], opts: { maxShiftMs?: number } = {}): BacktestDiff {
  const maxShift = opts.maxShiftMs ?? 24 * 3_600_000;
  const groups = new Map<string, Group>();
  base.forEach((e, i) => group(groups, matchKey(e)).base.push(i));
  compare.forEach((e, i) => group(groups, matchKey(e)).compare.push(i));

  const baseMatched = new Set<number>();
  const compareMatched = new Set<number>();
  const shifted: ShiftedAlert[] = [];
  for (const g of groups.values()) {
    const pairs: Array<{ b: number; c: number; d: number }> = [];
    for (const b of g.base) {
      for (const c of g.compare) {
        const d = Math.abs(compare[c].at - base[b].at);
        if (d <= maxShift) pairs.push({ b, c, d });
      }
    }
    pairs.sort((x, y) => x.d - y.d || base[x.b].at - base[y.b].at || compare[x.c].at - compare[y.c].at);
    for (const p of pairs) {
      if (baseMatched.has(p.b) || compareMatched.has(p.c)) continue;
      baseMatched.add(p.b);
      compareMatched.add(p.c);
      const b = base[p.b];
      const c = compare[p.c];
      if (b.at !== c.at) {
        shifted.push({ ruleId: b.ruleId, subject: b.subject, kind: b.kind, level: b.level, baseAt: b.at, compareAt: c.at, shiftMs: c.at - b.at });
      }
    }
  }
  shifted.sort((x, y) => x.baseAt - y.baseAt || x.ruleId.localeCompare(y.ruleId) || x.subject.localeCompare(y.subject));

  return {
    gained: compare.filter((_, i) => !compareMatched.has(i)),
    lost: base.filter((_, i) => !baseMatched.has(i)),
    shifted,
    leadTimes: leadTimes(base, compare),
  };
}

function leadTimes(base: AlertEvent[], compare: AlertEvent[]): LeadTime[] {
  const b = firstRaises(base);
  const c = firstRaises(compare);
  const keys = [...new Set([...b.keys(), ...c.keys()])].sort();
  const out: LeadTime[] = [];
  for (const incidentKey of keys) {
    const baseFirst = b.get(incidentKey) ?? null;
    const compareFirst = c.get(incidentKey) ?? null;
    if (baseFirst === compareFirst) continue;
    out.push({
      incidentKey,
      baseFirstRaisedAt: baseFirst,
      compareFirstRaisedAt: compareFirst,
      leadMs: baseFirst !== null && compareFirst !== null ? baseFirst - compareFirst : null,
    });
  }
  return out;
}

function firstRaises(events: AlertEvent[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const e of events) {
    if (e.kind !== 'raised') continue;
    const cur = m.get(e.incidentKey);
    if (cur === undefined || e.at < cur) m.set(e.incidentKey, e.at);
  }
  return m;
}

interface Group {
  base: number[];
  compare: number[];
}

function group(m: Map<string, Group>, k: string): Group {
  let g = m.get(k);
  if (!g) {
    g = { base: [], compare: [] };
    m.set(k, g);
  }
  return g;
}

/** True when the two runs fired exactly the same alerts at the same times. */
export function isEmptyDiff(d: BacktestDiff): boolean {
  return d.gained.length === 0 && d.lost.length === 0 && d.shifted.length === 0 && d.leadTimes.length === 0;
}
